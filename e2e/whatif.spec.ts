import { expect, test, type Page } from '@playwright/test'
import { createPublicClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { marginVenueAbi } from '../lib/chain/generated/abis'
import { devnetAddresses } from '../lib/chain/generated/addresses'
import { readEngineInputs } from '../lib/chain/readEngineInputs'
import { evaluateAccount } from '../lib/core/risk/evaluateAccount'
import { applyWhatIf } from '../lib/core/solvers/applyWhatIf'
import { e2eRpcUrl } from './devnetPorts'
import { openPortfolioAsPowerUser } from './openPortfolioAsPowerUser'

/**
 * What-if on /portfolio (issue 9), in a real browser on the demo devnet: hypothetical changes
 * change the figures — by what lib/core says they should, computed here from the chain — without
 * sending anything; they survive a reload; "Execute" sends them as real transactions and the
 * venue's book then holds them.
 */

const chain = createPublicClient({ chain: foundry, transport: http(e2eRpcUrl) })
const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address

test.describe.configure({ mode: 'serial' })

/** Real and what-if figures of the compare table, read in one go (one render, one snapshot). */
async function compared(page: Page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="what-if-compare"] tr[data-figure]')]
    return Object.fromEntries(
      rows.map((row) => {
        const real = row.querySelector<HTMLElement>('td[data-real]')!.dataset.real!
        const hypothetical = row.querySelector<HTMLElement>('td[data-hypothetical]')!.dataset.hypothetical!
        return [row.dataset.figure!, { real: real === '' ? NaN : Number(real), hypothetical: hypothetical === '' ? NaN : Number(hypothetical) }]
      }),
    ) as Record<string, { real: number; hypothetical: number }>
  })
}

type StoreProbe = { marginflow: { store: { getState: () => { accounts: Record<string, { blockNumber: string | null }>; feeds: Record<string, { price: number | null }> } } } }

/** The venue block of the power user's book and the USDC price in the page's engine store. */
const bookState = (page: Page) =>
  page.evaluate((address) => {
    const state = (window as unknown as StoreProbe).marginflow.store.getState()
    return `${state.accounts[address]?.blockNumber ?? ''}@${state.feeds.USDC?.price ?? ''}`
  }, power.toLowerCase())

/**
 * The compare table with the block its book was read at and the USDC price it was valued at: both
 * the same in the store before and after a wait longer than the table's 100 ms repaint interval,
 * so the table shows them too. (Background traders move the skew between blocks, and with it a
 * trade's fill; the page values the deposit at the stream's USDC price, which can be a tick ahead
 * of the block's.)
 */
async function comparedAtBlock(page: Page) {
  for (;;) {
    const before = await bookState(page)
    await page.waitForTimeout(150)
    const shown = await compared(page)
    const [block, usdc] = before.split('@')
    if (block && usdc && (await bookState(page)) === before) return { shown, block: BigInt(block), usdc: Number(usdc) }
  }
}

async function addChange(page: Page, change: { type: 'Perp trade' | 'Collateral'; market?: string; side: string; amount: string }) {
  const form = page.getByRole('form', { name: 'Add a hypothetical change' })
  await form.getByLabel('Change').selectOption({ label: change.type })
  if (change.market) await form.getByLabel('Market').selectOption(change.market)
  await form.getByLabel(change.type === 'Collateral' ? 'Direction' : 'Side').selectOption({ label: change.side })
  await form.getByLabel(/^(Size|Amount)/).fill(change.amount)
  await form.getByRole('button', { name: 'Add to what-if' }).click()
}

