/**
 * The liquidation bot on a book with options, against the real venue on a fresh anvil
 * (automine): the bot must use `liquidateAt` with lib/core's closing (a perp-only book keeps
 * `liquidate`), and the chain must show the book restored to MM·(1 + liqBuffer) or closed. Prices
 * fall in small steps, as a market does, until the venue itself says liquidatable.
 */
import { decodeFunctionData, isAddressEqual, maxUint256, type Address, type Hash } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetTokenAbi, marginVenueAbi, volatilityIndexAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { readEngineInputs } from '../../lib/chain/readEngineInputs'
import { liquidationSize } from '../../lib/core/risk/liquidationSize'
import { priceFeedId, type PriceFeedSymbol } from '../../lib/feeds/priceFeeds'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { deployVenue } from '../deploy'
import { createLogger, type LogLevel } from '../hermes/createLogger'
import { encodePriceFeedUpdate } from '../hermes/encodePriceFeedUpdate'
import { confirmTransaction } from '../runtime/confirmTransaction'
import { createDevnetClients, type DevnetClients } from '../runtime/createDevnetClients'
import { devnetAccount, devnetRoles } from '../runtime/devnetAccounts'
import { optionExpiries } from '../runtime/optionExpiries'
import { toWad } from '../venue/venueParams'
import { createLiquidationBot } from './createLiquidationBot'

type LogLine = { level: LogLevel; msg: string } & Record<string, unknown>

const venue = devnetAddresses.marginVenue
const owner = devnetAccount(devnetRoles.deployer).address
const [optionTrader, perpTrader] = [devnetAccount(5).address, devnetAccount(6).address]
const gas = 5_000_000n
const level: Record<PriceFeedSymbol, number> = { BTC: 60_000, ETH: 3_000, SOL: 150, USDC: 1 }
const vol = { BTC: 0.55, ETH: 0.65, SOL: 0.85 }

let anvil: StartAnvilReturnType
let clients: DevnetClients

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 })
  // The owner lists the series here (an option lister), so the test needs no keeper.
  await deployVenue({ rpcUrl: anvil.rpcUrl, keepers: [owner] })
  clients = createDevnetClients(anvil.rpcUrl)
}, 120_000)

afterAll(async () => {
  await anvil?.stop()
})

const write = (request: Omit<Parameters<DevnetClients['walletClient']['writeContract']>[0], 'chain'>) =>
  confirmTransaction(clients.publicClient, clients.walletClient.writeContract({ chain: null, ...request } as Parameters<DevnetClients['walletClient']['writeContract']>[0]))

/** Publishes every price (conf 0.05 %) and vol one second after the latest block, as the keeper does. */
async function publish(moves: Partial<Record<PriceFeedSymbol, number>> = {}) {
  Object.assign(level, moves)
  const now = (await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp + 1n
  await clients.testClient.setNextBlockTimestamp({ timestamp: now })
  const updates = (Object.keys(level) as PriceFeedSymbol[]).map((symbol) => {
    const price = BigInt(Math.round(level[symbol] * 1e8))
    return encodePriceFeedUpdate({ id: priceFeedId(symbol), price, conf: price / 2_000n, expo: -8, emaPrice: price, emaConf: price / 2_000n, publishTime: Number(now), prevPublishTime: 0 })
  })
  await write({ account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'updatePrices', args: [updates] })
  const symbols = ['BTC', 'ETH', 'SOL'] as const
  await write({
    account: owner,
    gas,
    address: devnetAddresses.volatilityIndex,
    abi: volatilityIndexAbi,
    functionName: 'pushMany',
    args: [symbols.map(volatilityFeedId), symbols.map((s) => toWad(vol[s])), symbols.map((s) => toWad(vol[s] / 100)), symbols.map(() => now)],
  })
}

async function fund(trader: Address, usdc: number) {
  const units = BigInt(usdc) * 1_000_000n
  await write({ account: owner, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [trader, units] })
  await write({ account: trader, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] })
  await write({ account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [0n, units] })
}

async function listSeries(marketId: bigint, isCall: boolean, strike: number, expiry: number) {
  const receipt = await write({ account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'listSeries', args: [marketId, isCall, toWad(strike), BigInt(expiry)] })
  const count = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'seriesCount', blockNumber: receipt.blockNumber })
  return count - 1n
}

async function tradeOption(trader: Address, seriesId: bigint, size: number) {
  const [, premium] = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'quoteOption', args: [seriesId, toWad(size)] })
  await write({ account: trader, gas: 10_000_000n, address: venue, abi: marginVenueAbi, functionName: 'tradeOption', args: [seriesId, toWad(size), size > 0 ? (premium * 102n) / 100n : (premium * 98n) / 100n] })
}

const health = (account: Address, blockNumber?: bigint) =>
  clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [account], ...(blockNumber === undefined ? {} : { blockNumber }) })

