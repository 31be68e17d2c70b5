import type { Address } from 'viem'
import type { Connector } from 'wagmi'
import { demoIdentityLabels, seededDemoAddresses, type DemoIdentity } from '@/lib/chain/wallet/demoIdentities'
import { isDemoWalletConnector } from '@/lib/chain/wallet/demoWallet'
import type { RequestFaucetReturnType } from '@/lib/chain/wallet/requestFaucet'

/** `0x90F7…b906`: the first four and last four hex digits. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

/**
 * Which demo identity an address is. The seeded traders are known constants; any other address
 * of the demo wallet is its burner (read without the burner's key, so server and client agree).
 */
export function demoIdentityOf(address: Address | undefined): DemoIdentity | null {
  if (address === undefined) return null
  const lower = address.toLowerCase()
  if (lower === seededDemoAddresses.retail.toLowerCase()) return 'retail'
  if (lower === seededDemoAddresses.powerUser.toLowerCase()) return 'powerUser'
  return 'burner'
}

/** The button's words for a connection: `Retail · 0x90F7…b906`, `MetaMask · 0x…`. */
export function connectionLabel(connector: Connector | undefined, address: Address): string {
  const who = isDemoWalletConnector(connector) ? demoIdentityLabels[demoIdentityOf(address) ?? 'burner'] : (connector?.name ?? 'Wallet')
  return `${who} · ${shortAddress(address)}`
}

/**
 * The connectors to offer, in menu order: the demo wallet, then every wallet that announced
 * itself (EIP-6963: `type` injected, id = its rdns), then wagmi's generic `injected` for a
 * `window.ethereum` that did not — only when there is one and no wallet announced itself (it
 * would be the same wallet twice).
 */
export function connectorsToOffer(connectors: readonly Connector[], { hasWindowEthereum }: { hasWindowEthereum: boolean }): Connector[] {
  const demo = connectors.filter((connector) => isDemoWalletConnector(connector))
  const announced = connectors.filter((connector) => connector.type === 'injected' && connector.id !== 'injected')
  const generic = hasWindowEthereum && announced.length === 0 ? connectors.filter((connector) => connector.id === 'injected') : []
  return [...demo, ...announced, ...generic]
}

/** A connector's name in the menu. */
export function connectorLabel(connector: Connector): string {
  if (isDemoWalletConnector(connector)) return 'Demo wallet (devnet)'
  if (connector.id === 'injected') return 'Browser wallet'
  return connector.name
}

/** An EIP-6963 icon we are willing to render: a data: URI image (the standard requires one). */
export function safeWalletIcon(icon: string | undefined): string | null {
  return icon !== undefined && /^data:image\/(svg\+xml|png|jpeg|webp|gif)[;,]/.test(icon) ? icon : null
}

/** What the faucet sent, in whole tokens: `100,000 USDC, 10 WETH, 10 wstETH and 10 ETH`. */
export function describeFunding({ sent }: Pick<RequestFaucetReturnType, 'sent'>): string {
  const amounts = [
    [sent.usdc, 'USDC'],
    [sent.weth, 'WETH'],
    [sent.wstEth, 'wstETH'],
    [sent.eth, 'ETH'],
  ] as const
  const parts = amounts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount.toLocaleString('en-US')} ${unit}`)
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/**
 * One sentence for a wallet failure: the user's refusal (4001), a missing browser wallet, the
 * demo wallet's own reason, or the error's short message. Walks the `cause` chain, as viem and
 * wagmi wrap a provider's error in their own.
 */
export function describeWalletError(error: unknown): string {
  const chain: { name?: unknown; code?: unknown; shortMessage?: unknown; message?: unknown }[] = []
  for (let cause: unknown = error; typeof cause === 'object' && cause !== null && chain.length < 20; cause = (cause as { cause?: unknown }).cause) {
    chain.push(cause as (typeof chain)[number])
  }
  if (chain.some((cause) => cause.code === 4001)) return 'You rejected the request in your wallet.'
  if (chain.some((cause) => cause.name === 'ProviderNotFoundError')) return 'No browser wallet found: install one, or use the demo wallet.'
  const own = chain.find((cause) => typeof cause.name === 'string' && cause.name.startsWith('DemoWallet'))
  const best = own ?? chain[0]
  const text = typeof best?.shortMessage === 'string' ? best.shortMessage : typeof best?.message === 'string' ? best.message : String(error)
  return text.split('\n')[0] ?? text
}
