/**
 * The keeper's option desk on a real anvil (automine, the chain clock moved with anvil's own
 * `evm_increaseTime`): the grid it lists, compared with a calendar walk and the oracle's price;
 * settlement of an expired series at the first price the keeper published at or after expiry,
 * with holders' and writers' USDC compared with size × payoff computed here from that price; and
 * the warning when a keeper has no usable update.
 */
import { maxUint256, type Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetTokenAbi, marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { deployVenue } from '../deploy'
import { createHermesServer, type HermesServer } from '../hermes/createHermesServer'
import { createLogger, type LogLevel } from '../hermes/createLogger'
import { createMarketSimulator, type MarketSimulator } from '../market/createMarketSimulator'
import { toWad } from '../venue/venueParams'
import { confirmTransaction } from './confirmTransaction'
import { createDevnetClients, type DevnetClients } from './createDevnetClients'
import { createKeeper, type Keeper, type KeeperStep } from './createKeeper'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { fundAddress } from './fundAddress'
import { readOptionSeries, type ListedSeries } from './readOptionSeries'

type LogLine = { level: LogLevel; msg: string; service: string } & Record<string, unknown>

const venue = devnetAddresses.marginVenue
const wad = 10n ** 18n
const keeperAddress = devnetAccount(devnetRoles.keeper).address
const [holder, writer] = [devnetAccount(5).address, devnetAccount(6).address]
const marketIds = { BTC: 0n, ETH: 1n } as const
const gridSteps = { BTC: 1_000, ETH: 50 } as const

let anvil: StartAnvilReturnType
let clients: DevnetClients
let hermes: HermesServer
let simulator: MarketSimulator
let keeper: Keeper
const lines: LogLine[] = []
const steps: KeeperStep[] = []

const logger = (service: string) => createLogger({ service, level: 'debug', write: (line) => lines.push(JSON.parse(line) as LogLine) })

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 })
  await deployVenue({ rpcUrl: anvil.rpcUrl, keepers: [keeperAddress] })
  clients = createDevnetClients(anvil.rpcUrl)
  const start = await clients.publicClient.getBlock({ blockTag: 'latest' })
  simulator = createMarketSimulator({ seed: 5, startTime: Number(start.timestamp) })
  hermes = await createHermesServer({ port: 0, logger: logger('stream') })
  // Every listing in one step, so the grid is judged at one time and one price.
  keeper = createKeeper({ clients, simulator: () => simulator, hermes, logger: logger('keeper'), keeper: keeperAddress, options: { maxListingsPerBlock: 500 } })
  keeper.onStep((step) => steps.push(step))
}, 120_000)

afterAll(async () => {
  await hermes?.close()
  await anvil?.stop()
})

/** Moves the chain clock, mines a block, runs one keeper step on it and waits until its option work is done and its transactions mined. */
async function advance(seconds: number, onKeeper: Keeper = keeper) {
  await clients.testClient.increaseTime({ seconds })
  await clients.testClient.mine({ blocks: 1 })
  const block = await clients.publicClient.getBlock({ blockTag: 'latest' })
  const step = await onKeeper.onBlock({ number: block.number, timestamp: Number(block.timestamp) })
  if (step === undefined) throw new Error('the keeper skipped the block')
  await onKeeper.idle()
  // The keeper does not wait for its transactions: wait here until anvil has mined them all.
  for (;;) {
    const [mined, sent] = await Promise.all([
      clients.publicClient.getTransactionCount({ address: keeperAddress, blockTag: 'latest' }),
      clients.publicClient.getTransactionCount({ address: keeperAddress, blockTag: 'pending' }),
    ])
    if (mined === sent) return step
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The expiries a trader reads off Deribit's calendar: 08:00 UTC days (Fridays for weeklies) more than an hour away, walked hour by hour. */
function calendarExpiries(now: number) {
  const dailies: number[] = []
  const fridays: number[] = []
  for (let hour = Math.ceil(now / 3_600) * 3_600; fridays.length < 2; hour += 3_600) {
    const date = new Date(hour * 1_000)
    if (date.getUTCHours() !== 8 || hour <= now + 3_600) continue
    if (dailies.length < 2) dailies.push(hour)
    if (date.getUTCDay() === 5) fridays.push(hour)
  }
  return [...new Set([...dailies, ...fridays])]
}

/** Series keys of the grid at `now` around the venue's oracle prices. */
async function expectedGrid(now: number) {
  const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })
  const keys: string[] = []
  for (const symbol of ['BTC', 'ETH'] as const) {
    const spot = Number(markets[Number(marketIds[symbol])]!.price / 10n ** 10n) / 1e8
    const middle = Math.round(spot / gridSteps[symbol]) * gridSteps[symbol]
    for (const expiry of calendarExpiries(now))
      for (let k = -4; k <= 4; k++) for (const isCall of [true, false]) keys.push(key({ marketId: marketIds[symbol], isCall, strike: toWad(middle + k * gridSteps[symbol]), expiry: BigInt(expiry) }))
  }
  return keys
}

