import { expect, test, type Page } from '@playwright/test'
import { createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { marginVenueAbi } from '../lib/chain/generated/abis'
import { devnetAddresses } from '../lib/chain/generated/addresses'
import { fromWad } from '../lib/chain/fromWad'
import { readEngineInputs } from '../lib/chain/readEngineInputs'
import { evaluateAccount } from '../lib/core/risk/evaluateAccount'
import { e2eRpcUrl, e2eServicesUrl } from './devnetPorts'

/**
 * The trader dashboard on the demo devnet (issue 7), in a real browser: the demo wallet acts as
 * the seeded retail trader (5× long ETH); deposits, withdrawals and the fix-it action go through
 * the real venue, and the figures on screen are checked against lib/core on the chain's state.
 * Each test starts from the seeded market (`/demo/reset`).
 */

const servicesUrl = e2eServicesUrl
const rpcUrl = e2eRpcUrl
const retail = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const chain = createPublicClient({ chain: foundry, transport: http(rpcUrl) })

test.describe.configure({ mode: 'serial' })

const number = (text: string | null) => Number((text ?? '').replace(/[^\d.−-]/g, '').replace('−', '-'))

async function openDashboard(page: Page) {
  const reset = await page.request.post(`${servicesUrl}/demo/reset`, { data: {} })
  expect(reset.ok()).toBe(true)
  await page.goto('/')
  await expect(page.getByRole('button', { name: /Retail/ })).toBeVisible({ timeout: 30_000 })
  const gauge = page.getByRole('meter', { name: 'Leverage' })
  await expect(gauge).toHaveAttribute('data-confident', 'true', { timeout: 30_000 })
  return gauge
}

/** lib/core on the chain's latest state: the engine's figures for exactly what the venue holds. */
async function engineOnChain() {
  const blockNumber = await chain.getBlockNumber({ cacheTime: 0 }) // no cache: a reset rewinds the chain
  const inputs = await readEngineInputs(chain, devnetAddresses.marginVenue, retail, blockNumber)
  return evaluateAccount(inputs.account, inputs.markets, inputs.params)
}

test('the demo wallet shows the seeded retail trader: a live 5× leverage, its meters and its position', async ({ page }) => {
  const gauge = await openDashboard(page)
  const leverage = Number(await gauge.getAttribute('aria-valuenow'))
  expect(leverage).toBeGreaterThan(4.5)
  expect(leverage).toBeLessThan(5.5)
  expect(Number(await gauge.getAttribute('aria-valuemax'))).toBeGreaterThan(leverage)
  const ratio = page.getByRole('meter', { name: 'Margin ratio' })
  expect(Number(await ratio.getAttribute('aria-valuenow'))).toBeGreaterThan(5)
  await expect(page.getByRole('status', { name: 'Feed status' })).toHaveAttribute('data-state', 'live')
  await expect(page.getByRole('table', { name: /Open perp positions/ })).toContainText('ETH')
  await expect(page.getByRole('table', { name: /Open perp positions/ })).toContainText('est.')
  // The price moves under it.
  const price = page.getByTestId('header-price')
  const first = await price.textContent()
  await expect.poll(() => price.textContent(), { timeout: 15_000 }).not.toBe(first)
  await page.screenshot({ path: 'e2e/artifacts/dashboard-desktop.png', fullPage: true })
})

test('deposit in one click: mined, equity up by the deposit, liquidation price lower; figures match lib/core on the chain state', async ({ page }) => {
  await openDashboard(page)
  const equity = page.getByTestId('equity')
  const before = number(await equity.textContent())
  const liquidation = page.getByRole('table', { name: /Open perp positions/ }).getByRole('cell').filter({ hasText: 'est.' })
  const liquidationBefore = number((await liquidation.first().textContent())?.split('USD')[0] ?? '')
  expect(liquidationBefore).toBeGreaterThan(2_000)
  await page.getByRole('tab', { name: 'deposit' }).click()
  await page.getByLabel('Amount (USDC)').fill('2500')
  await expect(page.getByTestId('after-Equity')).toBeVisible()
  await page.getByRole('button', { name: /Deposit 2500 USDC — one signature/ }).click()
  await expect(page.getByRole('status', { name: 'Transaction' }).first()).toHaveAttribute('data-stage', 'confirmed', { timeout: 20_000 })
  await expect.poll(async () => number(await equity.textContent()) - before, { timeout: 10_000 }).toBeGreaterThan(2_400)
  const shown = number(await equity.textContent())
  const truth = await engineOnChain()
  // Same book and parameters; the page's price may be one tick (≤ 1 s) newer than the block.
  expect(Math.abs(shown - truth.equity) / truth.equity).toBeLessThan(2e-3)
  expect(truth.collateralValue).toBeGreaterThan(12_400)
  // More margin: the long's liquidation price moves down (25 % more equity ≈ 150 USD lower for 16.7 ETH).
  await expect.poll(async () => liquidationBefore - number((await liquidation.first().textContent())?.split('USD')[0] ?? ''), { timeout: 10_000 }).toBeGreaterThan(100)
})

test('open a position from the order ticket: previewed, mined, and in the positions table', async ({ page }) => {
  await openDashboard(page)
  await page.getByRole('button', { name: 'SOL-PERP' }).click()
  await page.getByLabel(/Order notional/).fill('3000')
  const ticket = page.getByRole('region', { name: 'Order ticket' })
  await expect(ticket).toContainText('Fill price', { timeout: 10_000 })
  await expect(ticket.getByTestId('after-Gross leverage')).toBeVisible()
  await page.getByRole('button', { name: 'Buy / long SOL' }).click()
  await expect(ticket.getByRole('status', { name: 'Transaction' })).toHaveAttribute('data-stage', 'confirmed', { timeout: 20_000 })
  await expect(page.getByRole('table', { name: /Open perp positions/ })).toContainText('SOL', { timeout: 10_000 })
  const inputs = await readEngineInputs(chain, devnetAddresses.marginVenue, retail, await chain.getBlockNumber({ cacheTime: 0 }))
  const sol = inputs.account.perps.find((perp) => perp.underlying === 'SOL')
  expect(sol?.size).toBeCloseTo(3_000 / inputs.markets.underlyings.SOL!.price, 1)
})

test('withdraw the maximum; more than the maximum is refused before signing', async ({ page }) => {
  await openDashboard(page)
  await page.getByRole('tab', { name: 'withdraw' }).click()
  const max = page.getByRole('button', { name: /^Max \d/ })
  await expect(max).toBeVisible({ timeout: 10_000 })
  const maximum = number((await max.textContent())?.replace('USDC', '') ?? '')
  expect(maximum).toBeGreaterThan(1_000)
  await page.getByLabel('Amount (USDC)').fill(String(Math.ceil(maximum + 50)))
  await expect(page.locator('#collateral-error')).toContainText('can be withdrawn now')
  await expect(page.getByRole('button', { name: /^Withdraw/ })).toBeDisabled()
  await max.click()
  await page.getByRole('button', { name: /^Withdraw \d/ }).click()
  await expect(page.getByRole('status', { name: 'Transaction' }).first()).toHaveAttribute('data-stage', 'confirmed', { timeout: 20_000 })
  // "Max" leaves 1 % of the maximum for price moves: free collateral is about that, and never negative.
  const truth = await engineOnChain()
  expect(truth.freeCollateral).toBeGreaterThan(0)
  expect(truth.freeCollateral).toBeLessThan(0.03 * maximum)
})

test('crash → warning → its fix-it deposit brings the margin ratio back under 50 %', async ({ page, request }) => {
  await openDashboard(page)
  expect((await request.post(`${servicesUrl}/demo/crash`, { data: { asset: 'ETH', percent: 17, seconds: 3 } })).ok()).toBe(true)
  const warning = page.getByTestId('risk-warning')
  await expect(warning).toBeVisible({ timeout: 20_000 })
  const fix = warning.getByRole('button', { name: /to get back to 50 %/ })
  await expect(fix).toBeEnabled({ timeout: 10_000 })
  await page.screenshot({ path: 'e2e/artifacts/dashboard-warning.png', fullPage: true })
  await fix.click()
  // Once mined, the engine re-reads the book and the warning (with its status line) goes away.
  await expect(warning).toBeHidden({ timeout: 20_000 })
  const truth = await engineOnChain()
  expect(truth.marginRatio).toBeLessThan(0.5)
})

test('a stalled feed: stale shown, risk-increasing orders blocked with the reason', async ({ page, request }) => {
  await openDashboard(page)
  expect((await request.post(`${servicesUrl}/demo/stall`, { data: { asset: 'ETH', seconds: 120 } })).ok()).toBe(true)
  await page.request.post(`${servicesUrl}/demo/advance-time`, { data: { seconds: 90 } })
  await expect(page.getByRole('status', { name: 'Feed status' })).not.toHaveAttribute('data-state', 'live', { timeout: 20_000 })
  await page.getByLabel(/Order notional/).fill('1000')
  await expect(page.getByRole('region', { name: 'Order ticket' })).toContainText('only orders that reduce risk go through', { timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Buy / long ETH' })).toBeDisabled()
  await expect(page.getByRole('meter', { name: 'Leverage' })).toHaveAttribute('data-confident', 'false')
})

test('a revert is decoded and shown before the wallet signs: an order beyond initial margin', async ({ page }) => {
  await openDashboard(page)
  await page.getByLabel(/Order notional/).fill('5000000')
  await expect(page.getByRole('region', { name: 'Order ticket' })).toContainText('below initial margin', { timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Buy / long ETH' })).toBeDisabled()
})

test('a rejected signature leaves the form as it was, with the reason', async ({ page }) => {
  await openDashboard(page)
  await page.evaluate(() => (window as unknown as { marginflowWallet: { demoWallet: { setApprover: (f: (() => boolean) | null) => void } } }).marginflowWallet.demoWallet.setApprover(() => false))
  await page.getByRole('tab', { name: 'deposit' }).click()
  await page.getByLabel('Amount (USDC)').fill('1000')
  await page.getByRole('button', { name: /Deposit 1000 USDC/ }).click()
  const status = page.getByRole('status', { name: 'Transaction' }).first()
  await expect(status).toHaveAttribute('data-stage', 'failed', { timeout: 10_000 })
  await expect(status).toContainText('You rejected the request')
  await expect(page.getByLabel('Amount (USDC)')).toHaveValue('1000')
  await page.evaluate(() => (window as unknown as { marginflowWallet: { demoWallet: { setApprover: (f: null) => void } } }).marginflowWallet.demoWallet.setApprover(null))
})

test('nothing typed is lost when the engine worker restarts', async ({ page }) => {
  await openDashboard(page)
  await page.getByLabel(/Order notional/).fill('1234')
  await page.evaluate(() => (window as unknown as { marginflow: { engine: { killWorker: () => void } } }).marginflow.engine.killWorker())
  await expect.poll(() => page.evaluate(() => (window as unknown as { marginflow: { store: { getState: () => { restarts: number; engine: string } } } }).marginflow.store.getState()), { timeout: 5_000 }).toMatchObject({ restarts: 1, engine: 'running' })
  await expect(page.getByLabel(/Order notional/)).toHaveValue('1234')
  await expect(page.getByTestId('after-Gross leverage')).toBeVisible({ timeout: 5_000 }) // the preview came back from the new worker
})

test('the power user moves margin from cross into its isolated position', async ({ page }) => {
  await openDashboard(page)
  await page.getByRole('button', { name: /^Wallet:/ }).click()
  await page.getByRole('menuitemradio', { name: /Power user/ }).click()
  const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'
  const isolatedMargin = async () => (await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getAccount', args: [power] })).isolated[0]!.margin
  const before = await isolatedMargin()
  await page.getByRole('button', { name: /Add margin to BTC perp short/ }).click()
  await expect(page.getByRole('tab', { name: 'Move margin' })).toHaveAttribute('aria-selected', 'true')
  await page.getByLabel('Amount (USDC)').fill('750')
  await page.getByRole('button', { name: /Move 750 USDC into the isolated position/ }).click()
  await expect(page.getByRole('status', { name: 'Transaction' }).first()).toHaveAttribute('data-stage', 'confirmed', { timeout: 20_000 })
  // 750 USDC in, less the position's funding settled by the same action (cents).
  expect(Number((await isolatedMargin()) - before) / 1e18).toBeCloseTo(750, 0)
  // Back to the retail identity for the next tests.
  await page.getByRole('button', { name: /^Wallet:/ }).click()
  await page.getByRole('menuitemradio', { name: /Retail/ }).click()
})

test("the power user's 20 option positions are listed with the venue's series and model marks", async ({ page }) => {
  await openDashboard(page)
  await page.getByRole('button', { name: /^Wallet:/ }).click()
  await page.getByRole('menuitemradio', { name: /Power user/ }).click()
  const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'
  const rows = page.locator('[data-testid^="option-"]')
  const held = (await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getAccount', args: [power] })).options
  expect(held.length).toBeGreaterThanOrEqual(20)
  await expect(rows).toHaveCount(held.length, { timeout: 20_000 })
  const symbols = ['BTC', 'ETH', 'SOL']
  for (const position of held.slice(0, 4)) {
    const key = `${symbols[Number(position.marketId)]}-${position.isCall ? 'call' : 'put'}-${fromWad(position.strike)}-${Number(position.expiry)}`
    const row = page.getByTestId(`option-${key}`)
    await expect(row).toBeVisible()
    const cells = () => row.locator('td').allInnerTexts()
    expect(Number((await cells())[1]!.replace(/[+,]/g, '').replace('−', '-'))).toBeCloseTo(fromWad(position.size), 4)
    // The page's mark is the worker's Black-Scholes at the streamed price, the venue's at its
    // latest block; prices tick every second, so poll until both describe the same tick.
    await expect
      .poll(
        async () => {
          const [series] = await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getOptionSeries', args: [position.seriesId, 1n] })
          const shown = Number((await cells())[3]!.replace(/[, USD]/g, ''))
          const venueMark = fromWad(series!.mark)
          return Math.abs(shown - venueMark) <= 0.002 * venueMark + 0.01
        },
        { timeout: 20_000, intervals: [250] },
      )
      .toBe(true)
  }
  await page.locator('section[aria-label="Positions"]').screenshot({ path: 'e2e/artifacts/positions-options.png' })
  await page.getByRole('button', { name: /^Wallet:/ }).click()
  await page.getByRole('menuitemradio', { name: /Retail/ }).click()
})

test('alerts: a margin-ratio alert fires in the page when crossed, and is kept after a reload', async ({ page, request }) => {
  await openDashboard(page)
  const alerts = page.getByRole('region', { name: 'Alerts' })
  await alerts.getByLabel('Threshold (%)').fill('20')
  await alerts.getByRole('button', { name: 'Add alert' }).click()
  await expect(alerts).toContainText('Margin ratio above 20 %')
  expect((await request.post(`${servicesUrl}/demo/crash`, { data: { asset: 'ETH', percent: 12, seconds: 3 } })).ok()).toBe(true)
  await expect(alerts.getByRole('alert')).toContainText('above your 20 % alert', { timeout: 20_000 })
  await page.reload()
  await expect(page.getByRole('region', { name: 'Alerts' })).toContainText('Margin ratio above 20 %')
  await page.evaluate(() => window.localStorage.removeItem('marginflow.alerts'))
})

test('phone layout: gauge, positions and actions stacked', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await openDashboard(page)
  const gauge = await page.getByRole('meter', { name: 'Leverage' }).boundingBox()
  const positions = await page.getByRole('region', { name: 'Positions', exact: true }).boundingBox()
  const ticket = await page.getByRole('region', { name: 'Order ticket' }).boundingBox()
  expect(gauge && positions && ticket).toBeTruthy()
  expect(positions!.y).toBeGreaterThan(gauge!.y)
  expect(ticket!.y).toBeGreaterThan(positions!.y)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.screenshot({ path: 'e2e/artifacts/dashboard-phone.png', fullPage: true })
})