describe('createLiquidationBot: option books (anvil)', () => {
  it('liquidates an option book with liquidateAt(lib/core closing + 0.0025) and a perp book with liquidate; both end restored or closed', async () => {
    await publish()
    const expiry = optionExpiries({ now: Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp) }).nextWeekly
    const btcPut = await listSeries(0n, false, 60_000, expiry)
    const ethPut = await listSeries(1n, false, 3_000, expiry)
    const ethCall = await listSeries(1n, true, 3_100, expiry)

    // A long BTC perp with written BTC and ETH puts (bullish, levered) and a few ETH calls.
    await fund(optionTrader, 12_000)
    await write({ account: optionTrader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [0n, toWad(1), maxUint256, false] })
    await tradeOption(optionTrader, btcPut, -1)
    await tradeOption(optionTrader, ethPut, -10)
    await tradeOption(optionTrader, ethCall, 5)
    // A perp-only book at 18×.
    await fund(perpTrader, 5_000)
    await write({ account: perpTrader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [1n, toWad(30), maxUint256, false] })
    expect((await health(optionTrader)).liquidatable).toBe(false)

    // BTC and ETH slide 0.5 % a block until the venue says both books are liquidatable.
    for (let step = 0; step < 60; step++) {
      const [options, perps] = await Promise.all([health(optionTrader), health(perpTrader)])
      if (options.liquidatable && perps.liquidatable) break
      await publish({ BTC: level.BTC * 0.995, ETH: level.ETH * 0.995 })
    }
    expect((await health(optionTrader)).liquidatable).toBe(true)

    const lines: LogLine[] = []
    const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: devnetAccount(devnetRoles.liquidationBot).privateKey, logger: createLogger({ service: 'liquidator', level: 'debug', write: (line) => lines.push(JSON.parse(line) as LogLine) }) })
    const records = await bot.checkNow()
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
    const optionRecord = records.find((record) => isAddressEqual(record.account, optionTrader))
    const perpRecord = records.find((record) => isAddressEqual(record.account, perpTrader))
    if (optionRecord === undefined || perpRecord === undefined) throw new Error(`expected two liquidations, got ${records.length}`)

    // What the bot sent: liquidateAt for the option book, liquidate for the perp book.
    const sent = async (hash: Hash) => decodeFunctionData({ abi: marginVenueAbi, data: (await clients.publicClient.getTransaction({ hash })).input })
    const perpCall = await sent(perpRecord.txHash)
    expect(perpCall.functionName).toBe('liquidate')
    const optionCall = await sent(optionRecord.txHash)
    expect(optionCall.functionName).toBe('liquidateAt')
    if (optionCall.functionName !== 'liquidateAt') throw new Error('unreachable')
    // lib/core on the state the bot read (the block before; one transaction per block here).
    const before = await readEngineInputs(clients.publicClient, venue, optionTrader, optionRecord.blockNumber - 1n)
    const engine = liquidationSize({ account: before.account, markets: before.markets, params: before.params })
    expect(Number(optionCall.args[1]) / 1e18).toBeCloseTo(Math.min(engine.closing + 0.0025, engine.order.length), 12)
    expect(optionRecord.closing).toBeCloseTo(Number(optionCall.args[1]) / 1e18, 12)

    // The record's options are the chain's OptionLiquidated events, and the positions shrank by exactly that.
    const events = await clients.publicClient.getContractEvents({ address: venue, abi: marginVenueAbi, eventName: 'OptionLiquidated', args: { account: optionTrader }, blockHash: (await clients.publicClient.getBlock({ blockNumber: optionRecord.blockNumber })).hash, strict: true })
    expect(optionRecord.options.length).toBeGreaterThan(0)
    expect(optionRecord.options.map((option) => [option.seriesId, option.closedSize])).toEqual(events.map((event) => [event.args.seriesId, expect.closeTo(Number(event.args.closedSize) / 1e18, 12)]))
    const [accountBefore, accountAfter] = await Promise.all([optionRecord.blockNumber - 1n, optionRecord.blockNumber].map((blockNumber) => clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [optionTrader], blockNumber })))
    for (const event of events) {
      const held = accountBefore!.options.find((option) => option.seriesId === event.args.seriesId)!
      const left = accountAfter!.options.find((option) => option.seriesId === event.args.seriesId)?.size ?? 0n
      expect(held.size - left).toBe(event.args.closedSize)
      expect(event.args.closedSize * held.size).toBeGreaterThan(0n) // a reduction, never a flip
      expect(event.args.cashFlow).toBe((event.args.closedSize * BigInt(event.args.mark)) / 10n ** 18n)
    }

    // Restored to MM·(1 + liqBuffer), or nothing left.
    for (const record of [optionRecord, perpRecord]) {
      const after = (await health(record.account, record.blockNumber)).cross
      if (record.fullyClosed) expect(after.maintenanceMargin).toBe(0n)
      else expect(after.equity * 10n ** 18n).toBeGreaterThanOrEqual(BigInt(after.maintenanceMargin) * (10n ** 18n + toWad(before.params.liqBuffer)))
    }
    const receipt = await clients.publicClient.getTransactionReceipt({ hash: optionRecord.txHash })
    expect(receipt.gasUsed).toBeLessThan(15_000_000n)
    expect(lines.find((line) => line.msg === 'liquidated' && line.method === 'liquidateAt')).toMatchObject({ engineReason: engine.reason })
    expect(bot.status()).toMatchObject({ liquidations: 2, failures: 0 })
    await bot.stop()
  })
})
