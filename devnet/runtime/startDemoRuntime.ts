import type { Address } from 'viem'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { startAnvil } from '../anvil/startAnvil'
import { createLiquidationBot, type LiquidationBot } from '../bot/createLiquidationBot'
import type { DemoControl } from '../controls/parseDemoControl'
import { deployVenue } from '../deploy'
import { createHermesServer } from '../hermes/createHermesServer'
import { createLogger, type LogLevel, type Logger } from '../hermes/createLogger'
import { assetModels } from '../market/assetModels'
import { createMarketSimulator, type MarketSimulator } from '../market/createMarketSimulator'
import { createBackgroundTraders } from './createBackgroundTraders'
import { createDemoEventLog, type DemoEventLog } from './createDemoEventLog'
import { createDemoRoutes } from './createDemoRoutes'
import { createDevnetClients } from './createDevnetClients'
import { createKeeper, type Keeper } from './createKeeper'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { fundAddress } from './fundAddress'
import { seedMarket } from './seedMarket'
import { seedPlan, type SeededAccountPlan } from './seedPlan'
import { watchChainBlocks } from './watchChainBlocks'

export type StartDemoRuntimeParameters = {
  /** Seed of the price paths and the background traders; the same seed replays the same market. 1 by default. */
  seed?: number
  /** Seconds between blocks (interval mining), 1 by default; fractions such as 0.25 work too. */
  blockTime?: number
  /** Simulated market seconds per chain second for the random part of prices (1 = real time). */
  speed?: number
  /** Interface for anvil and the services; 127.0.0.1 by default. */
  host?: string
  /** Anvil's port (HTTP and WebSocket); 8545 by default, 0 for any free port. */
  anvilPort?: number
  /** Port of the Hermes-format stream, `/demo/…` and `/health`; 8787 by default, 0 for any free port. */
  servicesPort?: number
  /** Background traders moving skew and funding (true by default). */
  backgroundTraders?: boolean
  logLevel?: LogLevel
  /** Where log lines go (JSON lines on stdout/stderr by default). */
  writeLog?: (line: string, level: LogLevel) => void
}

/** A service that stopped working, and why: the demo stops rather than serve a frozen market. */
export type DemoFailure = { service: 'anvil' | 'chain' | 'keeper'; reason: string }

export type DemoRuntime = {
  rpcUrl: string
  /** Base URL of the Hermes-format stream, `/demo/…` and `/health`. */
  servicesUrl: string
  seed: number
  accounts: {
    retail: Address
    powerUser: Address
    background: Address[]
    keeper: Address
    liquidationBot: Address
  }
  plans: readonly SeededAccountPlan[]
  simulator: () => MarketSimulator
  keeper: Keeper
  bot: LiquidationBot
  events: DemoEventLog
  applyControl: (control: DemoControl) => Promise<Record<string, unknown>>
  health: () => Promise<DemoHealth>
  /** Resolves if a service fails (anvil exits, the chain stops answering, the keeper keeps failing). */
  failed: Promise<DemoFailure>
  /** Stops every service and anvil; resolves when all are down. */
  stop: () => Promise<void>
}

export type DemoHealth = {
  status: 'ok' | 'degraded'
  chain: {
    ok: boolean
    rpcUrl: string
    blockNumber: string | null
    chainTime: number | null
    secondsSinceLastBlock: number
    /** Wall-clock ms when a planned `rpc-outage` ends (anvil suspended until then), or null. */
    outageUntil: number | null
  }
  keeper: { ok: boolean } & ReturnType<Keeper['status']>
  stream: { ok: boolean } & ReturnType<Awaited<ReturnType<typeof createHermesServer>>['status']>
  bot: { ok: boolean } & ReturnType<LiquidationBot['status']>
  backgroundTraders: { enabled: boolean; trades: number; reverts: number; topUps: number }
}

