import { parseEventLogs, type Address, type Hash, type Hex } from 'viem'
import { fromWad } from '../../lib/chain/fromWad'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { revertReason } from '../bot/revertReason'
import type { PublishedPriceUpdate } from '../hermes/createHermesServer'
import type { Logger } from '../hermes/createLogger'
import { toWad } from '../venue/venueParams'
import type { DevnetClients } from './createDevnetClients'
import type { ChainBlock } from './createKeeper'
import { optionSeriesPlan, type OptionSeriesTerms } from './optionSeriesPlan'
import type { OptionMarket } from './optionStrikes'
import { priceUpdateData } from './priceUpdateData'
import { readOptionSeries } from './readOptionSeries'

export type SeriesKeeperStatus = {
  /** Series the venue has listed (by anyone), as last read. */
  listed: number
  /** Listings sent and not yet mined. */
  listing: number
  /** Series this keeper settled, and series whose holders were all paid out. */
  settled: number
  paidOut: number
  /** Expired series that cannot be settled: no usable update at or after expiry (see `createSeriesKeeper`). */
  unsettleable: number
  /** Reverted or failed listings, settlements and payouts, and failed reads. */
  failures: number
  lastError: string | null
}

export type SeriesKeeper = {
  /** Reads the series listed since the last read (every series after a reset). Never throws. */
  sync(): Promise<void>
  /** Expiries of known unsettled series strictly between `after` and `before` (unix seconds), ascending. */
  expiriesBetween(after: number, before: number): number[]
  /** Keeps each published update that is the first at or after a known expiry of its feed (prevPublishTime < expiry ≤ publishTime). */
  recordPublished(updates: readonly PublishedPriceUpdate[]): void
  /**
   * One step at `block`: checks earlier transactions, lists the series of `optionSeriesPlan`
   * around `spots` that the venue lacks, settles the expired ones and pays them out. Sends
   * without waiting; never throws.
   */
  onBlock(block: ChainBlock, spots: Record<OptionMarket, number>): Promise<void>
  status(): SeriesKeeperStatus
  /** Forgets everything read and sent (after a chain reset); the next `sync` reads afresh. */
  reset(): void
}

export type CreateSeriesKeeperParameters = {
  clients: DevnetClients
  logger: Logger
  /** Sender of the listings (an option lister: `deployVenue` makes every keeper one), settlements and payouts. */
  keeper: Address
  venue?: Address
  /** Listings sent per block at most, nearest expiry first (48 by default, ≈ 6.3 M gas); the rest follow. */
  maxListingsPerBlock?: number
  /** Shortest life of a newly listed series, seconds (`optionExpiries`; 3,600 by default). */
  minSecondsToExpiry?: number
}

/**
 * Fixed gas (estimates go stale between blocks, devnet/deploy.ts). Measured on anvil: a listing
 * ≈ 131k, a settlement ≈ 111k, a payout ≈ 25k + 50k per holder (50 holders ≈ 2.6M).
 */
const listGas = 500_000n
const settleGas = 1_000_000n
const payoutGas = 4_000_000n
/** Holders paid per `payOutSeries` call. */
const payoutPage = 50n
/** Seconds a listing that reverted waits before it is tried again. */
const listingRetrySeconds = 60
/** Crossing updates kept after their expiry, seconds. */
const crossingRetentionSeconds = 7 * 86_400

type Known = {
  id: bigint
  market: string
  feedId: string
  isCall: boolean
  strike: bigint
  expiry: number
  /** open: not settled; settling / paying: transactions in flight; settled: needs its payout checked. */
  state: 'open' | 'settling' | 'settled' | 'paying' | 'paid' | 'unsettleable'
  sent: Hash[]
  /** Extra payout rounds after the first. */
  payoutAttempts: number
  /** This keeper sent its settlement or payouts (only those are logged as paid out). */
  ours: boolean
}

type MarketInfo = { id: bigint; symbol: string; feedId: string }

