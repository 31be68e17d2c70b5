import { expect, test, type Page } from '@playwright/test'
import { createPublicClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { fromWad } from '../lib/chain/fromWad'
import { marginVenueAbi } from '../lib/chain/generated/abis'
import { devnetAddresses } from '../lib/chain/generated/addresses'
import { readVenueState } from '../lib/chain/readVenueState'
import { evaluateAccount, type EvaluateAccountReturnType } from '../lib/core/risk/evaluateAccount'
import { applyOptionTrade } from '../lib/core/solvers/applyOptionTrade'
import { e2eRpcUrl, e2eServicesUrl } from './devnetPorts'

/**
 * The options ticket on /portfolio (issue 9), in a real browser on the demo devnet, as the seeded
 * power user: the chain's quotes equal the venue's own `getOptionSeries`; a one-contract order's
 * preview equals lib/core (`applyOptionTrade` + `evaluateAccount`) on the chain's state; "Buy"
 * puts the contract on the venue and the page marks it.
 */

const chain = createPublicClient({ chain: foundry, transport: http(e2eRpcUrl) })
const venue = devnetAddresses.marginVenue
const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address

test.describe.configure({ mode: 'serial' })

async function openAsPowerUser(page: Page) {
  expect((await page.request.post(`${e2eServicesUrl}/demo/reset`, { data: {} })).ok()).toBe(true)
  await page.goto('/portfolio')
  await page.getByRole('button', { name: /^Wallet:/ }).click({ timeout: 30_000 })
  await page.getByRole('menuitemradio', { name: /Power user/ }).click()
  await expect(page.getByRole('meter', { name: 'Leverage' })).toHaveAttribute('data-confident', 'true', { timeout: 30_000 })
}

/**
 * Holds every feed the power user's figures depend on still for 30 s (the demo's `stall`, well
 * under the 60 s that makes a feed stale): the chain's state and the page's prices then agree
 * exactly once the last updates have landed, and only time moves.
 */
async function holdPricesStill(page: Page) {
  for (const asset of ['BTC', 'ETH', 'SOL', 'USDC'])
    for (const feed of asset === 'USDC' ? ['price'] : ['price', 'volatility'])
      expect((await page.request.post(`${e2eServicesUrl}/demo/stall`, { data: { asset, feed, seconds: 30 } })).ok()).toBe(true)
}

/** The quotes the page shows, read in one render. */
async function shownChain(page: Page) {
  return page.evaluate(() => {
    const table = document.querySelector<HTMLElement>('[data-testid="option-chain"]')
    if (table === null) return null
    const cells = [...table.querySelectorAll<HTMLElement>('td[data-series-id]')]
    return {
      underlying: table.dataset.underlying!,
      price: Number(table.dataset.price),
      vol: Number(table.dataset.vol),
      now: Number(table.dataset.now),
      confident: table.dataset.confident === 'true',
      quotes: cells.map((cell) => ({
        seriesId: cell.dataset.seriesId!,
        mark: Number(cell.dataset.mark),
        bid: Number(cell.previousElementSibling!.getAttribute('data-bid')),
        ask: Number(cell.nextElementSibling!.getAttribute('data-ask')),
        held: Number(cell.dataset.held),
      })),
    }
  })
}

/** Largest relative gap between the page's quotes and the venue's `getOptionSeries` at the latest block (Infinity while they cannot be compared). */
async function gapToVenue(page: Page): Promise<number> {
  const shown = await shownChain(page)
  if (shown === null || shown.quotes.length === 0) return Infinity
  const count = await chain.readContract({ address: venue, abi: marginVenueAbi, functionName: 'seriesCount' })
  const views = await chain.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getOptionSeries', args: [0n, count] })
  let gap = 0
  for (const quote of shown.quotes) {
    const view = views.find((v) => String(v.id) === quote.seriesId)
    if (view === undefined) return Infinity
    for (const [page, venueWad] of [
      [quote.mark, view.mark],
      [quote.bid, view.bid],
      [quote.ask, view.ask],
    ] as const)
      gap = Math.max(gap, Math.abs(page - fromWad(venueWad)) / Math.max(fromWad(venueWad), 1e-9))
  }
  return gap
}

test('the chain quotes what the venue quotes; a 1-contract preview equals lib/core on the chain state; Buy puts it on the venue', async ({ page }) => {
  await openAsPowerUser(page)
  const ticket = page.getByRole('region', { name: 'Options ticket' })
  await ticket.scrollIntoViewIfNeeded()
  await expect(page.getByTestId('option-chain')).toBeVisible({ timeout: 30_000 })
  await expect(ticket.getByRole('tab', { name: 'BTC' })).toHaveAttribute('aria-selected', 'true')
  await expect(ticket).toContainText('implied volatility')
  await expect(ticket).not.toContainText('NaN')

  // Quotes: the page prices at the stream's tick and the chain at its last update, one block apart
  // at most; held still, they meet — to 1e-9, the venue's own parity with lib/core.
  await holdPricesStill(page)
  await expect.poll(() => gapToVenue(page), { timeout: 20_000, intervals: [250] }).toBeLessThan(1e-9)

  // Choose the call nearest the money in the nearest expiry (the chain's middle row).
  const shown = (await shownChain(page))!
  const strikes = await page.locator('[data-testid="option-chain"] tbody th[scope="row"]').allTextContents()
  const atm = strikes.map((s) => Number(s.replaceAll(',', ''))).reduce((best, k) => (Math.abs(k - shown.price) < Math.abs(best - shown.price) ? k : best))
  const row = page.locator('[data-testid="option-chain"] tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${atm.toLocaleString('en-US')}$`) }) })
  const callButton = row.locator('td[data-series-id] button').first()
  await callButton.focus()
  await page.keyboard.press('Enter') // Enter selects, as a click does
  const order = page.getByRole('form', { name: 'Option order' })
  await expect(order).toBeVisible()
  const seriesId = (await order.getAttribute('data-series-id'))!
  await expect(callButton).toHaveAttribute('aria-pressed', 'true')

  // Validation before anything is asked.
  await order.getByLabel(/^Contracts/).fill('0.005')
  await expect(order).toContainText('Contracts go in steps of 0.01.')
  await expect(order.getByRole('button', { name: /^Buy/ })).toBeDisabled()
  await order.getByLabel(/^Contracts/).fill('1')

  // The preview against lib/core on the chain's state, at the page's valuation time.
  const preview = page.getByTestId('option-preview')
  await expect(preview).toBeVisible({ timeout: 10_000 })
  await page.waitForTimeout(1_200) // a refresh after the last venue read
  const shownPreview = await page.evaluate(() => {
    const element = document.querySelector<HTMLElement>('[data-testid="option-preview"]')!
    const figures = Object.fromEntries(
      [...element.querySelectorAll<HTMLElement>('tr[data-figure]')].map((tr) => [tr.dataset.figure!, { before: Number(tr.dataset.before), after: Number(tr.dataset.after) }]),
    )
    return { premium: Number(element.dataset.premium), fee: Number(element.dataset.fee), now: Number(element.dataset.now), figures }
  })
  const state = await readVenueState(chain, { accounts: [power] })
  const book = state.accounts[power.toLowerCase() as Lowercase<Address>]!
  const terms = (await chain.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getOptionSeries', args: [BigInt(seriesId), 1n] }))[0]!
  // At the preview's valuation time (the worker's last venue read): a second of theta is ~1e-5 of an ATM premium.
  const markets = { ...state.markets, now: shownPreview.now }
  const trade = { underlying: 'BTC', kind: terms.isCall ? ('call' as const) : ('put' as const), strike: fromWad(terms.strike), expiry: Number(terms.expiry), seriesId, size: 1 }
  const filled = applyOptionTrade({ account: book, markets, params: state.params, trade, tradingParams: state.optionTradingParams })
  const before = evaluateAccount(book, markets, state.params)
  const after = evaluateAccount(filled.account, markets, state.params)
  // Same prices; the worker's funding index may be one block older than this read (cents at most).
  const near = (shownValue: number, truth: number, what: string, absolute = 0.05) =>
    expect(Math.abs(shownValue - truth), `${what}: page ${shownValue}, lib/core ${truth}`).toBeLessThanOrEqual(absolute + 1e-6 * Math.abs(truth))
  near(shownPreview.premium, filled.fill.premium, 'premium per contract', 1e-6)
  near(shownPreview.fee, filled.fill.fee, 'fee', 1e-6)
  const figure = (name: string, pick: (r: EvaluateAccountReturnType) => number, absolute?: number) => {
    near(shownPreview.figures[name]!.before, pick(before), `${name} before`, absolute)
    near(shownPreview.figures[name]!.after, pick(after), `${name} after`, absolute)
  }
  figure('Equity', (r) => r.equity)
  figure('Initial margin', (r) => r.initialMargin)
  figure('Maintenance margin', (r) => r.maintenanceMargin)
  figure('Margin ratio', (r) => r.marginRatio, 1e-7)
  figure('Free collateral', (r) => r.freeCollateral)
  figure('BTC net delta', (r) => r.underlyings.BTC!.netDelta, 1e-6)
  figure('BTC gamma', (r) => (r.underlyings.BTC!.gamma * r.underlyings.BTC!.price) / 100, 1e-6)
  figure('BTC vega', (r) => r.underlyings.BTC!.vega / 100, 1e-3)
  figure('BTC theta', (r) => r.underlyings.BTC!.theta / 365, 1e-3)
  // A long call adds delta and gamma, and costs equity by its spread and fee.
  expect(shownPreview.figures['BTC net delta']!.after).toBeGreaterThan(shownPreview.figures['BTC net delta']!.before)
  expect(shownPreview.figures.Equity!.after).toBeLessThan(shownPreview.figures.Equity!.before)
  await expect(order).toContainText('slippage tolerance')
  await ticket.screenshot({ path: 'e2e/artifacts/options-ticket-preview.png' })

  // Buy: simulated, signed by the demo wallet, confirmed; the venue holds one more contract.
  const held = async () =>
    (await chain.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [power] })).options.find((o) => String(o.seriesId) === seriesId)?.size ?? 0n
  const heldBefore = await held()
  await order.getByRole('button', { name: /^Buy 1 BTC/ }).click()
  await expect(order.getByRole('status', { name: 'Transaction' })).toHaveAttribute('data-stage', 'confirmed', { timeout: 30_000 })
  expect(await held()).toBe(heldBefore + 10n ** 18n)
  await expect(page.locator(`td[data-series-id="${seriesId}"]`)).toHaveAttribute('data-held', String(fromWad(heldBefore) + 1), { timeout: 15_000 })
  await expect(page.locator(`td[data-series-id="${seriesId}"] button`)).toHaveAccessibleName(/you hold \+/)
  await ticket.screenshot({ path: 'e2e/artifacts/options-ticket-bought.png' })
  await page.screenshot({ path: 'e2e/artifacts/options-ticket-page.png', fullPage: true })
})

test('watching an account read only: quotes and preview, no trade', async ({ page }) => {
  expect((await page.request.post(`${e2eServicesUrl}/demo/reset`, { data: {} })).ok()).toBe(true)
  await page.goto(`/portfolio?address=${power}`)
  const ticket = page.getByRole('region', { name: 'Options ticket' })
  await ticket.getByRole('tab', { name: 'ETH' }).click({ timeout: 30_000 })
  await expect(page.getByTestId('option-chain')).toHaveAttribute('data-underlying', 'ETH', { timeout: 15_000 })
  // A click on a put's bid chooses the series and the sell side.
  await page.locator('[data-testid="option-chain"] tbody tr').nth(4).locator('td[data-bid]').last().click()
  const order = page.getByRole('form', { name: 'Option order' })
  await expect(order.getByRole('radio', { name: 'Sell' })).toHaveAttribute('aria-checked', 'true')
  await expect(order.getByRole('heading')).toContainText(/^ETH [\d,]+ P · /)
  await order.getByLabel(/^Contracts/).fill('2')
  await expect(page.getByTestId('option-preview')).toContainText('Receives')
  await expect(order.getByRole('button', { name: /^Sell 2 ETH/ })).toBeDisabled()
  await expect(order).toContainText('Watching read only')
  await expect(ticket).not.toContainText('NaN')
})
