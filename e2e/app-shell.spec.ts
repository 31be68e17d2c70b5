import { expect, test } from '@playwright/test'
import { e2eRpcUrl, e2eServicesUrl } from './devnetPorts'

test('the app shell renders and the engine worker answers from lib/core @dev', async ({ page }, testInfo) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/Marginflow/)
  await expect(page.getByRole('banner')).toContainText('Marginflow')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  // Static assets come from public/ (no network at build or run time).
  const icon = await page.locator('link[rel="icon"]').getAttribute('href')
  expect((await page.request.get(icon!)).headers()['content-type']).toContain('image/svg+xml')
  await expect(page.getByRole('heading', { level: 1, name: 'Real-time leverage' })).toBeAttached()
  for (const panel of ['ETH/USD price chart', 'Leverage', 'Positions']) await expect(page.getByRole('region', { name: panel, exact: true })).toBeVisible()

  // The worker prices Hull's Example 15.6 call (S=42, K=40, r=10%, sigma=20%, T=0.5): 4.76 to the
  // book's two decimals. Seeing it proves the worker chunk was bundled and lib/core ran inside it.
  const engine = page.getByRole('status', { name: 'Engine' })
  // next dev compiles the worker chunk on first request: allow it time.
  await expect(engine).toContainText('self-check', { timeout: 45_000 })
  const price = Number((await engine.textContent())?.match(/= ([\d.]+) USD/)?.[1])
  expect(price).toBeCloseTo(4.76, 2)

  const shot = await page.screenshot({ fullPage: true })
  await testInfo.attach('app-shell', { body: shot, contentType: 'image/png' })
  if (testInfo.project.name === 'production') await page.screenshot({ path: 'e2e/artifacts/app-shell.png', fullPage: true })
})

test('the app shell stacks on a phone-size screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/')
  const chart = await page.getByRole('region', { name: 'ETH/USD price chart' }).boundingBox()
  const leverage = await page.getByRole('region', { name: 'Leverage', exact: true }).boundingBox()
  expect(chart && leverage).toBeTruthy()
  // Stacked: the leverage panel sits below the chart, not beside it.
  expect(leverage!.y).toBeGreaterThanOrEqual(chart!.y + chart!.height)
  await page.screenshot({ path: 'e2e/artifacts/app-shell-phone.png', fullPage: true })
})

test('pages carry the security headers, and the live page runs under its policy without a violation @dev', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  const response = await page.goto('/portfolio?address=0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65')
  const headers = response!.headers()
  const rpc = new URL(e2eRpcUrl)
  // Connections: the app, the devnet's stream, its RPC over HTTP and WebSocket — nothing else.
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ${e2eServicesUrl} ${rpc.origin} ws://${rpc.host};`)
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  // Under that policy the page works: the worker starts, the stream and the chain are read live.
  await expect(page.getByRole('meter', { name: 'Leverage' })).toHaveAttribute('data-confident', 'true', { timeout: 45_000 })
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([])
})