/**
 * The demo runtime (issue 5, DESIGN.md §6) without the app: a fresh anvil; the venue deployed
 * and seeded (retail, power user, background traders); then, on interval mining, the market
 * simulator and keeper (prices and vols on-chain every block and on the Hermes-format stream),
 * the background traders, the liquidation bot, and the HTTP routes on the services port.
 *
 * Deployment and seeding run on anvil's instant mining and take a few seconds; the chain then
 * switches to one block per `blockTime`. A snapshot taken after seeding is what `reset` returns
 * to (chain time keeps moving forward, so feeds stay monotonic).
 *
 * `failed` resolves when a service dies; the caller (devnet/demo.ts) then stops everything.
 *
 * @example
 * const demo = await startDemoRuntime({ anvilPort: 0, servicesPort: 0 })
 * await fetch(`${demo.servicesUrl}/health`) // 200 { status: 'ok', chain: { … }, … }
 * await demo.stop()
 */
export async function startDemoRuntime(parameters: StartDemoRuntimeParameters = {}): Promise<DemoRuntime> {
  const {
    seed = 1,
    blockTime = 1,
    speed = 1,
    host = '127.0.0.1',
    anvilPort = 8545,
    servicesPort = 8787,
    backgroundTraders: withBackground = true,
    logLevel = 'info',
    writeLog,
  } = parameters
  if (!(blockTime > 0 && blockTime <= 60)) throw new Error(`blockTime must be between 0 and 60 seconds (got ${blockTime}).`)
  const logger = (service: string): Logger => createLogger({ service, level: logLevel, ...(writeLog ? { write: writeLog } : {}) })
  const log = logger('devnet')

  const integerBlocks = Number.isInteger(blockTime)
  const anvilArgs = integerBlocks ? [] : ['--block-time', String(blockTime)]
  let anvil = await startAnvil({ port: anvilPort, host, args: anvilArgs })
  log.info('anvil listening', { rpcUrl: anvil.rpcUrl })
  const stopOnError = async (error: unknown) => {
    await anvil.stop()
    throw error
  }
  const clients = createDevnetClients(anvil.rpcUrl)
  const accounts = {
    retail: devnetAccount(devnetRoles.retail).address,
    powerUser: devnetAccount(devnetRoles.powerUser).address,
    background: devnetRoles.background.map((index) => devnetAccount(index).address),
    keeper: devnetAccount(devnetRoles.keeper).address,
    liquidationBot: devnetAccount(devnetRoles.liquidationBot).address,
  }

  const prices = { BTC: assetModels.BTC.price, ETH: assetModels.ETH.price, SOL: assetModels.SOL.price }
  const plans = seedPlan({ seed, prices })
  /** Deploys the venue on a fresh anvil, seeds it and switches to interval mining; the snapshot `reset` returns to. */
  const prepareChain = async (): Promise<`0x${string}`> => {
    const { addresses } = await deployVenue({
      rpcUrl: anvil.rpcUrl,
      keepers: [accounts.keeper],
      volatilities: { BTC: assetModels.BTC.vol, ETH: assetModels.ETH.vol, SOL: assetModels.SOL.vol },
    })
    if (addresses.marginVenue !== devnetAddresses.marginVenue)
      throw new Error('The venue deployed at an address lib/chain/generated does not know: run `npm run contracts:build` to regenerate it.')
    await seedMarket(clients, withBackground ? plans : plans.filter((plan) => plan.role !== 'background'))
    log.info('venue deployed and seeded', { venue: addresses.marginVenue, accounts: plans.length })
    const snapshot = await clients.testClient.snapshot()
    if (integerBlocks) {
      await clients.testClient.setAutomine(false)
      await clients.testClient.setIntervalMining({ interval: blockTime })
    }
    return snapshot
  }
  let snapshotId: `0x${string}`
  try {
    snapshotId = await prepareChain()
  } catch (error) {
    return stopOnError(error)
  }

  const events = createDemoEventLog()
  const firstBlock = await clients.publicClient.getBlock({ blockTag: 'latest' })
  let simulator = createMarketSimulator({ seed, startTime: Number(firstBlock.timestamp), speed })
  let currentSeed = seed
  let resetting = false
  /** A `restart-chain` in progress: the old anvil's exit and the gap before the new one are planned. */
  let restartingChain = false
  let stopping = false

  let resolveFailure: (failure: DemoFailure) => void = () => {}
  const failed = new Promise<DemoFailure>((resolve) => (resolveFailure = resolve))
  const fail = (failure: DemoFailure) => {
    if (stopping) return
    log.error('service failed', failure)
    events.push({ type: 'service', message: `${failure.service}: ${failure.reason}`, details: failure })
    resolveFailure(failure)
  }
  const watchExit = (node: typeof anvil) =>
    void node.exited.then(({ code, signal }) => {
      if (node === anvil && !restartingChain) fail({ service: 'anvil', reason: `anvil exited (${signal ?? `code ${code}`})` })
    })
  watchExit(anvil)

  // Services port: the Hermes routes, with the demo routes as fallback (their handlers are defined below).
  const routes = createDemoRoutes({ health: () => health(), state: () => state(), applyControl: (control) => applyControl(control), events })
  const hermes = await createHermesServer({
    port: servicesPort,
    host,
    logger: logger('stream'),
    fallback: routes,
  }).catch(stopOnError)

  const keeper = createKeeper({ clients, simulator: () => simulator, hermes, logger: logger('keeper'), keeper: accounts.keeper })
  keeper.onStep((step) => {
    for (const published of step.streamedTicks.length > 0 ? step.streamedTicks : [step.tick])
      for (const fault of published.faults)
        events.push({ type: 'bad-tick', message: `${fault.asset} bad tick published: ${fault.kind}`, details: { ...fault, publishTime: published.time, transaction: step.priceTransaction } })
    const status = keeper.status()
    if (status.consecutiveFailures >= 20) fail({ service: 'keeper', reason: `20 steps in a row failed; last: ${status.lastError}` })
  })
  const background = createBackgroundTraders({ clients, traders: withBackground ? accounts.background : [], seed, logger: logger('traders') })
  const bot = createLiquidationBot({ rpcUrl: anvil.rpcUrl, privateKey: devnetAccount(devnetRoles.liquidationBot).privateKey, logger: logger('bot') })
  bot.onLiquidation((record) =>
    events.push({
      type: 'liquidation',
      message: `${record.isolatedId === 0n ? 'Account' : `Isolated position #${record.isolatedId} of`} ${record.account} liquidated: closed ${record.closing.toFixed(3)} (1 = one underlying's whole book), ${Math.round(record.closedNotional).toLocaleString('en-US')} USD notional${record.fullyClosed ? ' (fully closed)' : ''}`,
      details: { ...record, isolatedId: record.isolatedId.toString(), blockNumber: record.blockNumber.toString() },
    }),
  )

  /**
   * A planned RPC outage (`rpc-outage`): anvil's process group suspended (SIGSTOP) until `until`,
   * then resumed (SIGCONT). Requests sent meanwhile wait in the kernel's socket buffers and are
   * answered on resume, so the keeper, the traders and the bot carry on where they were.
   */
  let outage: { until: number; timer: ReturnType<typeof setTimeout> } | null = null
  let lastOutageEnd = 0
  const signalAnvil = (signal: 'SIGSTOP' | 'SIGCONT') => {
    try {
      process.kill(-anvil.pid, signal)
    } catch {
      // the group is gone: the exit watcher reports it
    }
  }
  const resumeChain = () => {
    if (outage === null) return
    clearTimeout(outage.timer)
    outage = null
    lastOutageEnd = Date.now()
    signalAnvil('SIGCONT')
    log.info('rpc outage over: anvil resumed')
  }
  const suspendChain = (seconds: number) => {
    const until = Date.now() + seconds * 1000
    if (outage !== null) clearTimeout(outage.timer)
    else signalAnvil('SIGSTOP')
    outage = { until, timer: setTimeout(resumeChain, seconds * 1000) }
    log.warn('rpc outage: anvil suspended', { seconds })
    return until
  }

  const chainStallLimitMs = Math.max(15_000, 10_000 * blockTime)
  const watcher = watchChainBlocks({
    publicClient: clients.publicClient,
    onBlock: async (block) => {
      if (resetting) return
      await keeper.onBlock(block)
      await background.onBlock(block)
    },
    onError: (error) => {
      // A planned outage is not a failure; the stall limit counts again from its end.
      if (outage === null && !restartingChain && Date.now() - Math.max(watcher.lastBlockSeenAt(), lastOutageEnd) > chainStallLimitMs)
        fail({ service: 'chain', reason: `anvil has not answered for ${Math.round(chainStallLimitMs / 1000)} s (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` })
    },
  })
  bot.start()

  const reset = async (newSeed: number) => {
    resetting = true
    try {
      // Option listings or settlements still being sent would straddle the revert.
      await keeper.idle()
      const before = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
      await clients.testClient.revert({ id: snapshotId })
      snapshotId = await clients.testClient.snapshot()
      // A revert also rewinds the clock; move it past the last tick so publish times keep increasing.
      const after = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
      await clients.testClient.increaseTime({ seconds: Math.max(1, before - after + 1) })
      if (integerBlocks) {
        await clients.testClient.setAutomine(false)
        await clients.testClient.setIntervalMining({ interval: blockTime })
      }
      simulator = createMarketSimulator({ seed: newSeed, startTime: before, speed })
      currentSeed = newSeed
      keeper.reset()
    } finally {
      resetting = false
    }
  }

  /**
   * `restart-chain`: the devnet restarted under running pages — anvil stopped, a fresh one on the
   * same port, the venue deployed again (same deployer, same nonces: the same addresses) and seeded
   * from the same plan. Block numbers start again from the seeding's; chain time is moved past the
   * last tick so feeds stay monotonic. The keeper, traders and bot poll over HTTP and carry on.
   */
  const restartChain = async () => {
    resetting = true
    restartingChain = true
    try {
      await keeper.idle()
      const before = watcher.latest()?.timestamp ?? Math.floor(Date.now() / 1000)
      resumeChain()
      const port = anvil.port
      await anvil.stop()
      anvil = await startAnvil({ port, host, args: anvilArgs })
      watchExit(anvil)
      // Seeding runs on instant mining and must not be interleaved with the keeper's prices.
      const fresh = await clients.publicClient.getBlock({ blockTag: 'latest' })
      if (Number(fresh.timestamp) <= before) await clients.testClient.increaseTime({ seconds: before - Number(fresh.timestamp) + 1 })
      snapshotId = await prepareChain()
      const latest = await clients.publicClient.getBlock({ blockTag: 'latest' })
      simulator = createMarketSimulator({ seed: currentSeed, startTime: Number(latest.timestamp), speed })
      keeper.reset()
      return { blockNumber: latest.number }
    } finally {
      lastOutageEnd = Date.now()
      restartingChain = false
      resetting = false
    }
  }

  const applyControl = async (control: DemoControl): Promise<Record<string, unknown>> => {
    switch (control.action) {
      case 'crash':
      case 'pump': {
        const percent = control.action === 'crash' ? -control.percent : control.percent
        for (const asset of control.assets) simulator.move({ asset, percent, seconds: control.seconds })
        events.push({ type: 'control', message: `${control.assets.join(', ')} ${control.action} ${percent > 0 ? '+' : '−'}${control.percent} % over ${control.seconds} s`, details: control })
        break
      }
      case 'vol-spike':
        for (const asset of control.assets) simulator.volSpike({ asset, factor: control.factor })
        events.push({ type: 'control', message: `${control.assets.join(', ')} volatility ×${control.factor}`, details: control })
        break
      case 'stall':
        simulator.stall({ asset: control.asset, seconds: control.seconds, feed: control.feed })
        events.push({ type: 'control', message: `${control.asset} ${control.feed} feed stalled for ${control.seconds} s`, details: control })
        break
      case 'bad-tick':
        simulator.injectBadTick({ asset: control.asset, kind: control.kind })
        events.push({ type: 'control', message: `${control.asset} bad tick queued: ${control.kind}`, details: control })
        break
      case 'advance-time':
        await clients.testClient.increaseTime({ seconds: control.seconds })
        events.push({ type: 'control', message: `chain time advanced ${control.seconds} s`, details: control })
        break
      case 'reset':
        await reset(control.seed ?? currentSeed)
        events.push({ type: 'reset', message: `market reset to its seeded state (seed ${currentSeed})`, details: { seed: currentSeed } })
        break
      case 'drop-stream': {
        const dropped = hermes.dropConnections()
        events.push({ type: 'control', message: `price streams cut (${dropped} connections)`, details: { dropped } })
        return { ok: true, action: control.action, dropped }
      }
      case 'stream-error': {
        const streams = hermes.sendStreamError(control.message)
        events.push({ type: 'control', message: `stream error event sent on ${streams} streams: ${control.message}`, details: { ...control, streams } })
        return { ok: true, action: control.action, streams }
      }
      case 'restart-chain': {
        const { blockNumber } = await restartChain()
        events.push({ type: 'reset', message: `chain restarted: a fresh anvil, the venue deployed and seeded again (block ${blockNumber})`, details: { blockNumber: blockNumber.toString() } })
        return { ok: true, action: control.action, blockNumber: blockNumber.toString() }
      }
      case 'time-lapse': {
        keeper.timeLapse(control)
        const message = control.factor === 1 ? 'time-lapse stopped' : `time-lapse: ${control.factor} chain seconds per block for ${control.seconds} s (${4 * control.factor} price updates a second)`
        events.push({ type: 'control', message, details: control })
        return { ok: true, action: control.action, factor: control.factor, seconds: control.seconds }
      }
      case 'rpc-outage': {
        const until = suspendChain(control.seconds)
        events.push({ type: 'control', message: `chain RPC down for ${control.seconds} s`, details: { ...control, until } })
        return { ok: true, action: control.action, seconds: control.seconds, until }
      }
      case 'faucet': {
        const { address, action: _action, ...amounts } = control
        const funded = await fundAddress(clients, { address, amounts })
        events.push({ type: 'control', message: `faucet funded ${address}`, details: { ...funded } })
        return { ok: true, action: control.action, ...funded }
      }
    }
    return { ok: true, action: control.action, control, market: simulator.state() }
  }

  const health = async (): Promise<DemoHealth> => {
    const latest = watcher.latest()
    const secondsSinceLastBlock = (Date.now() - watcher.lastBlockSeenAt()) / 1000
    const chainOk = outage === null && latest !== null && secondsSinceLastBlock < Math.max(5, 5 * blockTime)
    const keeperStatus = keeper.status()
    const keeperOk = keeperStatus.steps > 0 && keeperStatus.consecutiveFailures < 5
    const botStatus = bot.status()
    return {
      status: chainOk && keeperOk && botStatus.running ? 'ok' : 'degraded',
      chain: { ok: chainOk, rpcUrl: anvil.rpcUrl, blockNumber: latest?.number.toString() ?? null, chainTime: latest?.timestamp ?? null, secondsSinceLastBlock, outageUntil: outage?.until ?? null },
      keeper: { ok: keeperOk, ...keeperStatus },
      stream: { ok: true, ...hermes.status() },
      bot: { ok: botStatus.running, ...botStatus },
      backgroundTraders: { enabled: withBackground, ...background.status() },
    }
  }

  const state = async () => ({
    seed: currentSeed,
    chain: { rpcUrl: anvil.rpcUrl, block: watcher.latest() },
    market: simulator.state(),
    addresses: devnetAddresses,
    accounts: plans.map((plan) => ({ role: plan.role, address: plan.address, deposits: plan.deposits, perps: plan.perps, isolated: plan.isolated, options: plan.options })),
  })

  const stop = async () => {
    if (stopping) return
    stopping = true
    resumeChain() // a suspended anvil would hold the watcher's request and ignore SIGTERM
    await watcher.stop()
    await keeper.idle()
    await bot.stop()
    await hermes.close()
    await anvil.stop()
    log.info('stopped')
  }

  return {
    rpcUrl: anvil.rpcUrl,
    servicesUrl: hermes.url,
    seed,
    accounts,
    plans,
    simulator: () => simulator,
    keeper,
    bot,
    events,
    applyControl,
    health,
    failed,
    stop,
  }
}
