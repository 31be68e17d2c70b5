import { expect, test, type Page } from '@playwright/test'
import { e2eServicesUrl } from './devnetPorts'

/**
 * The streaming pipeline in a real browser on a real devnet (issue 6): the page's engine worker
 * consumes the devnet's Hermes-format stream and the venue, and the page shows its snapshots;
 * a killed worker is replaced and snapshots resume within 1 s, with nothing shown as live in
 * between; a dropped stream reconnects and backfills, with the gap never shown as live.
 */

type Probe = { marginflow: { engine: { killWorker: () => void }; store: { getState: () => { engine: string; workerId: string | null; seq: number; connection: string } } } }

const servicesUrl = e2eServicesUrl

async function waitForLivePage(page: Page) {
  expect((await page.request.post(`${servicesUrl}/demo/reset`, { data: {} })).ok()).toBe(true) // the seeded market, whatever ran before
  await page.goto('/')
  for (const symbol of ['BTC', 'ETH', 'SOL', 'USDC']) await expect(page.getByTestId(`feed-${symbol}`)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
  await expect(page.locator('[data-testid^="account-0x"][data-confident="true"]')).toHaveCount(2, { timeout: 30_000 })
}

test('the engine worker streams devnet prices and evaluates the seeded accounts on every tick', async ({ page }, testInfo) => {
  await waitForLivePage(page)
  const price = async () => Number((await page.getByTestId('price-BTC').textContent())?.replace(/[^\d.]/g, ''))
  const seq = () => page.evaluate(() => (window as unknown as Probe).marginflow.store.getState().seq)
  const first = { price: await price(), seq: await seq() }
  expect(first.price).toBeGreaterThan(1_000)
  await expect.poll(seq, { timeout: 10_000 }).toBeGreaterThan(first.seq + 3)
  // The retail account (5× long ETH) has a figure with its unit, evaluated in the worker.
  const retail = page.getByTestId('account-0x90f79bf6eb2c4f870365e785982e1f101e93b906')
  await expect(retail.getByTestId('gross-leverage')).toHaveText(/^\d+\.\d\d×$/)
  const leverage = Number((await retail.getByTestId('gross-leverage').textContent())?.replace('×', ''))
  expect(leverage).toBeGreaterThan(4)
  expect(leverage).toBeLessThan(6)
  await page.screenshot({ path: 'e2e/artifacts/pipeline-live.png', fullPage: true })
  await testInfo.attach('pipeline-live', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
})

test('a killed worker is replaced: snapshots resume within 1 s and nothing is shown as live meanwhile', async ({ page }) => {
  await waitForLivePage(page)
  const result = await page.evaluate(
    () =>
      new Promise<{ detectedAfter: number; resumedAfter: number; liveWhileDown: string[] }>((resolve) => {
        const { engine, store } = (window as unknown as Probe).marginflow
        const before = store.getState().workerId
        const killedAt = performance.now()
        let detectedAfter = -1
        const liveWhileDown: string[] = []
        engine.killWorker()
        const watch = () => {
          const state = store.getState()
          const now = performance.now() - killedAt
          if (state.engine !== 'running') {
            if (detectedAfter < 0) detectedAfter = now
            // Anything painted as live while the engine is down is a failure.
            for (const element of document.querySelectorAll('[data-state="live"], [data-confident="true"]')) liveWhileDown.push(`${element.getAttribute('data-testid')} at ${now.toFixed(0)} ms`)
          }
          if (state.engine === 'running' && state.workerId !== before) return resolve({ detectedAfter, resumedAfter: now, liveWhileDown })
          if (now > 5_000) return resolve({ detectedAfter, resumedAfter: Number.POSITIVE_INFINITY, liveWhileDown })
          requestAnimationFrame(watch)
        }
        requestAnimationFrame(watch)
      }),
  )
  console.log(`worker kill drill: detected after ${result.detectedAfter.toFixed(0)} ms, snapshots resumed after ${result.resumedAfter.toFixed(0)} ms`)
  expect(result.liveWhileDown).toEqual([])
  expect(result.detectedAfter).toBeGreaterThan(0)
  expect(result.resumedAfter).toBeLessThan(1_000)
  // And it is live again, from the new worker.
  await expect(page.getByTestId('feed-BTC')).toHaveAttribute('data-state', 'live', { timeout: 5_000 })
})

test('the stream server drops the connection: the page shows the feeds disconnected, reconnects, backfills and is live again', async ({ page, request }) => {
  await waitForLivePage(page)
  const watching = page.evaluate(
    () =>
      new Promise<{ sawDisconnect: boolean; liveWhileDisconnected: string[]; backAfter: number }>((resolve) => {
        const { store } = (window as unknown as Probe).marginflow
        const start = performance.now()
        let sawDisconnect = false
        const liveWhileDisconnected: string[] = []
        const watch = () => {
          const { connection } = store.getState()
          const now = performance.now() - start
          if (connection !== 'connected') {
            sawDisconnect = true
            for (const element of document.querySelectorAll('[data-state="live"], [data-confident="true"]')) liveWhileDisconnected.push(`${element.getAttribute('data-testid')} (${connection})`)
          } else if (sawDisconnect) return resolve({ sawDisconnect, liveWhileDisconnected, backAfter: now })
          if (now > 15_000) return resolve({ sawDisconnect, liveWhileDisconnected, backAfter: Number.POSITIVE_INFINITY })
          requestAnimationFrame(watch)
        }
        requestAnimationFrame(watch)
      }),
  )
  const dropped = await request.post(`${servicesUrl}/demo/drop-stream`, { data: {} })
  expect(dropped.ok()).toBe(true)
  expect((await dropped.json()).dropped).toBeGreaterThan(0)
  const result = await watching
  expect(result.sawDisconnect).toBe(true)
  expect(result.liveWhileDisconnected).toEqual([])
  expect(result.backAfter).toBeLessThan(15_000)
  for (const symbol of ['BTC', 'ETH', 'SOL', 'USDC']) await expect(page.getByTestId(`feed-${symbol}`)).toHaveAttribute('data-state', 'live', { timeout: 10_000 })
})
