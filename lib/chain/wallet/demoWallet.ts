import { getAddress, SwitchChainError, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createConnector, type Connector } from 'wagmi'
import { devnetChainId } from '../generated/addresses'
import { createDemoProvider, type DemoApprover, type DemoProvider } from './createDemoProvider'
import { isDemoIdentity, seededDemoAddresses, seededDemoKeys, type DemoIdentity } from './demoIdentities'
import { DemoWalletChainError } from './demoWalletErrors'
import { loadBurnerKey, type BurnerKeyStorage } from './loadBurnerKey'
import { requestFaucet, type RequestFaucetReturnType } from './requestFaucet'

export type DemoWalletParameters = {
  /** The devnet services (faucet), e.g. `http://127.0.0.1:8787`. */
  servicesUrl: string
  /**
   * Connect without a click when no wallet was chosen yet (a first visit) and the demo wallet was
   * not disconnected by the user: wagmi's reconnect-on-mount then connects it, acting as retail.
   * Default true.
   */
  autoConnect?: boolean
  /** Where the burner key lives; the browser's `localStorage` by default (see `loadBurnerKey`). */
  burnerKeyStorage?: BurnerKeyStorage
  /** For tests: the faucet's `fetch`. */
  fetch?: typeof fetch
}

/** What the demo wallet adds to a wagmi connector. */
export type DemoWalletProperties = {
  /** Who the wallet acts as (stored in wagmi's storage, so a reload keeps it). */
  getIdentity(): Promise<DemoIdentity>
  /**
   * Acts as `identity` from now on and remembers it; while connected, the provider's
   * `accountsChanged` moves wagmi's connection (and `useConnection().address`) to its address.
   */
  setIdentity(identity: DemoIdentity): Promise<void>
  /** Every identity's address (the burner's key is made on first use, in the browser). */
  identityAddresses(): Record<DemoIdentity, Address>
  /** Funds the burner from the devnet faucet; resolves once the mints are mined. */
  fundBurner(): Promise<RequestFaucetReturnType>
  /**
   * Sets who approves each signature (`null`: sign every valid request, the default). An
   * approver returning false rejects as a user would (4001): the e2e drill for a refused signature.
   */
  setApprover(approve: DemoApprover | null): Promise<void>
}

/** The demo wallet as wagmi lists it among `config.connectors`. */
export type DemoWalletConnector = Connector & DemoWalletProperties

type StorageItem = { 'demoWallet.identity': DemoIdentity; 'demoWallet.disconnected': true }

/** The demo wallet's connector id (and wagmi's `recentConnectorId` when it was used last). */
export const demoWalletId = 'demoWallet'

demoWallet.type = 'demoWallet' as const
/**
 * A wagmi connector "Demo wallet" for the devnet only: an EIP-1193 provider
 * (`createDemoProvider`) that signs locally as the seeded retail trader, the seeded power user
 * (public anvil dev keys #3 and #4 — DEVNET ONLY) or a burner whose key this browser made and
 * keeps in `localStorage`, funded by the faucet. It refuses to sign for any chain but 31337 and
 * cannot switch to another one. `createWagmiConfig` adds it in demo mode only.
 *
 * Auto-connect on a first visit is wagmi's own reconnect: `isAuthorized()` answers yes when the
 * demo wallet was used last, or when no wallet was chosen yet and the user has not disconnected
 * it — so there is no race with reconnect and no second connection beside a chosen wallet.
 *
 * @example
 * createConfig({ chains: [devnetChain({ rpcUrl })], connectors: [demoWallet({ servicesUrl })], transports: { 31337: http(rpcUrl) } })
 */
