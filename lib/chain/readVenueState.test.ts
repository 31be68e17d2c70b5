import { createPublicClient, formatUnits, http, type Address, type PublicClient } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateAccount } from '../core/risk/evaluateAccount'
import { devnetWstEthAbi, marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { readVenueState } from './readVenueState'
import { venueOnAnvil } from './venueOnAnvil.testing'

/**
 * The converters against the venue's own figures on a real anvil (DESIGN.md §3: parity to 1e-9
 * relative plus one wei): a trader with USDC and WETH, a cross BTC perp and an isolated ETH short
 * is read through `readVenueState`, and lib/core's `evaluateAccount` of the converted state must
 * equal the venue's `accountHealth` read independently at the same block. Funding, open interest,
 * feed verdicts and reads at past blocks are checked against what the test did to the chain.
 */

const venue = devnetAddresses.marginVenue
const relativeTolerance = 1e-9
const wei = 1e-18
/** The venue's WAD as a number through viem's decimal formatting: a second path, not `fromWad`. */
const usd = (value: bigint) => Number(formatUnits(value, 18))
const expectParity = (chain: bigint, engine: number, what: string) =>
  expect(Math.abs(usd(chain) - engine), `${what}: venue ${usd(chain)} vs engine ${engine}`).toBeLessThanOrEqual(relativeTolerance * Math.abs(engine) + wei)

describe('readVenueState (anvil)', () => {
  let chain: Awaited<ReturnType<typeof venueOnAnvil>>
  let client: PublicClient
  let trader: Address
  /** Never touched: an empty account. */
  const stranger = '0x00000000000000000000000000000000deadbeef' as const
  let blockBeforeDeposit: bigint
  /** Timestamps of the two BTC buys (0.3, then 0.2 an hour later). */
  let btcTradeTimes: [bigint, bigint]

  beforeAll(async () => {
    chain = await venueOnAnvil()
    client = createPublicClient({ chain: foundry, transport: http(chain.rpcUrl) })
    trader = chain.devAccounts[3] as Address
    await chain.mintAndApprove(trader, 'USDC', 20_000)
    await chain.mintAndApprove(trader, 'WETH', 3)
    blockBeforeDeposit = await client.getBlockNumber({ cacheTime: 0 })
    await chain.confirm(chain.deposit(trader, 'USDC', 20_000))
    await chain.confirm(chain.deposit(trader, 'WETH', 3))
    await chain.publish()
    // Two buys an hour apart, so the position's last funding index is not the market's first.
    const first = await chain.confirm(chain.trade(trader, 'BTC', 0.3))
    await chain.publish({}, { afterSeconds: 3_600 })
    const second = await chain.confirm(chain.trade(trader, 'BTC', 0.2))
    const time = async (blockNumber: bigint) => (await client.getBlock({ blockNumber })).timestamp
    btcTradeTimes = [await time(first.blockNumber), await time(second.blockNumber)]
    await chain.confirm(chain.openIsolated(trader, 'ETH', 2_000, -4))
    // An hour of funding, then fresh prices that moved both positions.
    await chain.publish({ BTC: 61_200, ETH: 2_940 }, { afterSeconds: 3_600 })
  }, 120_000)

  afterAll(async () => {
    await chain?.anvil.stop()
  })

  it("evaluateAccount of the converted state equals the venue's accountHealth to 1e-9 (cross, per underlying, isolated)", async () => {
    const state = await readVenueState(client, { venue, accounts: [trader, stranger], accountHealth: true })
    const health = await client.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [trader], blockNumber: state.blockNumber })
    const account = state.accounts[trader.toLowerCase() as Lowercase<Address>]
    if (account === undefined) throw new Error('the trader was not read')
    expect(account.perps).toHaveLength(1)
    expect(account.isolated).toHaveLength(1)
    const engine = evaluateAccount(account, state.markets, state.params)

    expectParity(health.cross.equity, engine.equity, 'equity')
    expectParity(health.cross.initialMargin, engine.initialMargin, 'IM')
    expectParity(health.cross.maintenanceMargin, engine.maintenanceMargin, 'MM')
    expect(engine.maintenanceMargin).toBeGreaterThan(0)
    expect(health.cross.underlyings).toHaveLength(1)
    for (const underlying of health.cross.underlyings) {
      const risk = engine.underlyings.BTC
      expect(underlying.marketId).toBe(0n)
      if (risk === undefined) throw new Error('the engine has no BTC book')
      expectParity(underlying.maintenanceMargin, risk.maintenanceMargin, 'BTC MM')
      expectParity(underlying.initialMargin, risk.initialMargin, 'BTC IM')
      expectParity(underlying.grossNotional, risk.grossNotional, 'BTC G')
    }
    const [isolated] = health.isolated
    const engineIsolated = engine.isolated[0]
    if (isolated === undefined || engineIsolated === undefined) throw new Error('no isolated position')
    expect(engineIsolated.id).toBe(String(isolated.id))
    expectParity(isolated.health.equity, engineIsolated.equity, 'isolated equity')
    expectParity(isolated.health.maintenanceMargin, engineIsolated.maintenanceMargin, 'isolated MM')
    expectParity(isolated.health.initialMargin, engineIsolated.initialMargin, 'isolated IM')

    // The converted venueHealth is the same view read the other way, and agrees with the engine.
    const venueHealth = state.venueHealth?.[trader.toLowerCase() as Lowercase<Address>]
    expect(venueHealth?.cross.equity).toBeCloseTo(usd(health.cross.equity), 9)
    expect(venueHealth?.cross.underlyings.BTC?.maintenanceRange).toBeCloseTo(usd(health.cross.underlyings[0]?.maintenanceRange ?? 0n), 15)
    expect(venueHealth?.isolated[String(isolated.id)]).toMatchObject({ underlying: 'ETH', liquidatable: false })
    expect(venueHealth?.isolated[String(isolated.id)]?.health.equity).toBeCloseTo(engineIsolated.equity, 6)

    // An account that never traded: every balance zero, nothing open, nothing owed.
    const empty = state.accounts[stranger]
    expect(empty).toStrictEqual({ collateral: { USDC: 0, WETH: 0, wstETH: 0 }, perps: [], options: [], isolated: [] })
    expect(evaluateAccount(empty!, state.markets, state.params)).toMatchObject({ equity: 0, maintenanceMargin: 0, initialMargin: 0 })
  })

  it('balances, sizes and entries are what the transactions did; markets are at the block read', async () => {
    const state = await readVenueState(client, { venue, accounts: [trader] })
    const block = await client.getBlock({ blockNumber: state.blockNumber })
    expect(state.chainTime).toBe(Number(block.timestamp))
    expect(state.markets.now).toBe(state.chainTime)
    expect(state.venueHealth).toBeUndefined()

    const account = state.accounts[trader.toLowerCase() as Lowercase<Address>]
    expect(account?.collateral.WETH).toBe(3)
    expect(account?.perps[0]).toMatchObject({ underlying: 'BTC', size: 0.5 })
    expect(account?.collateral.USDC).toBeLessThan(18_000) // 2,000 went to the isolated margin, fees and funding were paid
    expect(account?.isolated[0]?.perp).toMatchObject({ underlying: 'ETH', size: -4 })
    // Entry prices are the fills the venue reported in its Traded events.
    const fills = await client.getContractEvents({ address: venue, abi: marginVenueAbi, eventName: 'Traded', args: { account: trader }, fromBlock: 0n, strict: true })
    expect(fills.map((fill) => usd(fill.args.newEntryPrice)).slice(1)).toEqual([account?.perps[0]?.entryPrice, account?.isolated[0]?.perp.entryPrice])

    // Prices are the published ones; wstETH is ETH × its exchange rate, read from the token itself.
    expect(state.markets.underlyings.BTC).toMatchObject({ price: 61_200, conf: 30.6, vol: 0.55 })
    expect(state.markets.collateral.WETH).toStrictEqual({ price: 2_940, conf: 1.47, linkedUnderlying: 'ETH' })
    const exchangeRate = await client.readContract({ address: devnetAddresses.wstEth, abi: devnetWstEthAbi, functionName: 'stEthPerToken', blockNumber: state.blockNumber })
    expect(state.markets.collateral.wstETH?.price).toBeCloseTo(2_940 * usd(exchangeRate), 9)
    expect(state.markets.collateral.wstETH?.linkedUnderlying).toBe('ETH')
    expect(state.markets.collateral.USDC?.linkedUnderlying).toBeUndefined()

    // Open interest is the two positions. BTC's funding rate drifts at dr/dt = maxFundingVelocity
    // · skew / skewScale per day (DESIGN.md §4.5): 3 · 0.3 / 10,000 between the buys, 3 · 0.5 /
    // 10,000 since. The position settled funding at the second buy, so it owes from there.
    expect(state.marketStatus.BTC).toMatchObject({ priceStatus: 'live', volatilityStatus: 'live', halt: 'none', longOpenInterest: 0.5, shortOpenInterest: 0 })
    expect(state.marketStatus.ETH).toMatchObject({ longOpenInterest: 0, shortOpenInterest: 4 })
    const [t1, t2] = btcTradeTimes
    const rate = ((3 * 0.3) / 10_000) * (Number(t2 - t1) / 86_400) + ((3 * 0.5) / 10_000) * (Number(block.timestamp - t2) / 86_400)
    expect(Number(t2 - t1)).toBeGreaterThanOrEqual(3_600)
    expect(state.marketStatus.BTC?.fundingRate).toBeCloseTo(rate, 15)
    const perp = account?.perps[0]
    expect(perp?.lastFundingIndex).toBeGreaterThan(0)
    expect(state.markets.underlyings.BTC?.fundingIndex).toBeGreaterThan(perp?.lastFundingIndex ?? Infinity)
    expect(state.marketStatus.BTC?.fundingRate).toBeGreaterThan(0)
    expect(state.marketStatus.ETH?.fundingRate).toBeLessThan(0)
    expect(state.collateralStatus).toStrictEqual({ USDC: 'live', WETH: 'live', wstETH: 'live' })
    expect(state.params.markets.BTC?.mmFloor).toBe(0.005)
    // Deployed with Deribit's fee rule and a 1 % half-spread (devnet/deploy.ts).
    expect(state.optionTradingParams).toStrictEqual({ spread: 0.01, feeRate: 0.0003, feeCap: 0.125 })
  })

  it('reads a past block as it was: before the deposit the trader had nothing', async () => {
    const state = await readVenueState(client, { venue, accounts: [trader], blockNumber: blockBeforeDeposit })
    expect(state.blockNumber).toBe(blockBeforeDeposit)
    expect(state.chainTime).toBe(Number((await client.getBlock({ blockNumber: blockBeforeDeposit })).timestamp))
    expect(state.accounts[trader.toLowerCase() as Lowercase<Address>]).toStrictEqual({ collateral: { USDC: 0, WETH: 0, wstETH: 0 }, perps: [], options: [], isolated: [] })
    expect(state.marketStatus.BTC?.longOpenInterest).toBe(0)
  })

  it('says which markets are halted and why: a jump awaiting confirmation, then every feed stale', async () => {
    // ETH +15 % at once: jumped, and the venue keeps valuing at the trusted price.
    await chain.publish({ ETH: 2_940 * 1.15 })
    const jumped = await readVenueState(client, { venue, accounts: [] })
    expect(jumped.marketStatus.ETH).toMatchObject({ priceStatus: 'jumped', halt: 'priceJumped' })
    expect(jumped.markets.underlyings.ETH?.price).toBe(2_940)
    expect(jumped.collateralStatus.WETH).toBe('jumped')
    expect(jumped.marketStatus.BTC).toMatchObject({ priceStatus: 'live', halt: 'none' })

    // Past maxAge (60 s) with no update: stale everywhere.
    await chain.testClient.increaseTime({ seconds: 61 })
    await chain.testClient.mine({ blocks: 1 })
    const stale = await readVenueState(client, { venue, accounts: [] })
    for (const symbol of ['BTC', 'SOL'] as const) expect(stale.marketStatus[symbol]).toMatchObject({ priceStatus: 'stale', volatilityStatus: 'stale', halt: 'stalePrice' })
    expect(stale.collateralStatus.USDC).toBe('stale')
  })
})
