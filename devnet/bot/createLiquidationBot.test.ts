import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  formatUnits,
  http,
  isAddressEqual,
  maxUint256,
  parseGwei,
  type Address,
  type Hash,
  type PublicClient,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEngineInputs } from '../../lib/chain/readEngineInputs'
import { devnetTokenAbi, marginVenueAbi, volatilityIndexAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { InvalidInputError } from '../../lib/core/errors'
import { liquidationSize } from '../../lib/core/risk/liquidationSize'
import { priceFeedId, type PriceFeedSymbol } from '../../lib/feeds/priceFeeds'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { deployVenue } from '../deploy'
import { createLogger, type LogLevel } from '../hermes/createLogger'
import { encodePriceFeedUpdate } from '../hermes/encodePriceFeedUpdate'
import { toWad } from '../venue/venueParams'
import { createLiquidationBot, type LiquidationRecord } from './createLiquidationBot'

/**
 * The liquidation bot against the real venue on a fresh anvil (automine). Traders are built with
 * real transactions, prices moved with `updatePrices` as the keeper does, and every claim is
 * checked against the chain: the venue's own `Liquidated` events and `accountHealth` view, and
 * lib/core's `liquidationSize` on the state the liquidation saw. The scenarios share one chain and
 * run in order; each moves a different market, or moves one in the direction earlier traders gain.
 */

const root = fileURLToPath(new URL('../../', import.meta.url))
/** anvil's dev account #2, the devnet's liquidator. */
const botKey = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'
const gas = 5_000_000n
const marketIds = { BTC: 0n, ETH: 1n, SOL: 2n } as const
type Market = keyof typeof marketIds

type LogLine = { level: LogLevel; msg: string } & Record<string, unknown>

function capturingLogger() {
  const lines: LogLine[] = []
  const logger = createLogger({ service: 'liquidator', level: 'debug', write: (line) => lines.push(JSON.parse(line) as LogLine) })
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 'warn' || line.level === 'error') }
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('createLiquidationBot (anvil)', () => {
  let anvil: StartAnvilReturnType
  let publicClient: PublicClient
  let wallet: ReturnType<typeof createWalletClient>
  let testClient: ReturnType<typeof createTestClient>
  let owner: Address
  let devAccounts: Address[]
  const venue = devnetAddresses.marginVenue
  const level: Record<PriceFeedSymbol, number> = { BTC: 60_000, ETH: 3_000, SOL: 150, USDC: 1 }
  const vol = { BTC: 0.55, ETH: 0.65, SOL: 0.85 }

  /** anvil mines each transaction as it arrives; poll its receipt (viem's watcher can miss blocks this fast). */
  const send = async (pending: Promise<Hash>) => {
    const hash = await pending
    const receipt = await waitFor(`receipt ${hash}`, () => publicClient.getTransactionReceipt({ hash }).catch(() => undefined))
    if (receipt.status !== 'success') throw new Error(`${hash} reverted`)
    return receipt
  }

  /**
   * Publishes every price (conf 0.05 %) and vol, one second after the latest block and stamped
   * with that block's time, as the keeper would; returns the block of the price update. Moves
   * here stay under the 10 % jump guard, so each is trusted at once.
   */
  const publish = async (moves: Partial<Record<PriceFeedSymbol, number>> = {}) => {
    Object.assign(level, moves)
    const now = (await publicClient.getBlock({ blockTag: 'latest' })).timestamp + 1n
    await testClient.setNextBlockTimestamp({ timestamp: now })
    const updates = (Object.keys(level) as PriceFeedSymbol[]).map((symbol) => {
      const price = BigInt(Math.round(level[symbol] * 1e8))
      const conf = price / 2_000n
      return encodePriceFeedUpdate({ id: priceFeedId(symbol), price, conf, expo: -8, emaPrice: price, emaConf: conf, publishTime: Number(now), prevPublishTime: 0 })
    })
    const receipt = await send(wallet.writeContract({ chain: foundry, account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'updatePrices', args: [updates] }))
    const symbols = ['BTC', 'ETH', 'SOL'] as const
    await send(
      wallet.writeContract({
        chain: foundry,
        account: owner,
        gas,
        address: devnetAddresses.volatilityIndex,
        abi: volatilityIndexAbi,
        functionName: 'pushMany',
        args: [symbols.map(volatilityFeedId), symbols.map((s) => toWad(vol[s])), symbols.map((s) => toWad(vol[s] / 100)), symbols.map(() => now)],
      }),
    )
    return receipt.blockNumber
  }

  /** Mints USDC to `trader` as the owner (a minter), approves the venue and deposits it. */
  const fund = async (trader: Address, usdc: number) => {
    const units = BigInt(usdc) * 1_000_000n
    await send(wallet.writeContract({ chain: foundry, account: owner, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [trader, units] }))
    await send(wallet.writeContract({ chain: foundry, account: trader, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] }))
    await send(wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [0n, units] }))
  }
  const trade = (trader: Address, market: Market, size: number) =>
    send(wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [marketIds[market], toWad(size), size > 0 ? maxUint256 : 0n, false] }))
  const openIsolated = async (trader: Address, market: Market, marginUsdc: number, size: number) => {
    await send(
      wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'openIsolated', args: [marketIds[market], BigInt(marginUsdc) * 1_000_000n, toWad(size), size > 0 ? maxUint256 : 0n] }),
    )
    const ids = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'isolatedPositionsOf', args: [trader] })
    const id = ids.at(-1)
    if (id === undefined) throw new Error('no isolated position opened')
    return id
  }
  const accountHealth = (account: Address, blockNumber?: bigint) =>
    publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [account], ...(blockNumber === undefined ? {} : { blockNumber }) })
  const liquidatedEvents = async (account: Address) =>
    (await publicClient.getContractEvents({ address: venue, abi: marginVenueAbi, eventName: 'Liquidated', args: { account }, fromBlock: 0n, strict: true }))

  /** The independent checks every liquidation the bot reports must pass. */
  const verify = async (record: LiquidationRecord, botAddress: Address) => {
    // 1. The chain's own event in that transaction says the same, converted independently (viem formatUnits).
    const events = (await liquidatedEvents(record.account)).filter((event) => event.transactionHash === record.txHash && event.args.isolatedId === record.isolatedId)
    expect(events).toHaveLength(1)
    const event = events[0]
    if (event === undefined) throw new Error('unreachable')
    expect(event.blockNumber).toBe(record.blockNumber)
    expect(isAddressEqual(event.args.liquidator, botAddress)).toBe(true)
    expect(record.closing).toBeCloseTo(Number(formatUnits(event.args.closing, 18)), 12)
    expect(record.closedNotional).toBeCloseTo(Number(formatUnits(event.args.closedNotional, 18)), 6)
    expect(record.fee).toBeCloseTo(Number(formatUnits(event.args.fee, 18)), 8)
    expect(record.fullyClosed).toBe(event.args.fullyClosed)

    // 2. lib/core's liquidationSize on the state just before (one transaction per block: nothing else in between).
    const before = await readEngineInputs(publicClient, venue, record.account, record.blockNumber - 1n)
    const engine = liquidationSize({ account: before.account, markets: before.markets, params: before.params, ...(record.isolatedId === 0n ? {} : { isolatedId: String(record.isolatedId) }) })
    expect(engine.reason === 'partial').toBe(!record.fullyClosed)
    // The venue bisects to 2^-40, the engine solves to 1e-12; a few seconds of funding separate the readings.
    expect(Math.abs(engine.closing - record.closing)).toBeLessThan(1e-6)
    expect(record.fee).toBeCloseTo(engine.fee, 3)
    expect(record.closedNotional).toBeCloseTo(engine.closedNotional, 1)
    const closedByEngine = engine.closedPerps.filter((size) => size !== 0)
    expect(record.positions.map((p) => -p.closedSize)).toEqual(closedByEngine.map((size) => expect.closeTo(size, 6)))

    // 3. The venue's view right after: equity restored to MM·(1 + liqBuffer), or nothing left open.
    const after = await accountHealth(record.account, record.blockNumber)
    const book = record.isolatedId === 0n ? after.cross : after.isolated.find((position) => position.id === record.isolatedId)?.health
    if (record.fullyClosed) {
      expect(book === undefined || book.maintenanceMargin === 0n).toBe(true)
    } else {
      if (book === undefined) throw new Error('the partially liquidated book is gone')
      const buffer = toWad(before.params.liqBuffer)
      expect(book.equity * 10n ** 18n).toBeGreaterThanOrEqual(book.maintenanceMargin * (10n ** 18n + buffer))
      expect(book.maintenanceMargin).toBeGreaterThan(0n)
    }
  }

  beforeAll(async () => {
    if (!existsSync(`${root}contracts/out/MarginVenue.sol/MarginVenue.json`)) {
      const build = spawnSync(process.execPath, [`${root}scripts/forge.mjs`, 'build'], { cwd: root, stdio: 'inherit' })
      if (build.status !== 0) throw new Error('forge build failed')
    }
    anvil = await startAnvil()
    const transport = http(anvil.rpcUrl)
    publicClient = createPublicClient({ chain: foundry, transport })
    wallet = createWalletClient({ chain: foundry, transport })
    testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
    owner = (await deployVenue({ rpcUrl: anvil.rpcUrl })).owner
    devAccounts = await wallet.getAddresses()
  }, 120_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('refuses a poll interval that is not a positive number of milliseconds', () => {
    for (const pollIntervalMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: botKey, pollIntervalMs })).toThrow(InvalidInputError)
  })

  it('liquidates an underwater cross account and an isolated position within a few blocks, as the venue and lib/core say, and never touches a healthy account', async () => {
    const [crossTrader, isolatedTrader, healthyTrader] = devAccounts.slice(3, 6) as [Address, Address, Address]
    // ~20x long ETH cross; ~20x long ETH isolated on half its deposit; a 0.3x long that any crash leaves healthy.
    await fund(crossTrader, 10_000)
    await trade(crossTrader, 'ETH', 66)
    await fund(isolatedTrader, 3_000)
    const isolatedId = await openIsolated(isolatedTrader, 'ETH', 1_500, 10)
    await fund(healthyTrader, 50_000)
    await trade(healthyTrader, 'ETH', 5)
    const healthyBefore = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [healthyTrader] })

    const { logger, lines, warnings } = capturingLogger()
    const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: botKey, logger, pollIntervalMs: 50 })
    expect(bot.address).toBe(devAccounts[2])
    const records: LiquidationRecord[] = []
    bot.onLiquidation((record) => records.push(record))
    bot.start()
    const head = await publicClient.getBlockNumber({ cacheTime: 0 })
    await waitFor('a first check', () => ((bot.status().lastCheckedBlock ?? -1n) >= head ? true : undefined))
    expect(bot.status()).toMatchObject({ running: true, watchedAccounts: 3, watchedIsolated: 1, liquidations: 0, failures: 0 })

    // ETH −3.3 %: both levered books fall below MM but above the backstop (partial liquidations).
    const crashBlock = await publish({ ETH: 2_900 })
    await waitFor('two liquidations', () => (records.length >= 2 ? true : undefined))
    await bot.stop()
    expect(bot.status().running).toBe(false)

    const cross = records.find((record) => isAddressEqual(record.account, crossTrader) && record.isolatedId === 0n)
    const isolated = records.find((record) => isAddressEqual(record.account, isolatedTrader) && record.isolatedId === isolatedId)
    if (cross === undefined || isolated === undefined) throw new Error(`unexpected liquidations: ${JSON.stringify(records, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`)
    expect(records).toHaveLength(2)
    for (const record of [cross, isolated]) {
      expect(record.blockNumber - crashBlock).toBeLessThanOrEqual(4n)
      expect(record.fullyClosed).toBe(false)
      expect(record.positions).toHaveLength(1)
      expect(record.positions[0]).toMatchObject({ marketId: marketIds.ETH, price: 2_900 })
      await verify(record, bot.address)
    }

    // One structured line per liquidation, nothing at warn; the healthy account untouched.
    const liquidatedLines = lines.filter((line) => line.msg === 'liquidated')
    expect(liquidatedLines.map((line) => [String(line.account).toLowerCase(), line.isolatedId, line.txHash]).sort()).toEqual(
      [cross, isolated].map((record) => [record.account.toLowerCase(), String(record.isolatedId), record.txHash]).sort(),
    )
    expect(warnings()).toEqual([])
    expect(await liquidatedEvents(healthyTrader)).toEqual([])
    expect(await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [healthyTrader] })).toEqual(healthyBefore)
    expect(bot.status()).toMatchObject({ liquidations: 2, failures: 0, lastError: null })
  })

  it('never has two liquidations of one book in flight, even when two checks read the same block', async () => {
    const trader = devAccounts[6] as Address
    await fund(trader, 5_000)
    await trade(trader, 'SOL', 550)
    await publish({ SOL: 144 })
    expect((await accountHealth(trader)).liquidatable).toBe(true)

    const { logger, warnings } = capturingLogger()
    const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: botKey, logger })
    const [first, second] = await Promise.all([bot.checkNow(), bot.checkNow()])
    const records = [...first, ...second]
    expect(records).toHaveLength(1)
    expect(isAddressEqual(records[0]?.account ?? '0x', trader)).toBe(true)
    expect(await liquidatedEvents(trader)).toHaveLength(1)
    expect(bot.status()).toMatchObject({ liquidations: 1, failures: 0 })
    expect(warnings()).toEqual([])
    await verify(records[0] as LiquidationRecord, bot.address)
    // The next block's check finds the book restored.
    await testClient.mine({ blocks: 1 })
    expect(await bot.checkNow()).toEqual([])
  })

  it('does not try while the market is halted (stale), logs no failure, and liquidates once the feed is live again', async () => {
    const trader = devAccounts[7] as Address
    await fund(trader, 5_000)
    await trade(trader, 'BTC', 1.5)
    await publish({ BTC: 57_500 })
    // Let every feed go stale (maxAge 60 s) before the bot looks.
    await testClient.increaseTime({ seconds: 61 })
    await testClient.mine({ blocks: 1 })
    const halted = await accountHealth(trader)
    expect(halted.cross.equity).toBeLessThan(BigInt(halted.cross.maintenanceMargin))
    expect(halted.liquidatable).toBe(false)
    const markets = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })
    expect(markets[Number(marketIds.BTC)]?.halt).not.toBe(0)

    const { logger, warnings } = capturingLogger()
    const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: botKey, logger })
    for (let block = 0; block < 3; block++) {
      expect(await bot.checkNow()).toEqual([])
      await testClient.mine({ blocks: 1 })
    }
    expect(bot.status()).toMatchObject({ liquidations: 0, failures: 0, lastError: null })
    expect(warnings()).toEqual([])
    expect(await liquidatedEvents(trader)).toEqual([])

    await publish()
    const records = await bot.checkNow()
    expect(records.map((record) => record.account)).toEqual([trader])
    await verify(records[0] as LiquidationRecord, bot.address)
    expect(warnings()).toEqual([])
  })

  it('logs a revert when another liquidator was first (NotLiquidatable), counts it, and stop() waits for it', async () => {
    const trader = devAccounts[8] as Address
    await fund(trader, 5_000)
    await trade(trader, 'ETH', -30)
    await publish({ ETH: 3_010 })
    expect((await accountHealth(trader)).liquidatable).toBe(true)

    const { logger, lines } = capturingLogger()
    const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: botKey, logger, pollIntervalMs: 50 })
    await testClient.setAutomine(false)
    try {
      // The competitor pays a higher tip, so the block puts its liquidation first.
      const competitor = await wallet.writeContract({ chain: foundry, account: owner, gas, maxPriorityFeePerGas: parseGwei('50'), maxFeePerGas: parseGwei('100'), address: venue, abi: marginVenueAbi, functionName: 'liquidate', args: [trader] })
      bot.start()
      await waitFor('the bot to send its liquidation', async () => {
        const pool = await testClient.getTxpoolContent()
        return Object.keys(pool.pending).some((from) => isAddressEqual(from as Address, bot.address)) ? true : undefined
      })
      let stopped = false
      const stopping = bot.stop().then(() => (stopped = true))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(stopped).toBe(false)
      await testClient.mine({ blocks: 1 })
      await stopping
      const receipt = await publicClient.getTransactionReceipt({ hash: competitor })
      expect(receipt.status).toBe('success')
    } finally {
      await testClient.setAutomine(true)
    }
    const events = await liquidatedEvents(trader)
    expect(events).toHaveLength(1)
    expect(isAddressEqual(events[0]?.args.liquidator ?? '0x', owner)).toBe(true)
    expect(bot.status()).toMatchObject({ running: false, liquidations: 0, failures: 1, lastError: 'liquidation reverted: NotLiquidatable' })
    const warning = lines.filter((line) => line.level === 'warn')
    expect(warning).toHaveLength(1)
    expect(warning[0]).toMatchObject({ msg: 'liquidation reverted', errorName: 'NotLiquidatable', account: trader, isolatedId: '0' })
  })

  it('survives an RPC outage: warns once, keeps polling, and liquidates when the node answers again', async () => {
    // A proxy in front of anvil that can be switched to answer 503.
    let failing = false
    const proxy: Server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (failing) {
          response.writeHead(503).end('node unavailable')
          return
        }
        fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
          .then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()))
          .catch(() => response.writeHead(502).end())
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`

    const trader = devAccounts[9] as Address
    await fund(trader, 5_000)
    await trade(trader, 'SOL', -550)
    const { logger, lines } = capturingLogger()
    const bot = createLiquidationBot({ rpcUrl: proxyUrl, privateKey: botKey, logger, pollIntervalMs: 50 })
    const records: LiquidationRecord[] = []
    bot.onLiquidation((record) => records.push(record))
    try {
      bot.start()
      await waitFor('a first check', () => (bot.status().lastCheckedBlock !== null ? true : undefined))

      failing = true
      await waitFor('the outage to be noticed', () => (bot.status().lastError !== null ? true : undefined))
      await publish({ SOL: 150 })
      expect((await accountHealth(trader)).liquidatable).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(bot.status()).toMatchObject({ running: true, liquidations: 0 })

      failing = false
      await waitFor('the liquidation after the outage', () => (records.length > 0 ? true : undefined))
    } finally {
      await bot.stop()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    }
    expect(records.map((record) => record.account)).toEqual([trader])
    await verify(records[0] as LiquidationRecord, bot.address)
    const status = bot.status()
    expect(status.failures).toBeGreaterThanOrEqual(1)
    expect(status.lastError).toMatch(/HTTP request failed|503/)
    // Repeated identical failures go to debug: one warn for the whole outage, then one recovery line.
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.msg)).toEqual(['check failed'])
    expect(lines.filter((line) => line.msg === 'recovered')).toHaveLength(1)

    // Stopped means stopped: new blocks go unchecked.
    const lastChecked = status.lastCheckedBlock
    await testClient.mine({ blocks: 3 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(bot.status().lastCheckedBlock).toBe(lastChecked)
  })
})
