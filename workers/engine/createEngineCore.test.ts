import { describe, expect, it } from 'vitest'
import { defaultOptionTradingParams } from '../../lib/core/market/params'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { Account, Markets } from '../../lib/core/risk/types'
import type { EngineSnapshot } from '../../lib/engine/protocol'
import type { FeedHealth, FeedHealthState, PriceTick } from '../../lib/feeds/types'
import { createEngineCore } from './createEngineCore'
import type { VenueState as EngineVenueState } from '../../lib/chain/types'

const ethTrader = '0x00000000000000000000000000000000000000e1'
const btcTrader = '0x00000000000000000000000000000000000000b1'
const book = (underlying: string, size: number, entryPrice: number): Account => ({
  collateral: { USDC: 10_000 },
  perps: [{ underlying, size, entryPrice, lastFundingIndex: 0 }],
  options: [],
  isolated: [],
})
const venueMarkets: Markets = {
  now: 1_700_000_000,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.55, fundingIndex: 0 }, ETH: { price: 3_000, conf: 0, vol: 0.65, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const venue: EngineVenueState = {
  blockNumber: 7n,
  chainTime: 1_700_000_000,
  markets: venueMarkets,
  params: defaultRiskParams,
  optionTradingParams: defaultOptionTradingParams,
  accounts: { [ethTrader]: book('ETH', 5, 3_000), [btcTrader]: book('BTC', -0.5, 60_000) },
  marketStatus: {},
  collateralStatus: {},
}
const tick = (symbol: string, price: number, publishTime: number, conf = 0): PriceTick =>
  ({ id: '0x00', symbol, price, conf, publishTime, status: 'live', source: 'stream', receivedAt: 0, raw: undefined as never }) as PriceTick
const health = (symbol: string, state: FeedHealthState, price = 1): FeedHealth => ({ id: '0x00', symbol, state, price, age: 1, updatesPerSecond: 1, lastRejection: null })

function setup({ chainStallMs }: { chainStallMs?: number } = {}) {
  let now = 0
  const timers: { at: number; callback: () => void }[] = []
  const posted: EngineSnapshot[] = []
  const core = createEngineCore({
    workerId: 'w',
    clock: () => now,
    post: (snapshot) => posted.push(snapshot),
    setTimer: (callback, ms) => timers.push({ at: now + ms, callback }),
    ...(chainStallMs === undefined ? {} : { chainStallMs }),
  })
  const run = async (ms: number) => {
    now += ms
    await Promise.resolve() // microtask flushes
    const due = timers.filter((t) => t.at <= now)
    timers.splice(0, timers.length, ...timers.filter((t) => t.at > now))
    for (const timer of due) timer.callback()
  }
  core.watch([ethTrader, btcTrader])
  core.onConnection('connected')
  core.onPriceHealth(['BTC', 'ETH', 'USDC'].map((symbol) => health(symbol, 'live')))
  core.onVenueState(venue)
  return { core, posted, run, advance: (ms: number) => (now += ms) }
}

describe('createEngineCore', () => {
  it('re-evaluates a watched perp book at the streamed price: equity and MM as the closed forms of DESIGN.md §4.1–4.2', async () => {
    const { core, posted, run } = setup()
    core.onPriceTick(tick('USDC', 1, 1_700_000_001), 0)
    core.onPriceTick(tick('ETH', 2_900, 1_700_000_001, 1.2), 0)
    await run(20)
    const eth = posted.at(-1)!.accounts.find((account) => account.address === ethTrader)!
    // A = 10,000 USDC + q(S − entry);  MM = (max(floor, zσ√(1 h / 1 y)) + sizeSlope·G)·G with G = |q|·S
    const notional = 5 * 2_900
    const range = Math.max(0.0075, 3 * 0.65 * Math.sqrt(3_600 / 31_536_000)) + 1e-9 * notional
    expect(eth.risk?.equity).toBeCloseTo(10_000 + 5 * (2_900 - 3_000), 9)
    expect(eth.risk?.maintenanceMargin).toBeCloseTo(range * notional, 9)
    expect(eth.risk?.grossLeverage).toBeCloseTo(notional / 9_500, 12)
    expect(eth.confident).toBe(true)
    expect(eth.blockNumber).toBe('7')
  })

  it('posts a lone tick at once, and coalesces a burst into one snapshot per post interval (4 ms)', async () => {
    const { core, posted, run } = setup()
    await run(0) // the set-up's snapshot
    await run(100)
    const before = posted.length
    core.onPriceTick(tick('BTC', 60_100, 1_700_000_001), 0)
    await run(0)
    expect(posted.length).toBe(before + 1) // no waiting for an interval
    for (let i = 0; i < 10; i++) core.onPriceTick(tick('BTC', 60_100 + i, 1_700_000_002 + i), 0)
    await run(1)
    expect(posted.length).toBe(before + 1) // inside the interval: held
    await run(4)
    expect(posted.length).toBe(before + 2)
    expect(posted.at(-1)!.ticks).toHaveLength(10)
    expect(posted.at(-1)!.candles.some((update) => update.symbol === 'BTC' && update.interval === 60)).toBe(true)
    // A health-only snapshot does not count against the interval: the next tick is not held back.
    await run(100)
    core.onPriceHealth([health('SOL', 'live')])
    await run(50)
    const afterHealth = posted.length
    core.onPriceTick(tick('BTC', 60_200, 1_700_000_100), 0)
    await run(0)
    expect(posted.length).toBe(afterHealth + 1)
  })

  it('evaluates each account once per post, at every price its ticks brought: the ticks share one evaluated mark', async () => {
    const { core, posted, run, advance } = setup()
    await run(100)
    // One Hermes message: ETH and BTC ticks, arriving 1 ms apart; then a request reads the figures at once.
    core.onPriceTick(tick('ETH', 2_950, 1_700_000_001), 0)
    advance(1)
    core.onPriceTick(tick('BTC', 61_000, 1_700_000_001), 0)
    advance(1)
    expect(core.account(btcTrader).risk?.equity).toBeCloseTo(10_000 - 0.5 * (61_000 - 60_000), 9) // a read settles first
    await run(10) // the post interval
    const snapshot = posted.at(-1)!
    const eth = snapshot.accounts.find((account) => account.address === ethTrader)!
    const btc = snapshot.accounts.find((account) => account.address === btcTrader)!
    expect(eth.risk?.equity).toBeCloseTo(10_000 + 5 * (2_950 - 3_000), 9)
    expect(btc.risk?.equity).toBeCloseTo(10_000 - 0.5 * (61_000 - 60_000), 9)
    const [first, second] = snapshot.ticks
    expect(first!.evaluated).toBe(second!.evaluated) // one evaluation for both ticks
    expect(first!.evaluated).toBeGreaterThanOrEqual(second!.accepted)
    expect(second!.posted).toBeGreaterThanOrEqual(second!.evaluated)
  })

  it('a stream error event reaches the page with the time it arrived, within the housekeeping delay, and stays until a newer one', async () => {
    const { core, posted, run } = setup()
    await run(100)
    expect(posted.at(-1)!.streamError).toBeUndefined()
    await run(1_000)
    core.onStreamError('Error receiving update: Lagged(1)')
    await run(50)
    expect(posted.at(-1)!.streamError).toEqual({ message: 'Error receiving update: Lagged(1)', at: 1_100 })
    core.onPriceTick(tick('BTC', 60_100, 1_700_000_001), 0)
    await run(10)
    expect(posted.at(-1)!.streamError?.at).toBe(1_100)
  })

  it('revalues only the books the ticked underlying affects', async () => {
    const { core, posted, run } = setup()
    await run(20)
    const before = posted.at(-1)!.accounts.find((account) => account.address === btcTrader)!.risk
    core.onPriceTick(tick('ETH', 2_950, 1_700_000_001), 0)
    await run(20)
    const after = posted.at(-1)!.accounts
    expect(after.find((account) => account.address === btcTrader)!.risk).toBe(before) // the very same result
    expect(after.find((account) => account.address === ethTrader)!.risk?.equity).toBeCloseTo(10_000 + 5 * -50, 9)
  })

  it('is never confident on a feed that is not live, the stream down, or the chain not read', async () => {
    const { core, posted, run } = setup()
    core.onPriceHealth([health('ETH', 'stale')])
    await run(60) // health-only changes go out within 50 ms
    const eth = posted.at(-1)!.accounts.find((account) => account.address === ethTrader)!
    expect(eth.confident).toBe(false)
    expect(eth.doubts).toEqual(['ETH price stale'])
    expect(posted.at(-1)!.accounts.find((account) => account.address === btcTrader)!.confident).toBe(true)
    core.onConnection('disconnected')
    await run(60) // health-only changes go out within 50 ms
    expect(posted.at(-1)!.accounts.every((account) => !account.confident)).toBe(true)
    core.onConnection('connected')
    core.onPriceHealth([health('ETH', 'live')])
    core.onChainError(new Error('rpc down'))
    await run(60) // health-only changes go out within 50 ms
    expect(posted.at(-1)!.accounts.every((account) => !account.confident && account.doubts.includes('chain error'))).toBe(true)
  })

  it('reports an account it cannot evaluate with the typed error, not a figure', async () => {
    const { core, posted, run } = setup()
    core.onVenueState({ ...venue, blockNumber: 8n, accounts: { ...venue.accounts, [ethTrader]: book('DOGE', 1, 1) } })
    await run(20)
    const eth = posted.at(-1)!.accounts.find((account) => account.address === ethTrader)!
    expect(eth.risk).toBeNull()
    expect(eth.confident).toBe(false)
    expect(eth.error?.name).toMatch(/Error/)
  })

  it('answers solver requests from its own state: the streamed price, the venue book', async () => {
    const { core, run } = setup()
    core.onPriceTick(tick('USDC', 1, 1_700_000_001), 0)
    core.onPriceTick(tick('ETH', 2_900, 1_700_000_001), 0)
    await run(20)
    // Perp-only USDC book: the most USDC it can withdraw is A − IM, with IM = 2·MM (DESIGN.md §4.2, §4.4).
    const notional = 5 * 2_900
    const mm = (Math.max(0.0075, 3 * 0.65 * Math.sqrt(3_600 / 31_536_000)) + 1e-9 * notional) * notional
    const withdrawable = core.request('maxWithdrawable', { account: ethTrader })
    expect(withdrawable.USDC?.amount).toBeCloseTo(9_500 - 2 * mm, 6)
    // A preview of buying 1 ETH more adds its notional at the streamed price.
    const preview = core.request('tradePreview', { account: ethTrader, trade: { underlying: 'ETH', size: 1, skew: 0 }, liquidationPrices: false })
    expect(preview.changes.grossNotional.after - preview.changes.grossNotional.before).toBeCloseTo(2_900, 0)
    expect(core.request('candles', { symbol: 'ETH', interval: 60 })).toEqual([{ time: 1_699_999_980, open: 2_900, high: 2_900, low: 2_900, close: 2_900 }])
    expect(() => core.request('maxWithdrawable', { account: '0x0000000000000000000000000000000000000bad' })).toThrow(/No book loaded/)
  })

  it('answers scenarioGrid from its own state: cells at the streamed price, the venue book, typed errors', async () => {
    const { core, run } = setup()
    core.onPriceTick(tick('USDC', 1, 1_700_000_001), 0)
    core.onPriceTick(tick('ETH', 2_900, 1_700_000_001), 0)
    await run(20)
    const grid = core.request('scenarioGrid', { account: ethTrader, underlying: 'ETH', priceMoves: [-0.1, 0.1], volShocks: [0.5] })
    expect(grid.price).toBe(2_900)
    expect(grid.now).toBe(venueMarkets.now)
    // 5 ETH long: P&L = 5 · 2,900 · x in every cell, whatever the vol; the venue's 27 scenarios are among the cells.
    for (const cell of grid.cells.flat()) expect(cell.pnl).toBeCloseTo(5 * 2_900 * cell.priceMove, 8)
    expect(grid.priceMoves).toContain(-0.1)
    expect(grid.volShocks).toEqual([-0.2, 0, 0.3, 0.5])
    expect(grid.cells.flat().filter((cell) => cell.venueScenario)).toHaveLength(27)
    expect(() => core.request('scenarioGrid', { account: ethTrader, underlying: 'DOGE' })).toThrow(/Unknown market/)
    expect(() => core.request('scenarioGrid', { account: ethTrader, underlying: 'ETH', priceMoves: [-1.5] })).toThrow(/priceMoves\[0\]/)
  })

  it('evaluates the what-if book beside the real one on every tick, and answers hypothetical requests from it', async () => {
    const { core, posted, run } = setup()
    core.onPriceTick(tick('USDC', 1, 1_700_000_001), 0)
    core.onPriceTick(tick('ETH', 2_900, 1_700_000_001), 0)
    await run(20)
    // Deposit 5,000 USDC and sell the 5 ETH back: a flat book holding the cash less the fill's fee.
    core.setWhatIf(ethTrader, [
      { type: 'collateral', asset: 'USDC', amount: 5_000 },
      { type: 'perpTrade', trade: { underlying: 'ETH', size: -5 } },
    ])
    await run(20)
    const eth = () => posted.at(-1)!.accounts.find((account) => account.address === ethTrader)!
    const whatIf = eth().whatIf!
    const step = whatIf.steps![1]!
    if (step.type !== 'perpTrade') throw new Error('expected the perp step')
    // The venue's skew is unknown here (no market status): 0, so the sale fills at 2,900·(1 − 2.5/skewScale).
    expect(step.fill.fillPrice).toBeCloseTo(2_900 * (1 - 2.5 / defaultRiskParams.markets.ETH!.skewScale), 9)
    expect(whatIf.risk?.equity).toBeCloseTo(15_000 + 5 * (step.fill.fillPrice - 3_000) - step.fill.fee, 6)
    expect(whatIf.risk?.maintenanceMargin).toBe(0)
    expect(eth().risk?.equity).toBeCloseTo(10_000 + 5 * (2_900 - 3_000), 9) // the real book is untouched
    // Figures follow the price: on the next tick the hypothetical sale fills at the new price.
    core.onPriceTick(tick('ETH', 3_100, 1_700_000_002), 0)
    await run(20)
    const next = eth().whatIf!.steps![1]!
    expect(next.type === 'perpTrade' && next.fill.fillPrice).toBeCloseTo(3_100 * (1 - 2.5 / defaultRiskParams.markets.ETH!.skewScale), 9)
    expect(core.request('bookState', { account: ethTrader, hypothetical: true }).account.perps).toEqual([])
    expect(core.request('bookState', { account: ethTrader }).account.perps).toHaveLength(1)
    const preview = core.request('whatIfPreview', { account: ethTrader, changes: [{ type: 'collateral', asset: 'USDC', amount: -1_000 }], hypothetical: true })
    expect(preview.after.equity - preview.before.equity).toBeCloseTo(-1_000, 9)

    // A change that cannot apply is reported, not thrown; the real figures stay; clearing removes it.
    core.setWhatIf(ethTrader, [{ type: 'collateral', asset: 'USDC', amount: -50_000 }])
    await run(20)
    expect(eth().whatIf).toMatchObject({ risk: null, steps: null, error: { name: 'InvalidInputError' } })
    expect(eth().risk?.equity).toBeCloseTo(10_000 + 5 * (3_100 - 3_000), 9)
    expect(() => core.request('scenarioGrid', { account: ethTrader, underlying: 'ETH', hypothetical: true })).toThrow(/changes\[0\]\.amount/)
    core.setWhatIf(ethTrader, [])
    await run(20)
    expect(eth().whatIf).toBeNull()
  })

  it('a chain that goes quiet stops being live after five block times, and is live again on the next block', async () => {
    const { core, posted, run } = setup({ chainStallMs: 3_000 })
    core.onPriceTick(tick('USDC', 1, 1_700_000_001), 0)
    core.onPriceTick(tick('ETH', 2_900, 1_700_000_001), 0)
    // Blocks every 2 s: the allowance is max(3 s, 5 × 2 s) = 10 s of silence.
    for (let block = 8n; block <= 12n; block++) {
      await run(2_000)
      core.onVenueState({ ...venue, blockNumber: block })
    }
    const eth = () => posted.at(-1)!.accounts.find((account) => account.address === ethTrader)!
    await run(20)
    expect(eth().confident).toBe(true)
    await run(9_500)
    core.checkChain()
    await run(60)
    expect(posted.at(-1)!.chain.status).toBe('live') // 9.6 s: within five block times
    await run(600)
    core.checkChain()
    await run(60)
    expect(posted.at(-1)!.chain).toMatchObject({ status: 'error', error: 'no new block for 10 s' })
    expect(eth().confident).toBe(false)
    expect(eth().doubts).toContain('chain error')
    core.onVenueState({ ...venue, blockNumber: 13n })
    await run(20)
    expect(posted.at(-1)!.chain.status).toBe('live')
    expect(eth().confident).toBe(true)
  })
})