export function demoWallet({ servicesUrl, autoConnect = true, burnerKeyStorage, fetch }: DemoWalletParameters) {
  return createConnector<DemoProvider, DemoWalletProperties, StorageItem>((config) => {
    let burnerKey: Hex | undefined
    let burnerAddress: Address | undefined
    let provider: Promise<DemoProvider> | undefined
    let accountsChanged: ((accounts: string[]) => void) | undefined
    const keys = () => ({ ...seededDemoKeys, burner: (burnerKey ??= loadBurnerKey(burnerKeyStorage)) })
    const devnet = config.chains.find((chain) => chain.id === devnetChainId)
    const notDevnet = (chainId: number | undefined, reason: string) => new DemoWalletChainError({ chainId, devnetChainId, code: 4902, reason })

    return {
      id: demoWalletId,
      name: 'Demo wallet',
      type: demoWallet.type,

      async connect({ chainId, withCapabilities } = {}) {
        if (chainId !== undefined && chainId !== devnetChainId) throw notDevnet(chainId, `it cannot connect to chain ${chainId}`)
        const demoProvider = await this.getProvider()
        if (accountsChanged === undefined) {
          accountsChanged = (accounts) => this.onAccountsChanged(accounts)
          demoProvider.on('accountsChanged', accountsChanged as (...args: unknown[]) => void)
        }
        await config.storage?.removeItem('demoWallet.disconnected')
        const accounts = await this.getAccounts()
        return {
          accounts: (withCapabilities ? accounts.map((address) => ({ address, capabilities: {} })) : accounts) as never,
          chainId: devnetChainId,
        }
      },
      async disconnect() {
        const demoProvider = await this.getProvider()
        if (accountsChanged !== undefined) demoProvider.removeListener('accountsChanged', accountsChanged as (...args: unknown[]) => void)
        accountsChanged = undefined
        await config.storage?.setItem('demoWallet.disconnected', true)
      },
      async getAccounts() {
        const demoProvider = await this.getProvider()
        const accounts = (await demoProvider.request({ method: 'eth_accounts' })) as string[]
        return accounts.map((address) => getAddress(address))
      },
      async getChainId() {
        return devnetChainId
      },
      async getProvider() {
        provider ??= (async () => {
          if (devnet === undefined) throw notDevnet(config.chains[0].id, 'the wagmi config has no devnet chain')
          const stored = await config.storage?.getItem('demoWallet.identity')
          return createDemoProvider({ chain: devnet, keys: keys(), identity: isDemoIdentity(stored) ? stored : 'retail' })
        })().catch((error: unknown) => {
          provider = undefined
          throw error
        })
        return provider
      },
      async isAuthorized() {
        if (await config.storage?.getItem('demoWallet.disconnected')) return false
        const recent = await config.storage?.getItem('recentConnectorId')
        if (recent === demoWalletId) return true
        return autoConnect && (recent === null || recent === undefined)
      },
      async switchChain({ chainId }) {
        if (chainId !== devnetChainId || devnet === undefined) throw new SwitchChainError(notDevnet(chainId, `chain ${chainId} is not one it knows`))
        return devnet
      },
      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect()
        else config.emitter.emit('change', { accounts: accounts.map((address) => getAddress(address)) })
      },
      onChainChanged(chain) {
        config.emitter.emit('change', { chainId: Number(chain) })
      },
      onDisconnect() {
        config.emitter.emit('disconnect')
      },

      async getIdentity() {
        return (await this.getProvider()).identity()
      },
      async setIdentity(identity) {
        const demoProvider = await this.getProvider()
        await config.storage?.setItem('demoWallet.identity', identity)
        demoProvider.setIdentity(identity)
      },
      identityAddresses() {
        burnerAddress ??= privateKeyToAccount(keys().burner).address
        return { ...seededDemoAddresses, burner: burnerAddress }
      },
      async fundBurner() {
        return requestFaucet({ servicesUrl, address: this.identityAddresses().burner, fetch })
      },
      async setApprover(approve) {
        ;(await this.getProvider()).setApprover(approve)
      },
    }
  })
}

/** Whether a wagmi connector is the demo wallet (and has its identity switch). */
export function isDemoWalletConnector(connector: Connector | undefined | null): connector is DemoWalletConnector {
  return connector?.type === demoWallet.type
}