const key = (s: Pick<ListedSeries, 'marketId' | 'isCall' | 'strike' | 'expiry'>) => `${s.marketId}/${s.isCall ? 'C' : 'P'}/${s.strike}/${s.expiry}`

async function deposit(account: Address, usdc: number) {
  await fundAddress(clients, { address: account, amounts: { usdc, weth: 0, wstEth: 0, eth: 0 } })
  const { publicClient, walletClient } = clients
  await confirmTransaction(publicClient, walletClient.writeContract({ chain: null, account, gas: 500_000n, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] }))
  await confirmTransaction(publicClient, walletClient.writeContract({ chain: null, account, gas: 3_000_000n, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [0n, BigInt(usdc) * 1_000_000n] }))
}

async function tradeOption(account: Address, seriesId: bigint, size: number) {
  const sizeWad = toWad(size)
  const [, premium] = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'quoteOption', args: [seriesId, sizeWad] })
  const limit = size > 0 ? (premium * 102n) / 100n : (premium * 98n) / 100n
  await confirmTransaction(clients.publicClient, clients.walletClient.writeContract({ chain: null, account, gas: 10_000_000n, address: venue, abi: marginVenueAbi, functionName: 'tradeOption', args: [seriesId, sizeWad, limit] }))
}

const usdcOf = async (account: Address) => (await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [account] })).collateral[0]!

