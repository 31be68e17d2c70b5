import { cookieStorage, createConfig, createStorage, http, injected, type CreateConnectorFn } from 'wagmi'
import { demoWallet } from './demoWallet'
import { devnetChain } from './devnetChain'

export type CreateWagmiConfigParameters = {
  /** `demo`: the local devnet with the demo wallet; `live`: browser wallets only. */
  mode: 'demo' | 'live'
  /** The venue chain's JSON-RPC over HTTP (the devnet's, `MARGINFLOW_RPC_URL`, read by the server at request time). */
  rpcUrl: string
  /** The devnet services (faucet), `MARGINFLOW_SERVICES_URL`; unused in live mode. */
  servicesUrl: string
  /** Overrides for tests (e.g. an in-memory storage, no auto-connect); none in the app. */
  demoWallet?: Partial<Omit<Parameters<typeof demoWallet>[0], 'servicesUrl'>>
}

/**
 * The page's wagmi config: the devnet chain (chain id 31337 at `rpcUrl`) over `http(rpcUrl)`;
 * connectors: the demo wallet (demo mode only) and `injected()` for a browser wallet that does not
 * announce itself, while wagmi's EIP-6963 discovery (`multiInjectedProviderDiscovery`, on) adds
 * every wallet that does (MetaMask, Rabby, …) as its own connector. `ssr: true` with cookie
 * storage (wagmi's App Router set-up): the server can render the connection the cookie records
 * (`cookieToInitialState`) and the client hydrates without a mismatch. Nothing here touches
 * `window`: safe to call during server rendering.
 *
 * Live mode keeps the same chain: the venue this dashboard trades exists only on the devnet, so
 * an injected wallet is asked to switch to it ("Switch to devnet").
 *
 * @example
 * const config = createWagmiConfig({ mode: 'demo', rpcUrl: 'http://127.0.0.1:8545', servicesUrl: 'http://127.0.0.1:8787' })
 */
export function createWagmiConfig({ mode, rpcUrl, servicesUrl, demoWallet: demoOptions = {} }: CreateWagmiConfigParameters) {
  const chain = devnetChain({ rpcUrl })
  const connectors: CreateConnectorFn[] = mode === 'demo' ? [demoWallet({ servicesUrl, ...demoOptions }), injected()] : [injected()]
  return createConfig({
    chains: [chain],
    connectors,
    multiInjectedProviderDiscovery: true,
    transports: { [chain.id]: http(rpcUrl) },
    ssr: true,
    // Prefixed: cookies are per host, not per port, and other local apps may use wagmi's default key.
    storage: createStorage({ key: 'marginflow.wagmi', storage: cookieStorage }),
  })
}

/** The page's wagmi config type. */
export type WagmiConfig = ReturnType<typeof createWagmiConfig>

declare module 'wagmi' {
  interface Register {
    config: WagmiConfig
  }
}
