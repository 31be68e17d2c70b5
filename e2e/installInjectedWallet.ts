import type { Page } from '@playwright/test'

/** A request the injected wallet received, with the chain it was on at that moment. */
export type InjectedWalletRequest = { method: string; chainId: number; at: number }

/** The handle the page gets as `window.injectedWallet`, for the drill to act as the trader in their wallet. */
export type InjectedWalletHandle = {
  /** Every request the page made, in order. */
  requests: InjectedWalletRequest[]
  /** The chain the wallet is on now. */
  chainId(): number
  /** The trader picks another network in the wallet: it emits `chainChanged` (EIP-1193). */
  selectChain(chainId: number): void
  /** The chains the page asked the wallet to add (`wallet_addEthereumChain`'s parameter). */
  added: { chainId: string; chainName?: string; rpcUrls?: string[] }[]
}

/** Methods that ask the wallet to sign (and, for a transaction, send) something. */
export const signingMethods = ['eth_sendTransaction', 'eth_signTransaction', 'eth_signTypedData_v4', 'personal_sign', 'wallet_sendTransaction'] as const

export type InstallInjectedWalletParameters = {
  /** The account the wallet holds: an anvil dev account, which the devnet signs for (`eth_sendTransaction`, `eth_signTypedData_v4`). */
  address: string
  /** The name the wallet announces (EIP-6963), shown in the page's wallet menu. */
  name: string
  /** The chain it is on when the page loads: mainnet (1) for a wallet that is somewhere else. */
  chainId: number
}

/**
 * Installs, before the page's scripts run, a browser wallet as the page sees a real one: an
 * EIP-1193 provider announced through EIP-6963 (`eip6963:announceProvider`). It knows chain 1 only
 * and has no node for it; a page that wants the devnet must ask it to switch, and since it does not
 * know the devnet (4902) to add it — from then on it forwards every request to the RPC URL the page
 * gave (`wallet_addEthereumChain`), where anvil signs for its unlocked dev accounts. Like a real
 * wallet it reports no account before the page asks for one (`eth_requestAccounts`), and it emits
 * `chainChanged` when the trader picks another network (`window.injectedWallet.selectChain`). Every
 * request is recorded with the chain the wallet was on, so a drill can show nothing was signed
 * while it was on the wrong chain; a signature asked for off the devnet is refused (4901).
 */
export async function installInjectedWallet(page: Page, parameters: InstallInjectedWalletParameters) {
  await page.addInitScript(({ address, name, chainId: initialChainId, signing }) => {
    type Listener = (...args: unknown[]) => void
    const listeners = new Map<string, Set<Listener>>()
    const emit = (event: string, value: unknown) => {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(value)
    }
    const rpcUrls = new Map<number, string>() // chains the wallet knows a node for: those the page added
    const known = new Set<number>([1])
    let chainId = initialChainId
    let authorised = false
    const requests: { method: string; chainId: number; at: number }[] = []
    const added: { chainId: string; chainName?: string; rpcUrls?: string[] }[] = []
    const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code })
    const hex = (value: number) => `0x${value.toString(16)}`
    const requestedChain = (params: unknown) => {
      const value = Array.isArray(params) ? (params[0] as { chainId?: unknown } | undefined)?.chainId : undefined
      return typeof value === 'string' ? Number.parseInt(value, 16) : Number.NaN
    }
    const select = (next: number) => {
      if (next === chainId) return
      chainId = next
      emit('chainChanged', hex(next))
    }
    let nextId = 1
    const forward = async (method: string, params: unknown) => {
      const url = rpcUrls.get(chainId)
      if (url === undefined) throw rpcError(4900, `${name} has no node for chain ${chainId}`)
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }) })
      const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } }
      if (body.error) throw Object.assign(rpcError(body.error.code, body.error.message), { data: body.error.data })
      return body.result
    }
    const provider = {
      async request({ method, params }: { method: string; params?: unknown }) {
        requests.push({ method, chainId, at: Date.now() })
        switch (method) {
          case 'eth_chainId':
            return hex(chainId)
          case 'net_version':
            return String(chainId)
          case 'eth_accounts':
            return authorised ? [address] : []
          case 'eth_requestAccounts':
            authorised = true
            return [address]
          case 'wallet_requestPermissions':
          case 'wallet_getPermissions':
            throw rpcError(4200, `${name} does not support ${method}`)
          case 'wallet_revokePermissions':
            authorised = false
            return null
          case 'wallet_switchEthereumChain': {
            const target = requestedChain(params)
            if (!known.has(target)) throw rpcError(4902, `${name} does not know chain ${target}`)
            select(target)
            return null
          }
          case 'wallet_addEthereumChain': {
            const chain = (Array.isArray(params) ? params[0] : undefined) as { chainId: string; chainName?: string; rpcUrls?: string[] }
            added.push(chain)
            const target = Number.parseInt(chain.chainId, 16)
            const url = chain.rpcUrls?.[0]
            if (url === undefined) throw rpcError(-32602, 'no RPC URL')
            rpcUrls.set(target, url)
            known.add(target)
            select(target) // as wallets do: adding a chain switches to it
            return null
          }
        }
        if ((signing as readonly string[]).includes(method) && !rpcUrls.has(chainId)) throw rpcError(4901, `${name} is on chain ${chainId}: it signs nothing there`)
        return forward(method === 'wallet_sendTransaction' ? 'eth_sendTransaction' : method, params)
      },
      on(event: string, listener: Listener) {
        if (!listeners.has(event)) listeners.set(event, new Set())
        listeners.get(event)!.add(listener)
      },
      removeListener(event: string, listener: Listener) {
        listeners.get(event)?.delete(listener)
      },
    }
    ;(window as unknown as { injectedWallet: unknown }).injectedWallet = { requests, added, chainId: () => chainId, selectChain: select }
    const icon = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="4" fill="#8b5cf6"/></svg>')}`
    const info = Object.freeze({ uuid: crypto.randomUUID(), name, icon, rdns: 'dev.marginflow.e2e-wallet' })
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
    window.addEventListener('eip6963:requestProvider', announce)
    announce()
  }, { ...parameters, signing: signingMethods })
}