/**
 * The keeper's option desk (issue 8): lists series and settles them.
 *
 * **Listing.** Each step it lists what `optionSeriesPlan` wants at the block's time and the
 * simulator's spots — the next two daily and two weekly 08:00 UTC expiries, nine strikes around
 * spot, calls and puts — and the venue does not have (read with `seriesCount` /
 * `getOptionSeries`, by any lister), nearest expiry first, at most `maxListingsPerBlock` per
 * block. As chain time passes (the demo's advance-time control included) new expiries appear
 * and, as spot moves, new strikes; listed series are never withdrawn.
 *
 * **Settlement.** The keeper remembers, per feed, the update it published that is the first at
 * or after each known expiry (`recordPublished`: prevPublishTime < expiry ≤ publishTime — what
 * Pyth's `parsePriceFeedUpdatesUnique` proves) and asks its caller to publish one exactly at
 * any expiry a block skips (`expiriesBetween`, for the advance-time control: a real oracle
 * would have published in between). Once chain time passes an unsettled series' expiry it sends
 * `settleSeries(id, [that update])` and, in the same block, `payOutSeries(id, 50)` once per 50
 * holders (`seriesHolders`: no holder joins after expiry); then, until a dry run of
 * `payOutSeries(id, 0)` returns 0 remaining, more payouts. Each is logged (`series settled` with
 * the settlement price, `series paid out`).
 *
 * What cannot be settled is logged at warn and skipped (`unsettleable`): when the keeper does not
 * have the update (it started after the expiry, or the feed was stalled through it), or the
 * update falls outside the venue's window of `maxAge` after expiry, or the venue rejects it (a
 * bad tick published at expiry: zero, negative or too uncertain). Such a series stays valued at
 * intrinsic on the live price (contracts/README.md, choice 12); anyone holding the update may
 * still settle it.
 *
 * Failures (reverts, RPC errors) are logged and counted and never stop the caller's loop.
 *
 * @example
 * const series = createSeriesKeeper({ clients, logger, keeper })
 * await series.sync()
 * series.recordPublished(tick.prices)
 * await series.onBlock(block, { BTC: 60_120, ETH: 3_004 })
 */
