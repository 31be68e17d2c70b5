/**
 * The demo runtime end to end (issue 5): a real anvil on interval mining, the venue deployed and
 * seeded, the keeper pushing every block, the Hermes-format stream read with Pyth's own
 * HermesClient, the liquidation bot, and the demo controls over HTTP. Independent truth is the
 * chain itself: MockPyth's stored updates, the venue's views and events at a given block.
 */
import { HermesClient } from '@pythnetwork/hermes-client'
import { schemas } from '@pythnetwork/hermes-client/zodSchemas'
import { decodeEventLog, parseAbiItem, type Hash } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetTokenAbi, marginVenueAbi, mockPythAbi, volatilityIndexAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { parsePriceUpdateMessage } from '../../lib/feeds/parsePriceUpdateMessage'
import { priceFeedId, priceFeeds } from '../../lib/feeds/priceFeeds'
import { volatilityFeedId } from '../../lib/feeds/volatilityFeeds'
import type { BadTickKind } from '../market/createMarketSimulator'
import { createDevnetClients, type DevnetClients } from './createDevnetClients'
import type { KeeperStep } from './createKeeper'
import { startDemoRuntime, type DemoRuntime } from './startDemoRuntime'

const BTC = priceFeedId('BTC')
const venue = devnetAddresses.marginVenue
const wad = 1e18
/** FeedGuard.FeedStatus */
const feedStatus = { Live: 0, Stale: 1, Uncertain: 2, Jumped: 3 } as const

let demo: DemoRuntime
let clients: DevnetClients
const steps: KeeperStep[] = []

beforeAll(async () => {
  demo = await startDemoRuntime({ seed: 11, anvilPort: 0, servicesPort: 0, logLevel: 'error', writeLog: () => undefined })
  clients = createDevnetClients(demo.rpcUrl)
  demo.keeper.onStep((step) => steps.push(step))
}, 120_000)

afterAll(async () => {
  await demo?.stop()
}, 30_000)

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const receiptOf = (hash: Hash) => waitFor(`receipt ${hash}`, () => clients.publicClient.getTransactionReceipt({ hash }).catch(() => undefined))

