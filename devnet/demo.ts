/**
 * `npm run demo`: the whole system on one machine (issue 5, DESIGN.md §6) — anvil, the venue,
 * seeded accounts, the price simulator and keeper, the Hermes-format stream, background traders,
 * the liquidation bot, demo controls, and the app on http://localhost:3000.
 *
 *   npm run demo [-- --seed 7 --block-time 1 --speed 1 --no-app]
 *
 * Ports (environment): MARGINFLOW_ANVIL_PORT (8545), MARGINFLOW_SERVICES_PORT (8787),
 * MARGINFLOW_APP_PORT (3000). Ctrl-C or SIGTERM stops every process it started (each child in
 * its own process group); if anvil or a service dies, the demo says which and stops.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { parseArgs } from 'node:util'
import { ensureContractsBuilt } from './runtime/ensureContractsBuilt'
import { startDemoRuntime, type DemoRuntime } from './runtime/startDemoRuntime'

const usage = `Usage: npm run demo [-- options]
  --seed N          seed of prices and background traders (default 1): the same seed replays the same market
  --block-time S    seconds per block (default 1; fractions such as 0.25 work)
  --speed N         simulated market seconds per chain second (default 1: realized vol = the vol index)
  --no-app          run the chain and services only (no Next.js build)
  --log-level L     debug | info | warn | error (default info)`

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`)
  process.exit(2)
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        'block-time': { type: 'string', default: '1' },
        speed: { type: 'string', default: '1' },
        'no-app': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'info' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
})()
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const seed = Number(values.seed)
const blockTime = Number(values['block-time'])
const speed = Number(values.speed)
const logLevel = values['log-level']
if (!Number.isSafeInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer (got ${values.seed}).`)
if (!(blockTime > 0 && blockTime <= 60)) fail(`--block-time must be between 0 and 60 seconds (got ${values['block-time']}).`)
if (!(speed >= 1 && speed <= 3600)) fail(`--speed must be between 1 and 3600 (got ${values.speed}).`)
if (logLevel !== 'debug' && logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'error') fail(`--log-level must be debug, info, warn or error (got ${logLevel}).`)

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 0 || value > 65_535) fail(`${name} must be a TCP port (got ${process.env[name]}).`)
  return value
}
const anvilPort = port('MARGINFLOW_ANVIL_PORT', 8545)
const servicesPort = port('MARGINFLOW_SERVICES_PORT', 8787)
const appPort = port('MARGINFLOW_APP_PORT', 3000)
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
const children = new Set<ChildProcess>()
let runtime: DemoRuntime | undefined
let stopping = false

function log(level: 'info' | 'error', message: string) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, service: 'demo', msg: message })
  if (level === 'error') console.error(line)
  else console.log(line)
}

/** Starts a child in its own process group so the whole group can be stopped at once. */
function start(name: string, command: string, args: string[], { critical }: { critical: boolean }): ChildProcess {
  const child = spawn(command, args, { env, stdio: 'inherit', detached: true })
  children.add(child)
  child.on('exit', (code, signal) => {
    children.delete(child)
    if (critical && !stopping) {
      log('error', `${name} exited (${signal ?? `code ${code}`}); stopping the demo.`)
      void stop(1)
    }
  })
  return child
}

async function stop(code: number) {
  if (stopping) return
  stopping = true
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  const killTimer = setTimeout(() => {
    for (const child of children) if (child.pid) try { process.kill(-child.pid, 'SIGKILL') } catch { /* gone */ }
  }, 5_000)
  await runtime?.stop().catch((error: unknown) => log('error', `stopping the devnet: ${String(error)}`))
  while (children.size > 0) await new Promise((resolve) => setTimeout(resolve, 100))
  clearTimeout(killTimer)
  process.exit(code)
}

process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
process.on('uncaughtException', (error) => {
  log('error', `unexpected error: ${error.stack ?? error.message}`)
  void stop(1)
})

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

// The app builds while the chain comes up (two independent, slow steps).
const appBuilt = values['no-app']
  ? Promise.resolve(0)
  : (log('info', 'building the app (next build)…'), exitCode(start('next build', 'npx', ['next', 'build'], { critical: false })))

try {
  log('info', 'building the contracts (forge, offline)…')
  await ensureContractsBuilt()
  log('info', `starting the devnet (seed ${seed}, ${blockTime} s blocks)…`)
  runtime = await startDemoRuntime({ seed, blockTime, speed, anvilPort, servicesPort, logLevel })
} catch (error) {
  log('error', `the devnet did not start: ${error instanceof Error ? error.message : String(error)}`)
  await stop(1)
}
void runtime!.failed.then((failure) => {
  log('error', `${failure.service} failed (${failure.reason}); stopping the demo rather than serving a frozen market.`)
  void stop(1)
})

const buildCode = await appBuilt
if (buildCode !== 0) {
  log('error', `next build failed (code ${buildCode}).`)
  await stop(buildCode)
}
let appUrl: string | undefined
if (!values['no-app'] && !stopping && runtime) {
  // The page reads its wiring from the environment at request time: point it at this devnet.
  env.MARGINFLOW_SERVICES_URL = runtime.servicesUrl
  env.MARGINFLOW_RPC_URL = runtime.rpcUrl
  start('the app (next start)', 'npx', ['next', 'start', '-p', String(appPort)], { critical: true })
  appUrl = `http://localhost:${appPort}`
  for (let attempt = 0; attempt < 240 && !stopping; attempt++) {
    const ok = await fetch(appUrl).then((response) => response.ok, () => false)
    if (ok) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
if (!stopping && runtime) {
  const { rpcUrl, servicesUrl, accounts } = runtime
  log('info', [
    'ready',
    appUrl ? `app ${appUrl}` : 'app not started (--no-app)',
    `chain ${rpcUrl} (WebSocket ${rpcUrl.replace(/^http/, 'ws')})`,
    `prices ${servicesUrl}/v2/updates/price/stream`,
    `health ${servicesUrl}/health`,
    `controls npm run demo:ctl -- --help`,
    `retail ${accounts.retail}, power user ${accounts.powerUser}`,
    'Ctrl-C stops everything',
  ].join(' · '))
}
