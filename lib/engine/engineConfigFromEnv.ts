import type { EngineConfig } from './protocol'

/** How the page is wired: to the local devnet (demo), or to Pyth's Hermes through the app's relay (live). */
export type EngineSetup = {
  mode: 'demo' | 'live'
  /** `priceStreamUrl` may be relative (`/api/hermes`): the browser resolves it against its origin. */
  config: EngineConfig
  /** Accounts the page watches from the start (the demo's seeded traders). */
  watch: string[]
}

/** The demo's seeded retail and power-user accounts (anvil dev accounts 3 and 4; devnet/runtime/devnetAccounts). */
export const demoAccounts = ['0x90F79bf6EB2c4f870365E785982E1f101E93b906', '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65']

/**
 * Reads the engine's wiring from server-side environment at request time (so one build serves
 * any devnet ports): `MARGINFLOW_MODE` (`demo` by default, or `live`), `MARGINFLOW_SERVICES_URL`
 * (the devnet's stream, http://127.0.0.1:8787), `MARGINFLOW_RPC_URL` (http://127.0.0.1:8545) and
 * `MARGINFLOW_WS_URL` (derived from the RPC URL). Live mode streams through `/api/hermes`, the
 * relay that holds `PYTH_API_KEY`; the key itself never leaves the server.
 */
export function engineConfigFromEnv(env: Record<string, string | undefined>): EngineSetup {
  if (env.MARGINFLOW_MODE === 'live') return { mode: 'live', config: { priceStreamUrl: '/api/hermes' }, watch: [] }
  const services = env.MARGINFLOW_SERVICES_URL ?? 'http://127.0.0.1:8787'
  const rpcUrl = env.MARGINFLOW_RPC_URL ?? 'http://127.0.0.1:8545'
  const wsUrl = env.MARGINFLOW_WS_URL ?? rpcUrl.replace(/^http/, 'ws')
  return { mode: 'demo', config: { priceStreamUrl: services, volatilityStreamUrl: services, rpcUrl, wsUrl }, watch: demoAccounts }
}