async function post(action: string, body: unknown) {
  const response = await fetch(`${demo.servicesUrl}/demo/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { field: string; message: string } } }
}

/** The keeper step that published `publishTime`, once its price transaction is mined. */
async function stepAt(publishTime: number) {
  const step = await waitFor(`the keeper step at ${publishTime}`, () => steps.find((candidate) => candidate.tick.time === publishTime))
  if (step.priceTransaction === undefined) throw new Error(`no price transaction at ${publishTime}`)
  return { step, receipt: await receiptOf(step.priceTransaction) }
}

describe('demo runtime: stream and chain', () => {
  it('streams to Pyth’s HermesClient every block; messages parse; prices move; on-chain prices equal the streamed ones for the same publish time', async () => {
    const client = new HermesClient(demo.servicesUrl, { httpRetries: 0 })
    const source = await client.getPriceUpdatesStream(priceFeeds.map((feed) => feed.id), { parsed: true })
    const messages: string[] = []
    source.onmessage = (event: MessageEvent<string>) => messages.push(event.data)
    try {
      await waitFor('six stream messages', () => messages.length >= 6 || undefined, 30_000)
    } finally {
      source.close()
    }
    const btc = messages.map((text) => {
      const reference = schemas.PriceUpdate.parse(JSON.parse(text)) // Pyth's own schema of the format
      const ours = parsePriceUpdateMessage({ text })
      expect(ours.ok && ours.malformed).toEqual([])
      expect(reference.parsed?.map((entry) => `0x${entry.id}`).sort()).toEqual(priceFeeds.map((feed) => feed.id).sort())
      const entry = reference.parsed?.find((candidate) => `0x${candidate.id}` === BTC)
      if (entry === undefined) throw new Error('no BTC entry')
      return entry
    })
    const times = btc.map((entry) => entry.price.publish_time)
    expect(times.every((time, index) => index === 0 || time > (times[index - 1] as number))).toBe(true)
    expect(new Set(btc.map((entry) => entry.price.price)).size).toBeGreaterThan(1) // prices move

    // The same publish time on-chain: MockPyth holds exactly the streamed update, and the venue
    // trusts exactly that price (WAD = price × 10^(18 + expo)).
    for (const entry of btc.slice(-3)) {
      const { receipt } = await stepAt(entry.price.publish_time)
      const blockNumber = receipt.blockNumber
      const stored = await clients.publicClient.readContract({ address: devnetAddresses.pyth, abi: mockPythAbi, functionName: 'getPriceUnsafe', args: [BTC], blockNumber })
      expect([stored.price.toString(), stored.conf.toString(), stored.expo, Number(stored.publishTime)]).toEqual([entry.price.price, entry.price.conf, entry.price.expo, entry.price.publish_time])
      const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets', blockNumber })
      const market = markets.find((candidate) => candidate.symbol === 'BTC')
      expect(market?.price).toBe(BigInt(entry.price.price) * 10n ** BigInt(18 + entry.price.expo))
      expect(Number(market?.publishTime)).toBe(entry.price.publish_time)
      expect(market?.halt).toBe(0)
    }
    const health = await fetch(`${demo.servicesUrl}/health`)
    expect(health.status).toBe(200)
    const body = (await health.json()) as { status: string; keeper: { failures: number }; bot: { running: boolean } }
    expect(body.status).toBe('ok')
    expect(body.keeper.failures).toBe(0)
  }, 60_000)

  it('pushes the volatility index every block, and a vol spike reaches the chain', async () => {
    const before = await clients.publicClient.readContract({ address: devnetAddresses.volatilityIndex, abi: volatilityIndexAbi, functionName: 'latest', args: [volatilityFeedId('SOL')] })
    const answer = await post('vol-spike', { asset: 'SOL', factor: 1.5 })
    expect(answer.status).toBe(200)
    const spiked = await waitFor('the spiked SOL vol on-chain', async () => {
      const latest = await clients.publicClient.readContract({ address: devnetAddresses.volatilityIndex, abi: volatilityIndexAbi, functionName: 'latest', args: [volatilityFeedId('SOL')] })
      return Number(latest[0]) > 1.3 * Number(before[0]) && latest[3] === feedStatus.Live ? latest : undefined
    })
    // A 50 % jump trips the 10 % jump guard once and is confirmed by the next consistent push.
    expect(Number(spiked[2])).toBeGreaterThan(Number(before[2]))
  }, 30_000)
})

describe('demo runtime: bad ticks', () => {
  const cases: { kind: BadTickKind; check: (at: Awaited<ReturnType<typeof stepAt>>, previous: Awaited<ReturnType<typeof stepAt>>) => Promise<void> }[] = [
    { kind: 'zero', check: expectRejectedOnChain },
    { kind: 'negative', check: expectRejectedOnChain },
    { kind: 'jump', check: (at) => expectHaltThenLive(at, feedStatus.Jumped) },
    { kind: 'wide-confidence', check: (at) => expectHaltThenLive(at, feedStatus.Uncertain) },
    {
      kind: 'out-of-order',
      check: async (at, previous) => {
        // MockPyth keeps the newer update it had; the venue's trusted price is untouched.
        const stored = await clients.publicClient.readContract({ address: devnetAddresses.pyth, abi: mockPythAbi, functionName: 'getPriceUnsafe', args: [BTC], blockNumber: at.receipt.blockNumber })
        expect(Number(stored.publishTime)).toBe(previous.step.tick.time)
        await expectTrustedFrom(at.receipt.blockNumber, previous.step.tick.time)
      },
    },
  ]

  for (const { kind, check } of cases)
    it(`${kind}: the contracts reject or halt as specified, the keeper loop carries on, the stream carries the tick and the event log marks it`, async () => {
      const injectedAt = steps.length
      const answer = await post('bad-tick', { asset: 'BTC', kind })
      expect(answer.status).toBe(200)
      const bad = await waitFor('the bad tick', () => steps.slice(injectedAt).find((step) => step.tick.faults.some((fault) => fault.kind === kind && fault.asset === 'BTC')))
      const at = await stepAt(bad.tick.time)
      expect(at.receipt.status).toBe('success') // nothing reverts the keeper's transaction
      const previous = await stepAt(steps[steps.indexOf(bad) - 1]!.tick.time)
      await check(at, previous)
      // The loop carries on: two more steps, all of them mined successfully.
      const later = await waitFor('two more keeper steps', () => (steps.length >= steps.indexOf(bad) + 3 ? steps.slice(steps.indexOf(bad) + 1, steps.indexOf(bad) + 3) : undefined))
      for (const step of later) expect((await receiptOf(step.priceTransaction!)).status).toBe('success')
      expect(demo.keeper.status().consecutiveFailures).toBe(0)
      expect(demo.events.since().some((event) => event.type === 'bad-tick' && event.details?.kind === kind)).toBe(true)
      const published = bad.tick.prices.find((update) => update.id === BTC)
      if (kind === 'zero') expect(published?.price).toBe(0n)
      if (kind === 'negative') expect(published!.price < 0n).toBe(true)
    }, 40_000)
})

async function expectTrustedFrom(blockNumber: bigint, publishTime: number) {
  const state = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'feedState', args: [BTC], blockNumber })
  expect(Number(state.accepted.publishTime)).toBe(publishTime)
}

async function expectRejectedOnChain(at: Awaited<ReturnType<typeof stepAt>>, previous: Awaited<ReturnType<typeof stepAt>>) {
  // MockPyth stored the bad update; the venue's guard refused it and still trusts the previous price.
  const stored = await clients.publicClient.readContract({ address: devnetAddresses.pyth, abi: mockPythAbi, functionName: 'getPriceUnsafe', args: [BTC], blockNumber: at.receipt.blockNumber })
  expect(stored.price <= 0n).toBe(true)
  await expectTrustedFrom(at.receipt.blockNumber, previous.step.tick.time)
  const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets', blockNumber: at.receipt.blockNumber })
  expect(markets.find((market) => market.symbol === 'BTC')?.publishTime).toBe(BigInt(previous.step.tick.time))
}

async function expectHaltThenLive(at: Awaited<ReturnType<typeof stepAt>>, status: number) {
  const changes = at.receipt.logs
    .filter((log) => log.address.toLowerCase() === venue.toLowerCase())
    .map((log) => {
      try {
        return decodeEventLog({ abi: marginVenueAbi, ...log })
      } catch {
        return undefined
      }
    })
    .filter((event) => event?.eventName === 'FeedStatusChanged' && event.args.priceId === BTC)
  expect(changes.map((event) => event?.eventName === 'FeedStatusChanged' && [event.args.previous, event.args.current])).toEqual([[feedStatus.Live, status]])
  const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets', blockNumber: at.receipt.blockNumber })
  expect(markets.find((market) => market.symbol === 'BTC')?.halt).not.toBe(0)
  // The next normal tick ends the halt.
  const recovered = await waitFor('BTC live again', async () => {
    const head = await clients.publicClient.getBlockNumber()
    if (head <= at.receipt.blockNumber) return undefined
    const logs = await clients.publicClient.getLogs({ address: venue, event: parseAbiItem('event FeedStatusChanged(bytes32 indexed priceId, uint8 previous, uint8 current)'), args: { priceId: BTC }, fromBlock: at.receipt.blockNumber + 1n, toBlock: head })
    return logs.find((log) => log.args.previous === status && log.args.current === feedStatus.Live)
  })
  expect(recovered.blockNumber).toBeLessThanOrEqual(at.receipt.blockNumber + 3n)
}

describe('demo runtime: controls', () => {
  it('refuses bad control requests with a clear 400 and changes nothing', async () => {
    // What a control would change (prices move on their own every block: not compared).
    const controlled = () => {
      const { moves, stalls, pendingBadTicks } = demo.simulator().state()
      return JSON.stringify({ moves, stalls, pendingBadTicks, keeperFailures: demo.keeper.status().failures })
    }
    const before = controlled()
    const lastEvent = demo.events.since().at(-1)?.id ?? 0
    for (const [action, body, field] of [
      ['crash', { asset: 'ETH', percent: 150 }, 'percent'],
      ['crash', { asset: 'DOGE', percent: 10 }, 'asset'],
      ['stall', { seconds: 10 }, 'asset'],
      ['bad-tick', { asset: 'BTC', kind: 'sideways' }, 'kind'],
      ['advance-time', { seconds: -5 }, 'seconds'],
      ['faucet', { address: '0x1234' }, 'address'],
      ['teleport', {}, 'action'],
    ] as const) {
      const answer = await post(action, body)
      expect(answer.status, `${action} ${JSON.stringify(body)}`).toBe(400)
      expect(answer.body.error?.field).toBe(field)
      expect(answer.body.error?.message.length).toBeGreaterThan(10)
    }
    const malformed = await fetch(`${demo.servicesUrl}/demo/crash`, { method: 'POST', body: '{"percent":' })
    expect(malformed.status).toBe(400)
    expect(controlled()).toBe(before)
    expect(demo.events.since(lastEvent).filter((event) => event.type === 'control' || event.type === 'reset')).toEqual([])
  })

  it('faucet: funds any address with USDC, WETH, wstETH and ETH', async () => {
    const address = '0x000000000000000000000000000000000000bEEF'
    const answer = await post('faucet', { address, usdc: 2500, eth: 3 })
    expect(answer.status).toBe(200)
    const usdc = await clients.publicClient.readContract({ address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'balanceOf', args: [address] })
    const weth = await clients.publicClient.readContract({ address: devnetAddresses.weth, abi: devnetTokenAbi, functionName: 'balanceOf', args: [address] })
    expect(usdc).toBe(2_500_000_000n)
    expect(weth).toBe(10n * 10n ** 18n)
    expect(await clients.publicClient.getBalance({ address })).toBe(3n * 10n ** 18n)
  })

  it('crash: the retail account (5× long ETH) becomes liquidatable and the bot liquidates it within a few blocks', async () => {
    const retail = demo.accounts.retail
    const liquidated = new Promise<Parameters<Parameters<DemoRuntime['bot']['onLiquidation']>[0]>[0]>((resolve) =>
      demo.bot.onLiquidation((record) => record.account === retail && record.isolatedId === 0n && resolve(record)),
    )
    const answer = await post('crash', { asset: 'ETH', percent: 30, seconds: 8 })
    expect(answer.status).toBe(200)
    const record = await Promise.race([liquidated, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no liquidation within 40 s')), 40_000))])
    // The event is on-chain, in the block the bot reported.
    const logs = await clients.publicClient.getLogs({ address: venue, event: parseAbiItem('event Liquidated(address indexed account, uint256 indexed isolatedId, address indexed liquidator, uint256 closing, uint256 closedNotional, uint256 fee, bool fullyClosed)'), args: { account: retail }, fromBlock: record.blockNumber, toBlock: record.blockNumber })
    expect(logs).toHaveLength(1)
    expect(logs[0]!.args.liquidator).toBe(demo.accounts.liquidationBot)
    expect(Number(logs[0]!.args.closedNotional) / wad).toBeCloseTo(record.closedNotional, 6)
    // "Within a few blocks": the first block at which the venue itself said liquidatable.
    let first = record.blockNumber - 1n
    while (await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'isLiquidatable', args: [retail], blockNumber: first - 1n })) first -= 1n
    expect(record.blockNumber - first).toBeLessThanOrEqual(3n)
    // Afterwards the account is healthy again (partial) or closed (backstop).
    const health = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [retail], blockNumber: record.blockNumber })
    if (!record.fullyClosed) expect(Number(health.cross.equity)).toBeGreaterThanOrEqual(Number(health.cross.maintenanceMargin))
  }, 60_000)

  it('advance time: the chain clock jumps, the keeper follows in one step, funding accrues', async () => {
    const before = await clients.publicClient.getBlock({ blockTag: 'latest' })
    const answer = await post('advance-time', { seconds: 3600 })
    expect(answer.status).toBe(200)
    const step = await waitFor('a step an hour later', () => steps.find((candidate) => candidate.tick.time >= Number(before.timestamp) + 3600))
    const { receipt } = await stepAt(step.tick.time)
    expect(receipt.status).toBe('success')
    const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets', blockNumber: receipt.blockNumber })
    for (const market of markets) expect(market.halt).toBe(0)
  }, 30_000)

  it('reset: back to the seeded book (the liquidated retail position is there again), clock still moving forward', async () => {
    const answer = await post('reset', {})
    expect(answer.status).toBe(200)
    // Taken after the reset answered: a step that was in flight when it was asked finished before
    // the revert (reset waits for it), and its transaction was reverted away with its block.
    const lastTime = steps.at(-1)!.tick.time
    const account = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [demo.accounts.retail] })
    const plan = demo.plans.find((candidate) => candidate.role === 'retail')!
    expect(Number(account.perps[0]?.size) / wad).toBeCloseTo(plan.perps[0]!.size, 9)
    const next = await waitFor('a step after the reset', () => steps.find((candidate) => candidate.tick.time > lastTime))
    const { receipt } = await stepAt(next.tick.time)
    expect(receipt.status).toBe('success')
    const markets = await waitFor('live markets after the reset', async () => {
      const list = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })
      return list.every((market) => market.halt === 0) ? list : undefined
    })
    expect(Number(markets.find((market) => market.symbol === 'ETH')!.price) / wad).toBeGreaterThan(2_500)
    // The bot follows the rewound chain: the same crash liquidates the restored position again.
    const again = new Promise<bigint>((resolve) => demo.bot.onLiquidation((record) => record.account === demo.accounts.retail && resolve(record.blockNumber)))
    expect((await post('crash', { asset: 'ETH', percent: 30, seconds: 8 })).status).toBe(200)
    const block = await Promise.race([again, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no liquidation after the reset within 40 s')), 40_000))])
    expect(block).toBeGreaterThan(receipt.blockNumber)
  }, 80_000)
})

describe('demo runtime: fault controls (issue 10)', () => {
  it('stream-error: every open price stream receives the Hermes error event and stays open', async () => {
    const ids = priceFeeds.map((feed) => `ids[]=${feed.id}`).join('&')
    const abort = new AbortController()
    const response = await fetch(`${demo.servicesUrl}/v2/updates/price/stream?${ids}&parsed=true`, { signal: abort.signal })
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    const readUntil = async (pattern: RegExp, from = 0) => {
      while (!pattern.test(text.slice(from))) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${pattern}: ${text.slice(-300)}`)
        text += value
      }
    }
    try {
      await readUntil(/data: \{/) // a first price message: the server knows this subscriber
      const answer = await post('stream-error', { message: 'Error receiving update: Lagged(3)' })
      expect(answer.status).toBe(200)
      expect(answer.body.streams).toBeGreaterThanOrEqual(1)
      await readUntil(/event: error\ndata: Error receiving update: Lagged\(3\)\n\n/)
      // Still open: the next price message arrives on the same connection.
      await readUntil(/data: \{/, text.lastIndexOf('event: error'))
    } finally {
      abort.abort()
    }
  }, 30_000)

  it('time-lapse: every chain second of a stretched block streamed in order, about 4 × factor price updates a wall second, the block’s own tick on-chain; then one second a block again', async () => {
    const factor = 20
    const client = new HermesClient(demo.servicesUrl, { httpRetries: 0 })
    const source = await client.getPriceUpdatesStream(priceFeeds.map((feed) => feed.id), { parsed: true })
    const received: { at: number; entries: number; btc: { price: string; publishTime: number } }[] = []
    source.onmessage = (event: MessageEvent<string>) => {
      const message = schemas.PriceUpdate.parse(JSON.parse(event.data))
      const btc = message.parsed?.find((entry) => `0x${entry.id}` === BTC)
      if (btc) received.push({ at: Date.now(), entries: message.parsed!.length, btc: { price: btc.price.price, publishTime: btc.price.publish_time } })
    }
    const startedAt = Date.now()
    const chainBefore = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
    try {
      expect((await post('time-lapse', { factor, seconds: 4 })).status).toBe(200)
      await waitFor('the time-lapse to end', () => demo.keeper.status().timeLapse === null || undefined, 15_000)
      const endedAt = Date.now()
      const lastLapsed = steps.at(-1)!.block.timestamp
      await waitFor('two ordinary steps after it', () => steps.filter((step) => step.block.timestamp > lastLapsed && step.streamedTicks.length === 0).length >= 2 || undefined, 15_000)

      const stretched = steps.filter((step) => step.block.timestamp > chainBefore && step.streamedTicks.length > 0)
      expect(stretched.length).toBeGreaterThanOrEqual(2)
      for (const step of stretched) {
        // Every chain second since the previous tick, in order, ending with the block's own tick.
        const previous = steps[steps.indexOf(step) - 1]!.tick.time
        expect(step.streamedTicks.map((tick) => tick.time)).toEqual(Array.from({ length: step.block.timestamp - previous }, (_, index) => previous + 1 + index))
        expect(step.streamedTicks.at(-1)).toBe(step.tick)
      }
      const spans = stretched.map((step) => step.streamedTicks.length)
      const meanSpan = spans.reduce((sum, span) => sum + span, 0) / spans.length
      expect(meanSpan).toBeGreaterThan(0.6 * factor)
      expect(meanSpan).toBeLessThan(1.6 * factor)

      // The stream: strictly newer publish times, every stretched second delivered, four feeds a message.
      const times = received.map((message) => message.btc.publishTime)
      expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true)
      const streamed = new Set(times)
      for (const step of stretched) for (const tick of step.streamedTicks) expect(streamed.has(tick.time)).toBe(true)
      expect(received.every((message) => message.entries === priceFeeds.length)).toBe(true)
      const during = received.filter((message) => message.at > startedAt + 1_500 && message.at < endedAt)
      const perSecond = during.length / ((endedAt - startedAt - 1_500) / 1000)
      console.log(`time-lapse ×${factor}: ${perSecond.toFixed(1)} BTC messages per wall second (${(perSecond * priceFeeds.length).toFixed(0)} price updates), mean block span ${meanSpan.toFixed(1)} chain s`)
      expect(perSecond).toBeGreaterThan(0.6 * factor)

      // On-chain: the block's own tick, exactly as streamed for that second.
      const last = stretched.at(-1)!
      const { receipt } = await stepAt(last.tick.time)
      const stored = await clients.publicClient.readContract({ address: devnetAddresses.pyth, abi: mockPythAbi, functionName: 'getPriceUnsafe', args: [BTC], blockNumber: receipt.blockNumber })
      const streamedLast = received.find((message) => message.btc.publishTime === last.tick.time)!
      expect([stored.price.toString(), Number(stored.publishTime)]).toEqual([streamedLast.btc.price, last.tick.time])

      // Afterwards: one chain second a block again (anvil's 1 s interval).
      const after = steps.filter((step) => step.block.timestamp > lastLapsed)
      for (let index = 1; index < after.length; index += 1) expect(after[index]!.block.timestamp - after[index - 1]!.block.timestamp).toBeLessThanOrEqual(2)
    } finally {
      source.close()
      await post('time-lapse', { factor: 1 })
    }
  }, 60_000)

  it('rpc-outage: the node stops answering for the time asked, then blocks, keeper steps and the bot carry on', async () => {
    const beforeBlock = await clients.publicClient.getBlockNumber({ cacheTime: 0 })
    const answer = await post('rpc-outage', { seconds: 4 })
    expect(answer.status).toBe(200)
    const startedAt = Date.now()
    // Independent of the runtime's bookkeeping: a raw JSON-RPC call gets no answer meanwhile.
    const probe = await fetch(demo.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }), signal: AbortSignal.timeout(1_500) }).then(
      () => 'answered',
      () => 'no answer',
    )
    expect(probe).toBe('no answer')
    const during = (await (await fetch(`${demo.servicesUrl}/health`)).json()) as { status: string; chain: { ok: boolean; outageUntil: number | null } }
    expect(during.status).toBe('degraded')
    expect(during.chain.ok).toBe(false)
    expect(during.chain.outageUntil).toBeGreaterThan(Date.now())
    const lastStep = steps.at(-1)!.tick.time
    // After it: new blocks, a keeper step mined after the outage, the bot still running, health ok.
    const next = await waitFor('a keeper step after the outage', () => steps.find((candidate) => candidate.tick.time > lastStep && Date.now() - startedAt > 4_000), 30_000)
    const { receipt } = await stepAt(next.tick.time)
    expect(receipt.status).toBe('success')
    expect(receipt.blockNumber).toBeGreaterThan(beforeBlock)
    expect(Date.now() - startedAt).toBeGreaterThan(3_900)
    const after = await waitFor('health ok after the outage', async () => {
      const health = (await (await fetch(`${demo.servicesUrl}/health`)).json()) as { status: string; chain: { outageUntil: number | null }; bot: { running: boolean } }
      return health.status === 'ok' ? health : undefined
    })
    expect(after.chain.outageUntil).toBeNull()
    expect(after.bot.running).toBe(true)
  }, 60_000)

  it('restart-chain: a fresh chain on the same port, the venue at the same address with the seeded books; blocks and keeper steps carry on', async () => {
    // Something only the old chain knows: a faucet transfer to a fresh address.
    const marker = '0x000000000000000000000000000000000000f417'
    expect((await post('faucet', { address: marker, usdc: 0, weth: 0, wstEth: 0, eth: 1 })).status).toBe(200)
    expect(await clients.publicClient.getBalance({ address: marker })).toBe(10n ** 18n)
    const headBefore = await clients.publicClient.getBlockNumber({ cacheTime: 0 })
    const answer = await post('restart-chain', {})
    expect(answer.status).toBe(200)
    // Steps from here on are the new chain's (one sent just before the stop died with the old node's mempool).
    const firstOnNewChain = steps.length
    // The new chain: the marker is unknown, heights start again, the venue is where the app looks for it.
    expect(await clients.publicClient.getBalance({ address: marker })).toBe(0n)
    expect(BigInt(answer.body.blockNumber as string)).toBeLessThan(headBefore)
    expect(await clients.publicClient.getCode({ address: venue })).toMatch(/^0x[0-9a-f]{100,}/)
    const account = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [demo.accounts.retail] })
    const plan = demo.plans.find((candidate) => candidate.role === 'retail')!
    expect(Number(account.perps[0]?.size) / wad).toBeCloseTo(plan.perps[0]!.size, 9)
    // The services carry on against it: a keeper step later than any before, mined on the new chain.
    const lastTimeOnOldChain = Math.max(...steps.slice(0, firstOnNewChain).map((step) => step.tick.time))
    const next = await waitFor('a keeper step on the new chain', () => steps[firstOnNewChain], 30_000)
    expect(next.tick.time).toBeGreaterThan(lastTimeOnOldChain) // publish times keep increasing across the restart
    const { receipt } = await stepAt(next.tick.time)
    expect(receipt.status).toBe('success')
    expect(receipt.blockNumber).toBeLessThan(headBefore)
    const health = await waitFor('health ok on the new chain', async () => {
      const body = (await (await fetch(`${demo.servicesUrl}/health`)).json()) as { status: string; bot: { running: boolean } }
      return body.status === 'ok' ? body : undefined
    })
    expect(health.bot.running).toBe(true)
  }, 90_000)
})