export function createSeriesKeeper({ clients, logger, keeper, venue = devnetAddresses.marginVenue, maxListingsPerBlock = 48, minSecondsToExpiry }: CreateSeriesKeeperParameters): SeriesKeeper {
  const { publicClient, walletClient } = clients
  let markets: MarketInfo[] | null = null
  let maxAge: number | null = null
  const series = new Map<bigint, Known>()
  const listedTerms = new Set<string>()
  let synced = 0n
  const pendingListings = new Map<string, { hash: Hash; terms: OptionSeriesTerms }>()
  const retryAfter = new Map<string, number>()
  /** Per feed id and expiry, the first update at or after it. */
  const crossings = new Map<string, PublishedPriceUpdate>()
  const counts = { settled: 0, paidOut: 0, failures: 0 }
  let lastError: string | null = null
  /** Bumped by `reset`: a step that began before it must not write into the new state. */
  let epoch = 0

  const fail = (message: string, fields: Record<string, unknown>, error?: unknown) => {
    counts.failures += 1
    lastError = `${message}${error === undefined ? '' : `: ${messageOf(error)}`}`
    logger.warn(message, { ...fields, ...(error === undefined ? {} : { error: messageOf(error) }) })
  }

  const termsKey = (market: string, isCall: boolean, strike: bigint, expiry: number) => `${market}/${isCall ? 'C' : 'P'}/${strike}/${expiry}`
  const crossingKey = (feedId: string, expiry: number) => `${feedId}/${expiry}`
  const describe = (s: Known) => ({ seriesId: s.id, market: s.market, isCall: s.isCall, strike: fromWad(s.strike), expiry: s.expiry })

  const send = (request: Omit<Parameters<typeof walletClient.writeContract>[0], 'chain' | 'account' | 'address' | 'abi'>) =>
    walletClient.writeContract({ chain: null, account: keeper, address: venue, abi: marginVenueAbi, ...request } as Parameters<typeof walletClient.writeContract>[0])

  async function sync() {
    const at = epoch
    try {
      if (markets === null) {
        const [views, guard] = await Promise.all([
          publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' }),
          publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'oracleGuardParams' }),
        ])
        if (at !== epoch) return
        markets = views.map((m) => ({ id: m.id, symbol: m.symbol, feedId: m.priceId.toLowerCase() }))
        maxAge = Number(guard.maxAge)
      }
      const count = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'seriesCount' })
      if (count <= synced || at !== epoch) return
      const fresh = await readOptionSeries(publicClient, { venue, from: synced })
      if (at !== epoch) return
      for (const view of fresh) {
        if (series.has(view.id)) continue
        const market = markets.find((m) => m.id === view.marketId)
        if (market === undefined) continue
        const expiry = Number(view.expiry)
        series.set(view.id, { id: view.id, market: market.symbol, feedId: market.feedId, isCall: view.isCall, strike: view.strike, expiry, state: view.settled ? 'settled' : 'open', sent: [], payoutAttempts: 0, ours: false })
        listedTerms.add(termsKey(market.symbol, view.isCall, view.strike, expiry))
        if (view.id + 1n > synced) synced = view.id + 1n
      }
    } catch (error) {
      fail('series read failed', {}, error)
    }
  }

  function expiriesBetween(after: number, before: number): number[] {
    const expiries = new Set<number>()
    for (const s of series.values()) if (s.state === 'open' && s.expiry > after && s.expiry < before) expiries.add(s.expiry)
    return [...expiries].sort((a, b) => a - b)
  }

  function recordPublished(updates: readonly PublishedPriceUpdate[]) {
    for (const update of updates) {
      const feedId = update.id.toLowerCase().startsWith('0x') ? update.id.toLowerCase() : `0x${update.id.toLowerCase()}`
      const previous = update.prevPublishTime ?? 0
      for (const s of series.values()) {
        if (s.feedId !== feedId || s.state !== 'open' || !(previous < s.expiry && s.expiry <= update.publishTime)) continue
        const key = crossingKey(feedId, s.expiry)
        if (!crossings.has(key)) crossings.set(key, update)
      }
    }
  }

  /** Receipts of earlier listings, settlements and payouts. */
  async function checkSent(at: number) {
    for (const [key, { hash, terms }] of pendingListings) {
      const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined)
      if (receipt === undefined || at !== epoch) continue
      pendingListings.delete(key)
      if (receipt.status === 'success') listedTerms.add(key)
      else {
        const reason = await revertReason({ client: publicClient, receipt })
        retryAfter.set(key, Number((await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp) + listingRetrySeconds)
        fail('listing reverted', { ...terms, errorName: reason.errorName, txHash: hash })
      }
    }
    for (const s of series.values()) {
      if ((s.state !== 'settling' && s.state !== 'paying') || s.sent.length === 0) continue
      const receipts = await Promise.all(s.sent.map((hash) => publicClient.getTransactionReceipt({ hash }).catch(() => undefined)))
      if (receipts.some((receipt) => receipt === undefined) || at !== epoch) continue
      const [first, ...payouts] = receipts as NonNullable<(typeof receipts)[number]>[]
      if (first === undefined) continue
      if (s.state === 'settling') {
        if (first.status === 'success') {
          const settledEvent = parseEventLogs({ abi: marginVenueAbi, logs: first.logs, eventName: 'SeriesSettled' }).find((event) => event.args.seriesId === s.id)
          counts.settled += 1
          logger.info('series settled', {
            ...describe(s),
            settlementPrice: settledEvent === undefined ? null : fromWad(settledEvent.args.settlementPrice),
            publishTime: settledEvent === undefined ? null : Number(settledEvent.args.publishTime),
            txHash: first.transactionHash,
            blockNumber: first.blockNumber,
          })
        } else {
          const reason = await revertReason({ client: publicClient, receipt: first })
          if (reason.errorName === 'SeriesAlreadySettled') logger.info('series already settled', { ...describe(s), txHash: first.transactionHash })
          else {
            s.state = 'unsettleable'
            s.sent = []
            fail('settlement reverted', { ...describe(s), errorName: reason.errorName, args: reason.args, txHash: first.transactionHash })
            continue
          }
        }
      }
      const all = s.state === 'settling' ? payouts : [first, ...payouts]
      const failed = all.filter((receipt) => receipt.status !== 'success')
      if (failed.length > 0) fail('payout reverted', { ...describe(s), txHashes: failed.map((receipt) => receipt.transactionHash) })
      s.state = 'settled'
      s.sent = []
    }
  }

  async function listMissing(block: ChainBlock, spots: Record<OptionMarket, number>, at: number) {
    if (markets === null) return
    const ids = markets
    const missing = optionSeriesPlan({ now: block.timestamp, spots, ...(minSecondsToExpiry === undefined ? {} : { minSecondsToExpiry }) }).filter((terms) => {
      const key = termsKey(terms.market, terms.isCall, toWad(terms.strike), terms.expiry)
      return !listedTerms.has(key) && !pendingListings.has(key) && (retryAfter.get(key) ?? 0) <= block.timestamp
    })
    const batch = missing.slice(0, maxListingsPerBlock)
    for (const terms of batch) {
      const market = ids.find((m) => m.symbol === terms.market)
      if (market === undefined || at !== epoch) return
      const key = termsKey(terms.market, terms.isCall, toWad(terms.strike), terms.expiry)
      try {
        const hash = await send({ gas: listGas, functionName: 'listSeries', args: [market.id, terms.isCall, toWad(terms.strike), BigInt(terms.expiry)] })
        pendingListings.set(key, { hash, terms })
      } catch (error) {
        retryAfter.set(key, block.timestamp + listingRetrySeconds)
        fail('listing failed', { ...terms }, error)
      }
    }
    if (batch.length > 0)
      logger.info('listing series', { count: batch.length, remaining: missing.length - batch.length, expiries: [...new Set(batch.map((terms) => terms.expiry))], blockNumber: block.number })
  }

  async function settleExpired(block: ChainBlock, at: number) {
    for (const s of series.values()) {
      if (s.state !== 'open' || s.expiry > block.timestamp || at !== epoch) continue
      const update = crossings.get(crossingKey(s.feedId, s.expiry))
      const window = maxAge ?? 60
      if (update === undefined) {
        // A later update cannot prove it is the first at or after expiry; wait only while one
        // could still fall inside the venue's window.
        if (block.timestamp > s.expiry + window) {
          s.state = 'unsettleable'
          logger.warn('no settlement update', { ...describe(s), reason: 'the keeper has no update of the feed at or after expiry (it started later, or the feed was stalled)' })
        }
        continue
      }
      if (update.publishTime > s.expiry + window) {
        s.state = 'unsettleable'
        logger.warn('no settlement update', { ...describe(s), reason: `the first update after expiry was published at ${update.publishTime}, more than ${window} s after it`, publishTime: update.publishTime })
        continue
      }
      try {
        const holders = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'seriesHolders', args: [s.id] })
        const data: Hex = priceUpdateData(update)
        const sent = [await send({ gas: settleGas, functionName: 'settleSeries', args: [s.id, [data]] })]
        for (let paged = 0n; paged < BigInt(holders.length); paged += payoutPage) sent.push(await send({ gas: payoutGas, functionName: 'payOutSeries', args: [s.id, payoutPage] }))
        if (at !== epoch) return
        s.state = 'settling'
        s.sent = sent
        s.ours = true
      } catch (error) {
        fail('settlement failed', describe(s), error)
      }
    }
  }

  async function payOutSettled(at: number) {
    for (const s of series.values()) {
      if (s.state !== 'settled' || at !== epoch) continue
      try {
        const { result: remaining } = await publicClient.simulateContract({ account: keeper, address: venue, abi: marginVenueAbi, functionName: 'payOutSeries', args: [s.id, 0n] })
        if (at !== epoch) return
        if (remaining === 0n) {
          s.state = 'paid'
          if (s.ours) {
            counts.paidOut += 1
            logger.info('series paid out', describe(s))
          }
          continue
        }
        if (s.payoutAttempts >= 3) {
          s.state = 'paid'
          fail('payout abandoned', { ...describe(s), remaining })
          continue
        }
        s.payoutAttempts += 1
        s.ours = true
        const sent: Hash[] = []
        for (let paged = 0n; paged < remaining; paged += payoutPage) sent.push(await send({ gas: payoutGas, functionName: 'payOutSeries', args: [s.id, payoutPage] }))
        s.state = 'paying'
        s.sent = sent
      } catch (error) {
        fail('payout failed', describe(s), error)
      }
    }
  }

  return {
    sync,
    expiriesBetween,
    recordPublished,
    async onBlock(block, spots) {
      const at = epoch
      try {
        await checkSent(at)
        await listMissing(block, spots, at)
        await settleExpired(block, at)
        await payOutSettled(at)
      } catch (error) {
        fail('option step failed', { blockNumber: block.number }, error)
      }
      for (const key of [...crossings.keys()]) if (Number(key.split('/')[1]) + crossingRetentionSeconds < block.timestamp) crossings.delete(key)
    },
    status: () => {
      let unsettleable = 0
      for (const s of series.values()) if (s.state === 'unsettleable') unsettleable += 1
      return { listed: series.size, listing: pendingListings.size, settled: counts.settled, paidOut: counts.paidOut, unsettleable, failures: counts.failures, lastError }
    },
    reset: () => {
      epoch += 1
      markets = null
      maxAge = null
      series.clear()
      listedTerms.clear()
      synced = 0n
      pendingListings.clear()
      retryAfter.clear()
      crossings.clear()
    },
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return ((error as { shortMessage?: string }).shortMessage ?? error.message).split('\n')[0] ?? ''
  return String(error)
}
