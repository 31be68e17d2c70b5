import type { Address, Hash } from 'viem'
import { marginVenueAbi, volatilityIndexAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import type { HermesServer } from '../hermes/createHermesServer'
import type { Logger } from '../hermes/createLogger'
import type { MarketSimulator, MarketTick } from '../market/createMarketSimulator'
import type { DevnetClients } from './createDevnetClients'
import { createPacedStream } from './createPacedStream'
import { createSeriesKeeper, type CreateSeriesKeeperParameters, type SeriesKeeperStatus } from './createSeriesKeeper'
import { priceUpdateData } from './priceUpdateData'

/** A block as the keeper sees it: its number and timestamp (unix seconds). */
export type ChainBlock = { number: bigint; timestamp: number }

/** What one keeper step sent and published. */
export type KeeperStep = {
  /** The block that triggered the step; its timestamp is the updates' publish time. */
  block: ChainBlock
  tick: MarketTick
  /**
   * Ticks published at option expiries the block skipped (after an advance-time jump), before
   * `tick`, in time order: their price updates went on-chain in the same `updatePrices` and on
   * the stream, so every expiry has the first update at or after it that settlement needs.
   */
  expiryTicks: MarketTick[]
  /**
   * In a time-lapse: the ticks of every chain second the block spans, `tick` last, streamed one
   * Hermes message each, spread over the next wall second (only `expiryTicks` and `tick` go
   * on-chain). Empty otherwise.
   */
  streamedTicks: MarketTick[]
  /** `MarginVenue.updatePrices` and `VolatilityIndex.pushMany` transactions (absent when nothing to push or the send failed). */
  priceTransaction?: Hash
  volatilityTransaction?: Hash
  /** Stream connections reached by the price and volatility messages (0 for a time-lapse step: its messages go out after it returns). */
  delivered: { price: number; volatility: number }
}

export type KeeperStatus = {
  steps: number
  lastBlock: bigint | null
  /** Publish time of the last normal tick, unix seconds. */
  lastPublishTime: number | null
  /** Sends that failed and transactions that reverted, since start. */
  failures: number
  /** Failures in a row (0 once a step goes through). */
  consecutiveFailures: number
  lastError: string | null
  /** Option listing and settlement (null when the keeper runs without options). */
  options: SeriesKeeperStatus | null
  /** The time-lapse running, if any: chain seconds per block and when it ends (wall ms). */
  timeLapse: { factor: number; until: number } | null
}

/** The demo's `time-lapse` control: `factor` chain seconds per block for `seconds` wall seconds. */
export type TimeLapse = { factor: number; seconds: number }

export type Keeper = {
  /** Runs one step for a new block (skipped when its timestamp is not after the last tick's). */
  onBlock: (block: ChainBlock) => Promise<KeeperStep | undefined>
  status: () => KeeperStatus
  onStep: (listener: (step: KeeperStep) => void) => () => void
  /** Forgets pending transactions and the last tick time (after a chain reset). */
  reset: () => void
  /**
   * Resolves once the step in flight and the option work it started (listings, settlements,
   * payouts sent) are done: a chain reset waits for it, so nothing computed before the revert is
   * sent after it. Ticks still waiting in a time-lapse's paced stream are sent first.
   */
  idle: () => Promise<void>
  /**
   * Starts a time-lapse (factor 1 ends one): after each step the chain clock is moved on
   * `factor − 1` s (anvil's `evm_increaseTime`), so the next block spans `factor` chain seconds,
   * and a block that spans many is streamed a second at a time. The page's guards judge publish
   * times by the chain's clock, so they see a faster market, not a future one.
   */
  timeLapse: (lapse: TimeLapse) => void
}

export type CreateKeeperParameters = {
  clients: DevnetClients
  /** The current simulator (a getter: a demo reset replaces it). */
  simulator: () => MarketSimulator
  hermes: HermesServer
  logger: Logger
  /** Sender of the keeper's transactions (anvil-unlocked; holds the volatility index's KEEPER_ROLE and is an option lister). */
  keeper: Address
  /**
   * Option series listing and settlement (issue 8, `createSeriesKeeper`): on by default; `false`
   * for a keeper that is not an option lister, or an object to tune it.
   */
  options?: false | Pick<CreateSeriesKeeperParameters, 'maxListingsPerBlock' | 'minSecondsToExpiry'>
  /** Wall clock, ms (a time-lapse's end); `Date.now` when omitted. */
  now?: () => number
}

/** Fixed gas: estimates go stale between blocks (devnet/deploy.ts). updatePrices ≈ 0.5M. */
const priceGas = 3_000_000n
const volatilityGas = 1_000_000n
/**
 * A time-lapse block's chain seconds are streamed from `streamDelayMs` after the step over
 * `streamSpreadMs`: late enough that the page has read the block (its guards' clock follows the
 * chain's), and done before the next block's.
 */
const streamDelayMs = 150
const streamSpreadMs = 750
/** In a time-lapse, the volatility indices are streamed every this many chain seconds (and at each block): well inside their 60 s staleness limit. */
const volatilityEverySeconds = 10
/** The most chain seconds one block is streamed second by second (a time-lapse of factor 250 at 1 s blocks, with room). */
const maxStreamedSeconds = 1_000

/**
 * The devnet's price keeper (issue 5, DESIGN.md §2): on every new block it advances the market
 * simulator to the block's timestamp and
 * 1. pushes the tick's Pyth updates on-chain through `MarginVenue.updatePrices` (MockPyth, then
 *    the venue's guards and funding accrual: the per-block funding poke),
 * 2. pushes the volatility indices with `VolatilityIndex.pushMany`,
 * 3. publishes exactly the same updates on the Hermes-format stream,
 * so on-chain prices equal streamed ones for the same publish time. Bad ticks injected through
 * the simulator go both ways unchanged: rejecting them is the contracts' and clients' job.
 * 4. With options on (issue 8, `createSeriesKeeper`): lists the missing BTC and ETH series
 *    around the simulator's spots, settles expired ones with the update it published first at
 *    or after their expiry, and pays them out — beside the price loop, not in its way: a step
 *    returns once prices are out, and a block that finds the option work still busy skips it. When a block skips over an expiry of a listed
 *    series (the demo's advance-time control), the simulator is first stepped to the expiry
 *    itself and that tick's prices are pushed and streamed too (the simulator's steps are exact
 *    for any length, so the path's law is unchanged): a real oracle publishes through the
 *    skipped time, and settlement needs an update within a minute of expiry.
 *
 * 5. In a time-lapse (`timeLapse`, issue 10's stream at 200 ticks/s and beyond): moves the chain
 *    clock on after each step, and streams every chain second of the stretched block — the
 *    simulator stepped to each second, one Hermes message per second, spread over the next wall
 *    second — while only the block's tick (and expiry ticks) go on-chain. Four price feeds at
 *    factor 50 make 200 price updates per wall second, every one strictly newer than the last.
 *
 * Transactions are sent without waiting (they land in the next block); their receipts are
 * checked at the following step, and a revert or a failed send is logged and counted — it never
 * stops the loop.
 */
export function createKeeper({ clients, simulator, hermes, logger, keeper, options = {}, now = Date.now }: CreateKeeperParameters): Keeper {
  const { publicClient, walletClient } = clients
  const listeners = new Set<(step: KeeperStep) => void>()
  let pending: { hash: Hash; what: string }[] = []
  let lastTickTime: number | null = null
  const status: Omit<KeeperStatus, 'options' | 'timeLapse'> = { steps: 0, lastBlock: null, lastPublishTime: null, failures: 0, consecutiveFailures: 0, lastError: null }
  const series = options === false ? null : createSeriesKeeper({ clients, logger, keeper, ...options })
  let optionWork: Promise<void> | null = null
  let lapse: { factor: number; until: number } | null = null
  /** The last step moved the chain clock on: the next block spans many chain seconds. */
  let stretched = false
  const pacedStream = createPacedStream<{ tick: MarketTick; volatility: boolean }>({
    publish: ({ tick, volatility }) => {
      try {
        hermes.publish(tick.prices)
        if (volatility) hermes.publishVol(tick.volatilities)
      } catch (error) {
        fail('publish', error)
      }
    },
    delayMs: streamDelayMs,
    spreadMs: streamSpreadMs,
  })

  const fail = (what: string, error: unknown) => {
    status.failures += 1
    status.consecutiveFailures += 1
    status.lastError = `${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
    logger.warn('keeper step failed', { what, error: status.lastError })
  }

  const checkPending = async () => {
    const previous = pending
    pending = []
    for (const transaction of previous) {
      const receipt = await publicClient.getTransactionReceipt({ hash: transaction.hash }).catch(() => undefined)
      if (receipt === undefined) pending.push(transaction) // not mined yet: look again next block
      else if (receipt.status !== 'success') fail(transaction.what, new Error(`transaction ${transaction.hash} reverted`))
    }
  }

  let stepInFlight: Promise<unknown> | null = null
  const onBlock = (block: ChainBlock): Promise<KeeperStep | undefined> => {
    const running = runStep(block)
    stepInFlight = running
    void running
      .catch(() => undefined)
      .finally(() => {
        if (stepInFlight === running) stepInFlight = null
      })
    return running
  }

  const runStep = async (block: ChainBlock): Promise<KeeperStep | undefined> => {
    if (lastTickTime !== null && block.timestamp <= lastTickTime) return undefined
    await checkPending()
    await series?.sync()
    const secondBySecond = stretched && lastTickTime !== null && block.timestamp - lastTickTime <= maxStreamedSeconds
    const expiries = series === null || lastTickTime === null ? [] : series.expiriesBetween(lastTickTime, block.timestamp)
    let expiryTicks: MarketTick[]
    const streamedTicks: MarketTick[] = []
    if (secondBySecond) {
      for (let time = lastTickTime! + 1; time <= block.timestamp; time += 1) streamedTicks.push(simulator().step(time))
      expiryTicks = streamedTicks.filter((streamed) => streamed.time !== block.timestamp && expiries.includes(streamed.time))
    } else expiryTicks = expiries.map((expiry) => simulator().step(expiry))
    const tick = secondBySecond ? streamedTicks.at(-1)! : simulator().step(block.timestamp)
    lastTickTime = block.timestamp
    const prices = [...expiryTicks.flatMap((expiryTick) => expiryTick.prices), ...tick.prices]
    const step: KeeperStep = { block, tick, expiryTicks, streamedTicks, delivered: { price: 0, volatility: 0 } }
    let failed = false
    const send = async (what: string, request: Parameters<typeof walletClient.writeContract>[0]) => {
      try {
        const hash = await walletClient.writeContract(request)
        pending.push({ hash, what })
        return hash
      } catch (error) {
        failed = true
        fail(what, error)
        return undefined
      }
    }

    if (prices.length > 0)
      step.priceTransaction = await send('updatePrices', {
        chain: null,
        account: keeper,
        gas: priceGas,
        address: devnetAddresses.marginVenue,
        abi: marginVenueAbi,
        functionName: 'updatePrices',
        args: [prices.map(priceUpdateData)],
      })
    series?.recordPublished(prices)
    if (tick.volatilities.length > 0)
      step.volatilityTransaction = await send('pushMany', {
        chain: null,
        account: keeper,
        gas: volatilityGas,
        address: devnetAddresses.volatilityIndex,
        abi: volatilityIndexAbi,
        functionName: 'pushMany',
        args: [
          tick.volatilities.map((update) => update.id as Hash),
          tick.volatilities.map((update) => update.volatility),
          tick.volatilities.map((update) => update.conf),
          tick.volatilities.map((update) => BigInt(update.publishTime)),
        ],
      })

    // The stream is the oracle; the chain is one of its consumers: publish whatever the chain did.
    if (secondBySecond)
      pacedStream.pace(streamedTicks.map((streamed) => ({ tick: streamed, volatility: streamed === tick || streamed.time % volatilityEverySeconds === 0 })))
    else
      try {
        pacedStream.flush() // the end of a time-lapse: its last seconds go before this block's
        const expiryDelivered = expiryTicks.reduce((sum, expiryTick) => sum + hermes.publish(expiryTick.prices).delivered, 0)
        step.delivered = { price: expiryDelivered + hermes.publish(tick.prices).delivered, volatility: hermes.publishVol(tick.volatilities).delivered }
      } catch (error) {
        failed = true
        fail('publish', error)
      }
    for (const published of secondBySecond ? streamedTicks : [...expiryTicks, tick])
      for (const fault of published.faults) logger.info('bad tick published', { asset: fault.asset, kind: fault.kind, publishTime: published.time })
    if (expiryTicks.length > 0) logger.info('published at option expiries', { expiries: expiryTicks.map((expiryTick) => expiryTick.time), blockTime: block.timestamp })
    // Option work (a burst of listings takes a block or more) runs beside the price loop, one
    // step at a time: a block that finds it busy leaves it to the next.
    if (series !== null && optionWork === null) {
      const market = simulator().state().assets
      optionWork = series.onBlock(block, { BTC: market.BTC.price, ETH: market.ETH.price }).finally(() => (optionWork = null))
    }

    // The time-lapse: stretch the next block (anvil applies the increase to the next block mined).
    if (lapse !== null && now() >= lapse.until) {
      logger.info('time-lapse ended', { chainTime: block.timestamp })
      lapse = null
    }
    stretched = false
    if (lapse !== null)
      try {
        await clients.testClient.increaseTime({ seconds: lapse.factor - 1 })
        stretched = true
      } catch (error) {
        failed = true
        fail('increaseTime', error)
      }

    status.steps += 1
    status.lastBlock = block.number
    status.lastPublishTime = tick.time
    if (!failed) status.consecutiveFailures = 0
    for (const listener of listeners) listener(step)
    return step
  }

  return {
    onBlock,
    status: () => ({ ...status, options: series?.status() ?? null, timeLapse: lapse === null ? null : { ...lapse } }),
    onStep: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reset: () => {
      pending = []
      lastTickTime = null
      lapse = null
      stretched = false
      pacedStream.drop()
      series?.reset()
    },
    idle: async () => {
      while (stepInFlight !== null || optionWork !== null) await Promise.allSettled([stepInFlight, optionWork])
      pacedStream.flush()
    },
    timeLapse: ({ factor, seconds }) => {
      lapse = factor <= 1 ? null : { factor, until: now() + seconds * 1_000 }
      logger.info(lapse === null ? 'time-lapse stopped' : 'time-lapse started', { factor, seconds })
    },
  }
}
