import { createWalletClient, http, type WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toWad } from '../../devnet/venue/venueParams'
import { optionChain } from '../core/market/optionChain'
import { fromWad } from './fromWad'
import { marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { readOptionSeriesTerms } from './readOptionSeriesTerms'
import { readVenueState } from './readVenueState'
import { venueOnAnvil } from './venueOnAnvil.testing'

/**
 * lib/core's `optionChain` against the venue itself: series listed on a fresh anvil (as the keeper
 * lists them: BTC and ETH, calls and puts around spot, two hours to a month out), read back as terms
 * by `readOptionSeriesTerms`, quoted by `optionChain` from `readVenueState` at one block, and
 * compared with the venue's own `getOptionSeries` (mark, bid, ask, Greeks) and `quoteOption`
 * (fee) at that block.
 *
 * Tolerance (as contracts/parity/optionMath.parity.test.ts): |chain − core| ≤ 1e-9·|core| + 2 wei —
 * the chain rounds each figure to a wei and a double read back from WAD is within ½ wei.
 */
describe('optionChain quotes what the venue quotes', () => {
  let chain: Awaited<ReturnType<typeof venueOnAnvil>>
  let wallet: WalletClient
  const gas = 5_000_000n
  const venue = devnetAddresses.marginVenue
  const listed: { marketId: bigint; isCall: boolean; strike: number; expiry: bigint }[] = []
  let soonest = 0n
  const write = (functionName: string, args: readonly unknown[]) =>
    wallet.writeContract({ chain: null, account: chain.owner, gas, address: venue, abi: marginVenueAbi, functionName, args } as never)

  beforeAll(async () => {
    chain = await venueOnAnvil()
    wallet = createWalletClient({ transport: http(chain.rpcUrl) })
    await chain.publish()
    await chain.confirm(write('setOptionLister', [chain.owner, true]))
    const { timestamp } = await chain.publicClient.getBlock({ blockTag: 'latest' })
    soonest = timestamp + 2n * 3_600n
    for (const expiry of [soonest, timestamp + 3n * 86_400n, timestamp + 30n * 86_400n])
      for (const [marketId, strikes] of [[0n, [54_000, 59_000, 60_000, 61_500, 70_000]], [1n, [2_600, 3_000, 3_350]]] as const)
        for (const strike of strikes)
          for (const isCall of [true, false]) {
            await chain.confirm(write('listSeries', [marketId, isCall, toWad(strike), expiry]))
            listed.push({ marketId, isCall, strike, expiry })
          }
  }, 120_000)

  afterAll(async () => {
    await chain?.anvil.stop()
  })

  const close = (chainWad: bigint, core: number | null, what: string) => {
    expect(core, what).not.toBeNull()
    expect(Math.abs(fromWad(chainWad) - core!), `${what}: venue ${fromWad(chainWad)}, core ${core}`).toBeLessThanOrEqual(1e-9 * Math.abs(core!) + 2e-18)
  }

  const compareAtLatest = async () => {
    const { series } = await readOptionSeriesTerms(chain.publicClient, { pageSize: 16n })
    const state = await readVenueState(chain.publicClient, { accounts: [] })
    const views = await chain.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getOptionSeries', args: [0n, 1_000n], blockNumber: state.blockNumber })
    const quoted = optionChain({ markets: state.markets, params: state.params, tradingParams: state.optionTradingParams, series })
    expect(views).toHaveLength(listed.length)
    expect(quoted.rows).toHaveLength(views.length)
    for (const [i, view] of views.entries()) {
      const row = quoted.rows[i]!
      const name = `series ${row.seriesId} (${row.underlying} ${row.strike} ${row.kind})`
      expect(row.expired, name).toBe(view.expired)
      close(view.mark, row.mark, `${name} mark`)
      if (view.expired) continue
      close(view.bid, row.bid, `${name} bid`)
      close(view.ask, row.ask, `${name} ask`)
      close(view.delta, row.delta, `${name} delta`)
      close(view.gamma, row.gamma, `${name} gamma`)
      close(view.vega, row.vega, `${name} vega`)
      close(view.theta, row.theta, `${name} theta`)
      const [, , fee] = await chain.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'quoteOption', args: [view.id, toWad(1)], blockNumber: state.blockNumber })
      close(fee, row.fee, `${name} fee`)
    }
    return { quoted, views, state }
  }

  it('reads the listed terms back in trader units, in id order', async () => {
    const { series } = await readOptionSeriesTerms(chain.publicClient, { pageSize: 7n })
    expect(series).toEqual(
      listed.map((terms, id) => ({ seriesId: String(id), underlying: terms.marketId === 0n ? 'BTC' : 'ETH', kind: terms.isCall ? 'call' : 'put', strike: terms.strike, expiry: Number(terms.expiry) })),
    )
  })

  it('marks, bid/ask, Greeks and fees equal getOptionSeries and quoteOption within 1e-9, at two prices and times', async () => {
    const first = await compareAtLatest()
    expect(first.quoted.rows.every((row) => !row.expired)).toBe(true)
    chain.level.BTC = 57_250.5
    chain.level.ETH = 3_210.25
    await chain.publish({}, { afterSeconds: 1_800 })
    const second = await compareAtLatest()
    expect(second.quoted.underlyings.BTC!.price).toBeCloseTo(57_250.5, 6)
    expect(second.quoted.rows[0]!.mark).not.toBe(first.quoted.rows[0]!.mark)
  }, 60_000)

  it('an expired series is flagged as the venue flags it and worth intrinsic', async () => {
    await chain.publish({}, { afterSeconds: Number(soonest) - Number((await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp) + 60 })
    const { quoted } = await compareAtLatest()
    const expired = quoted.rows.filter((row) => row.expired)
    expect(expired).toHaveLength(16)
    for (const row of expired) {
      const spot = quoted.underlyings[row.underlying]!.price
      expect(row.mark).toBe(Math.max(0, row.kind === 'call' ? spot - row.strike : row.strike - spot))
      expect(row.ask).toBeNull()
    }
  }, 60_000)
})
