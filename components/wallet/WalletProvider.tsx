'use client'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { cookieToInitialState, WagmiProvider } from 'wagmi'
import { createWagmiConfig } from '@/lib/chain/wallet/createWagmiConfig'
import { isDemoWalletConnector } from '@/lib/chain/wallet/demoWallet'

export type WalletProviderProps = {
  /** `demo`: the devnet and the demo wallet; `live`: browser wallets only. */
  mode: 'demo' | 'live'
  /** The devnet's JSON-RPC URL (the server reads `MARGINFLOW_RPC_URL` at request time). */
  rpcUrl: string
  /** The devnet services (faucet), `MARGINFLOW_SERVICES_URL`. */
  servicesUrl: string
  /**
   * The request's `Cookie` header (`(await headers()).get('cookie')` in the page): the server then
   * renders the connection wagmi recorded, and the client hydrates it without a flash of
   * "Connect wallet". Optional: without it the connection appears once the page mounts.
   */
  cookie?: string | null
  children: ReactNode
}

/**
 * Wallets for the page (wagmi's App Router set-up): the config (`createWagmiConfig`) and the
 * TanStack `QueryClient` are made once per mount in `useState`, so nothing is shared between
 * requests on the server and nothing touches `window` while rendering there.
 *
 * In demo mode a first visit connects the demo wallet acting as the seeded retail trader, so a
 * newcomer sees a live, leveraged position at once. That is wagmi's own reconnect on mount: the
 * demo wallet counts as authorised when no wallet was chosen yet and the user has not
 * disconnected it (see `demoWallet`), so it never races a reconnect or overrides a chosen wallet.
 */
export function WalletProvider({ mode, rpcUrl, servicesUrl, cookie, children }: WalletProviderProps) {
  const [config] = useState(() => createWagmiConfig({ mode, rpcUrl, servicesUrl }))
  const [queryClient] = useState(() => new QueryClient())
  const [initialState] = useState(() => cookieToInitialState(config, cookie))

  useEffect(() => {
    // A handle for drills, as the engine's `window.marginflow`: the e2e suite rejects a signature
    // through `marginflowWallet.demoWallet.setApprover(() => false)`. Demo mode only.
    const demoWallet = config.connectors.find(isDemoWalletConnector)
    if (demoWallet === undefined) return
    const handle = window as unknown as { marginflowWallet?: unknown }
    handle.marginflowWallet = { config, demoWallet }
    return () => {
      delete handle.marginflowWallet
    }
  }, [config])

  return (
    <WagmiProvider config={config} initialState={initialState}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </WagmiProvider>
  )
}
