import {
  createPublicClient,
  createWalletClient,
  getAbiItem,
  http,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { readEngineInputs } from '../../lib/chain/readEngineInputs'
import { InvalidInputError } from '../../lib/core/errors'
import { liquidationSize } from '../../lib/core/risk/liquidationSize'
import { createLogger, type Logger } from '../hermes/createLogger'
import { toWad } from '../venue/venueParams'
import { decodeLiquidation } from './decodeLiquidation'
import { revertReason } from './revertReason'

/** One liquidation the bot carried out, as the venue's events in its receipt report it. */
export type LiquidationRecord = {
  /** Owner of the liquidated book. */
  account: Address
  /** The isolated position liquidated; 0n for the cross account. */
  isolatedId: bigint
  txHash: Hash
  blockNumber: bigint
  /** How much was closed: underlyings in liquidation order, each counting 1 (a book in one underlying: the fraction of it closed). */
  closing: number
  /** Σ |closed size| · oracle price over the closed positions, USD. */
  closedNotional: number
  /** Liquidation fee, USD: liqFee · closedNotional, half to the bot, half to the insurance fund. */
  fee: number
  /** True when the whole book was closed (backstop, or no partial close restored the buffer). */
  fullyClosed: boolean
  /** One entry per position closed (`PositionLiquidated`). */
  positions: {
    marketId: bigint
    /** Base units removed from the position, signed like the position (a long's is > 0). */
    closedSize: number
    /** The oracle price it closed at, USD per unit. */
    price: number
    /** closedSize · (price − entry), USD, settled into the book's USDC. */
    realizedPnl: number
  }[]
  /** One entry per option position closed (`OptionLiquidated`; cross books only). */
  options: {
    seriesId: bigint
    /** Contracts removed from the position, signed like the position (a long's is > 0). */
    closedSize: number
    /** The model mark it closed at, USD per contract (no spread). */
    mark: number
    /** closedSize · mark, USD: what the close paid into (long) or charged to (short) the book's USDC. */
    cashFlow: number
  }[]
}

export type LiquidationBotStatus = {
  /** Between `start()` and `stop()`. */
  running: boolean
  /** Accounts discovered from the venue's `Deposited` and `Traded` events. */
  watchedAccounts: number
  /** Isolated positions those accounts held at the last check. */
  watchedIsolated: number
  /** The block the last complete check read the venue at; null before the first. */
  lastCheckedBlock: bigint | null
  /** Liquidations carried out (mined and decoded). */
  liquidations: number
  /** Liquidations that reverted or could not be sent, and checks that failed on an RPC error. */
  failures: number
  /** The last failure's message; kept after the bot recovers. */
  lastError: string | null
}

export type LiquidationBot = {
  /** The bot's own address (the liquidator credited with half of each fee). */
  readonly address: Address
  /** Starts checking the venue on every new block (polled every `pollIntervalMs`). Idempotent. */
  start(): void
  /** Stops the loop; resolves once no check and no liquidation is in flight. */
  stop(): Promise<void>
  status(): LiquidationBotStatus
  /** Calls `listener` after every liquidation; returns the unsubscribe function. */
  onLiquidation(listener: (record: LiquidationRecord) => void): () => void
  /**
   * One full pass at the current block: discover new accounts, read every watched account's
   * health, liquidate what the venue says is liquidatable, and wait for those liquidations.
   * Resolves with the ones that went through; rejects if the venue could not be read.
   */
  checkNow(): Promise<LiquidationRecord[]>
}

export type CreateLiquidationBotParameters = {
  /** JSON-RPC endpoint of the devnet, e.g. `http://127.0.0.1:8545`. */
  rpcUrl: string
  /** The bot's signing key (a local account: the node need not hold it). */
  privateKey: Hex
  /** The margin venue; `devnetAddresses.marginVenue` by default. */
  venue?: Address
  /** Structured log (`liquidated` at info, failures at warn); `createLogger({ service: 'liquidator' })` by default. */
  logger?: Logger
  /** How often the loop asks for a new block, milliseconds (250 by default). */
  pollIntervalMs?: number
}

/**
 * Gas of a liquidation, given rather than estimated: a partial liquidation's 40-step bisection
 * uses up to 2.3M, and an estimate made at one block's timestamp can fall short at the next.
 */
const liquidationGas = 5_000_000n
/**
 * Gas of `liquidateAt` on a book with options: two evaluations of the 27-scenario grid with
 * Black-Scholes for every option (and the close) cost more than a perp book's bisection.
 */
const optionLiquidationGas = 15_000_000n
/**
 * Added to lib/core's closing before proposing it to `liquidateAt`: prices and funding move
 * between the block the bot read and the block its transaction lands in, and the venue accepts
 * any closing that restores the book while one 1 % of an underlying smaller would not
 * (`RiskEngine.checkedLiquidation`), so a quarter of that tolerance absorbs a small move either way.
 */
const closingMargin = 0.0025
/** How often a sent liquidation's receipt is asked for, and for how long. */
const receiptPollMs = 50
const receiptTimeoutMs = 60_000
const discoveryEvents = [getAbiItem({ abi: marginVenueAbi, name: 'Deposited' }), getAbiItem({ abi: marginVenueAbi, name: 'Traded' })]

type Target = { account: Address; isolatedId: bigint }

/**
 * The devnet's liquidation bot (DESIGN.md §4.4, §6): an ordinary client of the venue that signs
 * with its own key and earns half of every liquidation fee.
 *
 * On every new block it discovers accounts from the venue's `Deposited` events (and `Traded`, so
 * that an account trading on fee income alone is seen too), fetched incrementally from the last
 * block it read; reads each account's `accountHealth` at that block (the cross book and every
 * isolated position with their `liquidatable` flags, in one view call); and sends `liquidate` /
 * `liquidateIsolated` for every book the venue says is liquidatable. The flags are `A < MM` on
 * live feeds only, so nothing is sent while a market is halted (stale, uncertain, jumped) — the
 * venue would refuse it, and the bot does not spam it.
 *
 * A cross book holding options is liquidated with `liquidateAt(account, closing)`: the bot reads
 * the book, markets and parameters at the block it checked (`readEngineInputs`), computes lib/core
 * `liquidationSize` and proposes its `closing` plus 0.0025 (at most the number of underlyings
 * held) — the venue checks that proposal in two evaluations, where its own bisection would not
 * fit an option book in a block's gas. Perp-only books keep `liquidate(account)`. A proposal the
 * venue finds no longer minimal (`ClosingNotMinimal`, prices moved) reverts and is simply made
 * again at the next block.
 *
 * Each liquidation is sent with an explicit gas limit, its receipt awaited and its `Liquidated` /
 * `PositionLiquidated` / `OptionLiquidated` events decoded into a `LiquidationRecord`, logged as one `liquidated` line
 * and passed to the listeners. A book never has two liquidations in flight, and a book whose
 * liquidation was mined at block B is not judged again on a reading older than B. A revert
 * (`NotLiquidatable` when another liquidator was first, `MarketHalted` when a feed went bad in
 * between) is logged at warn with the venue's error name and counted in `failures`; so is a check
 * that fails on an RPC error, which is retried at the next poll (an outage is logged at warn once,
 * its repeats at debug, its end as `recovered`). Neither stops the loop.
 *
 * @example
 * const bot = createLiquidationBot({ rpcUrl: 'http://127.0.0.1:8545', privateKey: '0x5de4…365a' })
 * bot.onLiquidation((record) => console.log(record.account, record.closing))
 * bot.start()
 * // {"level":"info","service":"liquidator","msg":"liquidated","account":"0x…","closing":0.31,…}
 * await bot.stop()
 */
export function createLiquidationBot(parameters: CreateLiquidationBotParameters): LiquidationBot {
  const { rpcUrl, privateKey, venue = devnetAddresses.marginVenue, logger = createLogger({ service: 'liquidator' }), pollIntervalMs = 250 } = parameters
  if (!(Number.isFinite(pollIntervalMs) && pollIntervalMs > 0)) throw new InvalidInputError('pollIntervalMs', pollIntervalMs, 'a positive number of milliseconds')
  const signer = privateKeyToAccount(privateKey)
  // No transport retries: the loop itself retries at the next poll, and a check must not stall
  // for seconds of backoff while blocks go by. Batching sends one request per check's reads.
  const transport = http(rpcUrl, { batch: true, retryCount: 0 })
  const client: PublicClient = createPublicClient({ chain: foundry, transport })
  const wallet = createWalletClient({ chain: foundry, transport, account: signer })

  const accounts = new Set<Address>()
  let nextLogBlock = 0n
  let watchedIsolated = 0
  let lastCheckedBlock: bigint | null = null
  let liquidations = 0
  let failures = 0
  let lastError: string | null = null
  /** The check that last failed, so an outage is logged once at warn rather than at every poll. */
  let failingCheck: string | null = null
  const inFlight = new Map<string, Promise<LiquidationRecord | undefined>>()
  /** Passes still reading the venue (the loop's and any `checkNow`'s). */
  const checks = new Set<Promise<void>>()
  /** Per book, the block in which its last liquidation attempt was mined. */
  const minedAt = new Map<string, bigint>()
  const listeners = new Set<(record: LiquidationRecord) => void>()
  /** Sends go one at a time so that each takes the next nonce (viem reads the pending count). */
  let sending: Promise<unknown> = Promise.resolve()

  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let tick: Promise<void> | undefined

  const keyOf = ({ account, isolatedId }: Target) => (isolatedId === 0n ? `cross:${account.toLowerCase()}` : `isolated:${isolatedId}`)

  const fail = (message: string, fields: Record<string, unknown>, detail = message) => {
    failures++
    lastError = detail
    logger.warn(message, fields)
  }

  async function discover(head: bigint) {
    const fromBlock = nextLogBlock
    if (fromBlock > head) return
    const logs = await client.getLogs({ address: venue, events: discoveryEvents, fromBlock, toBlock: head, strict: true })
    for (const log of logs) {
      const account = log.args.account
      if (!accounts.has(account)) {
        accounts.add(account)
        logger.debug('watching', { account, since: log.blockNumber })
      }
    }
    if (head + 1n > nextLogBlock) nextLogBlock = head + 1n
  }

  /** Reads every watched book at `head` and starts the liquidations it calls for. */
  function check(head: bigint): Promise<Promise<LiquidationRecord | undefined>[]> {
    const pass = readAndLiquidate(head)
    const settled = pass.then(
      () => undefined,
      () => undefined,
    )
    checks.add(settled)
    void settled.finally(() => checks.delete(settled))
    return pass
  }

  async function readAndLiquidate(head: bigint): Promise<Promise<LiquidationRecord | undefined>[]> {
    await discover(head)
    const watched = [...accounts]
    const healths = await Promise.all(watched.map((account) => client.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [account], blockNumber: head })))
    const started: Promise<LiquidationRecord | undefined>[] = []
    let isolated = 0
    watched.forEach((account, i) => {
      const health = healths[i]
      if (health === undefined) return
      isolated += health.isolated.length
      if (health.liquidatable) started.push(...liquidate({ account, isolatedId: 0n }, head))
      for (const position of health.isolated) if (position.liquidatable) started.push(...liquidate({ account, isolatedId: position.id }, head))
    })
    watchedIsolated = isolated
    if (lastCheckedBlock === null || head > lastCheckedBlock) lastCheckedBlock = head
    if (failingCheck !== null) {
      logger.info('recovered', { block: head, after: failingCheck })
      failingCheck = null
    }
    return started
  }

  function checkFailed(error: unknown) {
    const message = messageOf(error)
    failures++
    lastError = message
    if (failingCheck === message) logger.debug('check failed', { error: message })
    else logger.warn('check failed', { error: message })
    failingCheck = message
  }

  /** Starts liquidating `target` unless it is in flight or `readBlock` predates its last attempt. */
  function liquidate(target: Target, readBlock: bigint): Promise<LiquidationRecord | undefined>[] {
    const key = keyOf(target)
    if (inFlight.has(key)) return []
    const mined = minedAt.get(key)
    if (mined !== undefined && readBlock < mined) return []
    const job = attempt(target, key, readBlock)
    inFlight.set(key, job)
    void job.finally(() => inFlight.delete(key))
    return [job]
  }

  /**
   * How to liquidate `target` as read at `readBlock`: `liquidateAt` with lib/core's closing for a
   * cross book holding options, `liquidate` / `liquidateIsolated` otherwise.
   */
  async function liquidationCall(target: Target, readBlock: bigint) {
    if (target.isolatedId !== 0n) return { functionName: 'liquidateIsolated' as const, args: [target.isolatedId] as const, gas: liquidationGas }
    const reading = await readEngineInputs(client, venue, target.account, readBlock)
    if (reading.account.options.length === 0) return { functionName: 'liquidate' as const, args: [target.account] as const, gas: liquidationGas }
    const size = liquidationSize({ account: reading.account, markets: reading.markets, params: reading.params })
    // The venue said liquidatable and the engine, at the boundary, did not: let the venue bisect.
    if (size.reason === 'notLiquidatable') return { functionName: 'liquidate' as const, args: [target.account] as const, gas: optionLiquidationGas }
    const proposed = Math.min(size.closing + closingMargin, size.order.length)
    return { functionName: 'liquidateAt' as const, args: [target.account, toWad(proposed)] as const, gas: optionLiquidationGas, proposed, reason: size.reason }
  }

  async function attempt(target: Target, key: string, readBlock: bigint): Promise<LiquidationRecord | undefined> {
    const fields: Record<string, unknown> = { account: target.account, isolatedId: target.isolatedId }
    let hash: Hash | undefined
    try {
      const call = await liquidationCall(target, readBlock)
      fields.method = call.functionName
      if ('proposed' in call) Object.assign(fields, { proposedClosing: call.proposed, engineReason: call.reason })
      const send = sending.then(() =>
        call.functionName === 'liquidateIsolated'
          ? wallet.writeContract({ address: venue, abi: marginVenueAbi, functionName: call.functionName, args: call.args, gas: call.gas })
          : call.functionName === 'liquidateAt'
            ? wallet.writeContract({ address: venue, abi: marginVenueAbi, functionName: call.functionName, args: call.args, gas: call.gas })
            : wallet.writeContract({ address: venue, abi: marginVenueAbi, functionName: call.functionName, args: call.args, gas: call.gas }),
      )
      sending = send.catch(() => undefined)
      hash = await send
      const receipt = await receiptOf(hash)
      minedAt.set(key, receipt.blockNumber)
      if (receipt.status !== 'success') {
        const reason = await revertReason({ client, receipt })
        fail('liquidation reverted', { ...fields, errorName: reason.errorName, args: reason.args, txHash: hash, blockNumber: receipt.blockNumber }, `liquidation reverted: ${reason.errorName}`)
        return undefined
      }
      const record = decodeLiquidation({ logs: receipt.logs, venue, account: target.account, isolatedId: target.isolatedId, txHash: hash, blockNumber: receipt.blockNumber })
      if (record === undefined) {
        fail('liquidation without a Liquidated event', { ...fields, txHash: hash, blockNumber: receipt.blockNumber })
        return undefined
      }
      liquidations++
      logger.info('liquidated', { ...record, ...fields })
      for (const listener of listeners) {
        try {
          listener(record)
        } catch (error) {
          logger.error('liquidation listener threw', { error: messageOf(error) })
        }
      }
      return record
    } catch (error) {
      fail('liquidation failed', { ...fields, ...(hash === undefined ? {} : { txHash: hash }), error: messageOf(error) })
      return undefined
    }
  }

  /** Polls the receipt directly: viem's block watcher can miss anvil's instant blocks. */
  async function receiptOf(hash: Hash): Promise<TransactionReceipt> {
    const deadline = Date.now() + receiptTimeoutMs
    for (;;) {
      const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined)
      if (receipt !== undefined) return receipt
      if (Date.now() > deadline) throw new Error(`liquidation ${hash} was not mined within ${receiptTimeoutMs / 1000} s`)
      await new Promise((resolve) => setTimeout(resolve, receiptPollMs))
    }
  }

  /**
   * The chain went back below blocks already read (a reorg, or a devnet snapshot revert): what
   * was learnt from the lost blocks is void. Rescan the logs and judge every book afresh.
   */
  function forgetFutureBlocks(head: bigint) {
    logger.info('chain rewound', { from: lastCheckedBlock, to: head })
    lastCheckedBlock = null
    nextLogBlock = 0n
    minedAt.clear()
  }

  async function poll() {
    try {
      const head = await client.getBlockNumber({ cacheTime: 0 })
      if (lastCheckedBlock !== null && head < lastCheckedBlock) forgetFutureBlocks(head)
      // A failed check is retried at the next poll even without a new block.
      if (lastCheckedBlock !== null && head <= lastCheckedBlock && failingCheck === null) return
      // The loop does not wait for receipts: the next block's check goes on, skipping books in flight.
      await check(head)
    } catch (error) {
      checkFailed(error)
    }
  }

  function schedule(delayMs: number) {
    timer = setTimeout(() => {
      timer = undefined
      tick = poll().finally(() => {
        tick = undefined
        if (running) schedule(pollIntervalMs)
      })
    }, delayMs)
  }

  return {
    address: signer.address,
    start() {
      if (running) return
      running = true
      logger.info('started', { liquidator: signer.address, venue, pollIntervalMs })
      if (tick === undefined) schedule(0)
    },
    async stop() {
      const wasRunning = running
      running = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await tick
      // A concurrent checkNow may still be reading, and may start liquidations while earlier ones settle.
      while (checks.size > 0 || inFlight.size > 0) await Promise.all([...checks, ...inFlight.values()])
      if (wasRunning) logger.info('stopped', { liquidations, failures })
    },
    status: () => ({ running, watchedAccounts: accounts.size, watchedIsolated, lastCheckedBlock, liquidations, failures, lastError }),
    onLiquidation(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    async checkNow() {
      let started: Promise<LiquidationRecord | undefined>[]
      try {
        started = await check(await client.getBlockNumber({ cacheTime: 0 }))
      } catch (error) {
        checkFailed(error)
        throw error
      }
      const records = await Promise.all(started)
      return records.filter((record): record is LiquidationRecord => record !== undefined)
    },
  }
}

/** viem's short message (one line), else the error's own. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return (error as { shortMessage?: string }).shortMessage ?? error.message
  return String(error)
}