describe('keeper: option series (anvil)', () => {
  it('lists 9 strikes around spot, calls and puts, for the next two daily and two weekly 08:00 UTC expiries of BTC and ETH', async () => {
    const step = await advance(1)
    const listed = await readOptionSeries(clients.publicClient)
    expect(listed.map(key).sort()).toEqual((await expectedGrid(step.block.timestamp)).sort())
    expect(listed.length === 2 * 9 * 2 * 3 || listed.length === 2 * 9 * 2 * 4).toBe(true)
    // The next step reads them back and lists nothing more.
    await advance(1)
    expect(await readOptionSeries(clients.publicClient)).toHaveLength(listed.length)
    expect(keeper.status().options).toMatchObject({ listed: listed.length, listing: 0, failures: 0 })
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
  })

  it('settles an expired series at the first price published at or after expiry and pays holders and writers size × payoff; lists the new expiries', async () => {
    const listed = await readOptionSeries(clients.publicClient)
    const expiry = Math.min(...listed.map((s) => Number(s.expiry)))
    const atTheMoney = async (symbol: 'BTC' | 'ETH', isCall: boolean) => {
      const candidates = listed.filter((s) => s.marketId === marketIds[symbol] && s.isCall === isCall && Number(s.expiry) === expiry)
      const spot = (await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' }))[Number(marketIds[symbol])]!.price
      return candidates.reduce((best, s) => ((s.strike > spot ? s.strike - spot : spot - s.strike) < (best.strike > spot ? best.strike - spot : spot - best.strike) ? s : best))
    }
    const btcCall = await atTheMoney('BTC', true)
    const btcPut = await atTheMoney('BTC', false)
    const ethPut = await atTheMoney('ETH', false)
    await deposit(holder, 100_000)
    await deposit(writer, 200_000)
    const positions = [
      { account: holder, series: btcCall, size: 2 },
      { account: holder, series: btcPut, size: 1 },
      { account: holder, series: ethPut, size: 10 },
      { account: writer, series: btcCall, size: -2 },
      { account: writer, series: ethPut, size: -10 },
    ]
    for (const { account, series, size } of positions) await tradeOption(account, series.id, size)
    const before = { holder: await usdcOf(holder), writer: await usdcOf(writer) }

    // Half an hour past expiry in one jump: the keeper publishes at the expiry itself first.
    const now = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
    const settling = await advance(expiry - now + 1_800)
    expect(settling.expiryTicks.map((tick) => tick.time)).toEqual([expiry])
    const published = (symbol: 'BTC' | 'ETH') => {
      const update = settling.expiryTicks[0]!.prices.find((candidate) => candidate.id === priceFeedId(symbol))!
      expect(update.prevPublishTime!).toBeLessThan(expiry)
      return update.price * 10n ** BigInt(18 + update.expo)
    }
    const settlement = { BTC: published('BTC'), ETH: published('ETH') }
    await advance(1) // receipts read, payouts confirmed
    await advance(1)

    const after = await readOptionSeries(clients.publicClient)
    const ofExpiry = after.filter((s) => Number(s.expiry) === expiry)
    expect(ofExpiry.length).toBe(36)
    for (const s of ofExpiry) {
      expect(s.settled).toBe(true)
      expect(s.settlementPrice).toBe(s.marketId === marketIds.BTC ? settlement.BTC : settlement.ETH)
      expect(s.longOpenInterest + s.shortOpenInterest).toBe(0n) // every holder paid out
    }
    const payoff = (s: ListedSeries) => {
      const price = s.marketId === marketIds.BTC ? settlement.BTC : settlement.ETH
      const intrinsic = s.isCall ? price - s.strike : s.strike - price
      return intrinsic > 0n ? intrinsic : 0n
    }
    const expected = (account: Address) => positions.filter((p) => p.account === account).reduce((sum, p) => sum + (toWad(p.size) * payoff(p.series)) / wad, 0n)
    const change = { holder: (await usdcOf(holder)) - before.holder, writer: (await usdcOf(writer)) - before.writer }
    expect(change.holder).toBe(expected(holder))
    expect(change.writer).toBe(expected(writer))
    expect(change.holder).toBeGreaterThan(0n) // an at-the-money straddle always pays something
    const holderAccount = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [holder] })
    expect(holderAccount.options).toEqual([])

    const settledLines = lines.filter((line) => line.msg === 'series settled')
    expect(settledLines).toHaveLength(36)
    expect(settledLines.find((line) => line.seriesId === String(btcCall.id))).toMatchObject({ settlementPrice: Number(settlement.BTC / 10n ** 10n) / 1e8, publishTime: expiry })
    expect(lines.filter((line) => line.msg === 'series paid out').map((line) => line.seriesId).sort()).toEqual(ofExpiry.map((s) => String(s.id)).sort())
    expect(keeper.status().options).toMatchObject({ settled: 36, paidOut: 36, unsettleable: 0, failures: 0 })
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])

    // The listing rolled on with the clock: the grid at the new time is all there.
    const listedNow = new Set((await readOptionSeries(clients.publicClient)).map(key))
    for (const expected of await expectedGrid(steps.at(-1)!.block.timestamp)) expect(listedNow.has(expected), expected).toBe(true)
  })

  it('a keeper without a usable update for an expiry warns and leaves the series unsettled', async () => {
    const listed = await readOptionSeries(clients.publicClient)
    const next = Math.min(...listed.filter((s) => !s.settled).map((s) => Number(s.expiry)))
    const now = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
    // A keeper started two hours after the expiry has published nothing near it.
    await clients.testClient.increaseTime({ seconds: next - now + 7_200 })
    await clients.testClient.mine({ blocks: 1 })
    const restartedAt = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
    const fresh = createMarketSimulator({ seed: 6, startTime: restartedAt - 1 })
    const warned = lines.length
    const restarted = createKeeper({ clients, simulator: () => fresh, hermes, logger: logger('keeper'), keeper: keeperAddress, options: { maxListingsPerBlock: 500 } })
    await advance(1, restarted)
    await advance(1, restarted)
    const warnings = lines.slice(warned).filter((line) => line.level === 'warn' && line.msg === 'no settlement update')
    const due = (await readOptionSeries(clients.publicClient)).filter((s) => Number(s.expiry) === next)
    expect(warnings.map((line) => line.seriesId).sort()).toEqual(due.map((s) => String(s.id)).sort())
    for (const s of due) expect(s.settled).toBe(false)
    expect(restarted.status().options).toMatchObject({ settled: 0, unsettleable: due.length })
  })
})