test('what-if changes the figures by what lib/core says, sends nothing, survives a reload, and Execute sends the transactions', async ({ page }) => {
  await openPortfolioAsPowerUser(page)
  const nonce = await chain.getTransactionCount({ address: power })
  const panel = page.getByRole('region', { name: 'What-if', exact: true })

  await addChange(page, { type: 'Collateral', side: 'Deposit', amount: '5,000' })
  await addChange(page, { type: 'Perp trade', market: 'BTC', side: 'Buy', amount: '0.1' })
  await expect(panel).toHaveAttribute('data-changes', '2')
  await expect(panel.getByTestId('what-if-change')).toHaveText([/Deposit 5,000 USDC/, /Buy 0\.1 BTC perp \(cross\)/])
  await expect(page.getByTestId('hypothetical-banner')).toContainText('2 what-if changes')
  await expect(page.getByRole('region', { name: 'Scenario heatmap' })).toContainText('Hypothetical (what-if)')

  // The equity change is the deposit less the trade's cost: its fee and the skew premium paid
  // over the oracle price, both at the fill lib/core books on the chain's state (skew from the
  // venue's open interest), read at the block the page's book is from. The page prices at the
  // stream's latest tick, the chain at its block's; the cost is ~0.1 % of 0.1 BTC, so a 2 %
  // price drift changes it by cents.
  await expect.poll(async () => (await compared(page)).Equity?.hypothetical, { timeout: 10_000 }).toBeGreaterThan(0)
  const { shown, block, usdc } = await comparedAtBlock(page)
  const inputs = await readEngineInputs(chain, devnetAddresses.marginVenue, power, block)
  const markets = await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getMarkets', blockNumber: block })
  const btc = markets.find((m) => m.symbol === 'BTC')!
  const skew = Number(btc.longOpenInterest - btc.shortOpenInterest) / 1e18
  const truth = applyWhatIf({
    account: inputs.account,
    markets: inputs.markets,
    params: inputs.params,
    changes: [
      { type: 'collateral', asset: 'USDC', amount: 5_000 },
      { type: 'perpTrade', trade: { underlying: 'BTC', size: 0.1 } },
    ],
    skews: { BTC: skew },
  })
  const before = evaluateAccount(inputs.account, inputs.markets, inputs.params)
  const after = evaluateAccount(truth.account, inputs.markets, inputs.params)
  const shownChange = shown.Equity!.hypothetical - shown.Equity!.real
  // The deposit is valued at the page's USDC price, the truth at the block's: their difference
  // times 5,000 is part of the gap (a 2 bp tick is 1 USD); the rest is the trade cost's cents.
  const depositRevalued = 5_000 * Math.abs(usdc - inputs.markets.collateral.USDC!.price)
  expect(Math.abs(shownChange - (after.equity - before.equity))).toBeLessThan(depositRevalued + 0.5)
  expect(shownChange).toBeLessThan(5_000) // the trade costs something
  expect(shown['Maintenance margin']!.hypothetical).toBeGreaterThan(shown['Maintenance margin']!.real) // more BTC, more margin
  for (const { real, hypothetical } of Object.values(shown)) {
    expect(Number.isNaN(real)).toBe(false)
    expect(Number.isNaN(hypothetical)).toBe(false)
  }

  // Nothing was sent.
  await page.waitForTimeout(1_000)
  expect(await chain.getTransactionCount({ address: power })).toBe(nonce)

  // The page shows the real book again on request, the plan survives a reload.
  await panel.getByRole('radio', { name: 'Page shows real' }).click()
  await expect(page.getByTestId('hypothetical-banner')).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('region', { name: 'What-if', exact: true })).toHaveAttribute('data-changes', '2', { timeout: 30_000 })
  await page.getByRole('region', { name: 'What-if', exact: true }).getByRole('radio', { name: 'Page shows what-if' }).click()
  await expect(page.getByTestId('hypothetical-banner')).toBeVisible()
  await page.screenshot({ path: 'test-results/e2e/whatif-planned.png', fullPage: true })

  // Execute: two transactions (the deposit's permit is a signature, not a transaction).
  const btcBefore = inputs.account.perps.find((p) => p.underlying === 'BTC')!.size
  const usdcBefore = inputs.account.collateral.USDC!
  await page.getByRole('region', { name: 'What-if', exact: true }).getByRole('button', { name: 'Execute 2 changes' }).click()
  await expect(page.getByRole('region', { name: 'What-if', exact: true })).toHaveAttribute('data-changes', '0', { timeout: 30_000 })
  expect(await chain.getTransactionCount({ address: power })).toBe(nonce + 2)
  const executed = await readEngineInputs(chain, devnetAddresses.marginVenue, power, await chain.getBlockNumber({ cacheTime: 0 }))
  expect(executed.account.perps.find((p) => p.underlying === 'BTC')!.size).toBeCloseTo(btcBefore + 0.1, 9)
  // + 5,000 − the trade's fee (~3 USD) − funding settled on the way (a few USD at most).
  expect(executed.account.collateral.USDC! - usdcBefore).toBeGreaterThan(4_950)
  expect(executed.account.collateral.USDC! - usdcBefore).toBeLessThan(5_000)
  await expect(page.getByTestId('hypothetical-banner')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/e2e/whatif-executed.png', fullPage: true })
})

test('an option order added to what-if from the options ticket is planned, then executed as tradeOption', async ({ page }) => {
  await openPortfolioAsPowerUser(page)
  const ticket = page.getByRole('region', { name: 'Options ticket' })
  await expect(page.getByTestId('option-chain')).toBeVisible({ timeout: 30_000 })
  // The middle strike (the venue lists strikes around the spot): near the money, a block's price
  // move changes the premium well inside Execute's 1 % limit; far out of it a cheap premium can
  // move more than 1 % in a block, and the venue rightly refuses (PremiumLimitExceeded).
  const rows = page.locator('[data-testid="option-chain"] tbody tr')
  const callCell = rows.nth(Math.floor((await rows.count()) / 2)).locator('td[data-series-id]').first()
  const seriesId = BigInt((await callCell.getAttribute('data-series-id'))!)
  await callCell.locator('button').first().click()
  const order = ticket.getByRole('form', { name: 'Option order' })
  await order.getByLabel(/^Contracts/).fill('1')
  await expect(page.getByTestId('option-preview')).toBeVisible({ timeout: 10_000 })
  await ticket.getByRole('button', { name: /Add to what-if/ }).click()

  const panel = page.getByRole('region', { name: 'What-if', exact: true })
  await expect(panel).toHaveAttribute('data-changes', '1')
  await expect(panel.getByTestId('what-if-change')).toHaveText([/Buy 1 BTC [\d,]+ (call|put) .* UTC.*premium ≈/])
  const before = await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getAccount', args: [power] })
  const held = (account: typeof before) => account.options.find((o) => o.seriesId === seriesId)?.size ?? 0n
  await panel.getByRole('button', { name: 'Execute 1 change' }).click()
  await expect(panel).toHaveAttribute('data-changes', '0', { timeout: 30_000 })
  const after = await chain.readContract({ address: devnetAddresses.marginVenue, abi: marginVenueAbi, functionName: 'getAccount', args: [power] })
  expect(held(after) - held(before)).toBe(10n ** 18n) // exactly one contract, in WAD
})
