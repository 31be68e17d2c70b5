'use client'

import { useMemo, type ReactNode } from 'react'
import type { Address } from 'viem'
import type { Connector } from 'wagmi'
import { demoIdentities, demoIdentityLabels, type DemoIdentity } from '@/lib/chain/wallet/demoIdentities'
import type { DemoWalletConnector } from '@/lib/chain/wallet/demoWallet'
import { connectorLabel, safeWalletIcon, shortAddress } from './walletLabels'

const itemClass =
  'flex w-full items-center gap-2 rounded px-3 py-2 text-left text-sm text-inherit hover:bg-edge focus:bg-edge focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:opacity-60'

/** One menu action. Pending items keep focus (`aria-disabled`) and ignore clicks. */
export function MenuItem({ onSelect, disabled = false, children }: { onSelect: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="button" role="menuitem" aria-disabled={disabled || undefined} onClick={() => !disabled && onSelect()} className={itemClass}>
      {children}
    </button>
  )
}

/** The wallets to connect: the demo wallet and each discovered (EIP-6963) browser wallet (a `menu`'s group). */
export function ConnectItems({ connectors, pendingId, onConnect }: { connectors: Connector[]; pendingId: string | null; onConnect: (connector: Connector) => void }) {
  return (
    <div role="group" aria-label="Connect a wallet">
      <p aria-hidden="true" className="px-3 pb-1 pt-2 text-xs uppercase tracking-wide text-muted">
        Connect a wallet
      </p>
      {connectors.map((connector) => {
        const icon = safeWalletIcon(connector.icon)
        return (
          <MenuItem key={connector.uid} disabled={pendingId !== null} onSelect={() => onConnect(connector)}>
            {icon ? (
              // eslint-disable-next-line @next/next/no-img-element -- a wallet's EIP-6963 icon is a data: URI; next/image has nothing to optimise
              <img src={icon} alt="" width={20} height={20} className="size-5 rounded" />
            ) : (
              <span aria-hidden="true" className="grid size-5 place-items-center rounded bg-accent/20 text-xs text-accent">
                {connector.name.slice(0, 1)}
              </span>
            )}
            <span className="flex-1">{connectorLabel(connector)}</span>
            {pendingId === connector.uid ? <span className="text-xs text-muted">Connecting…</span> : null}
          </MenuItem>
        )
      })}
    </div>
  )
}

/**
 * The demo wallet's identities as radio items (Retail / Power user / Burner, each with its
 * address), and the faucet for the burner. Devnet-only keys: see `seededDemoKeys`.
 */
export function DemoIdentityItems({
  connector,
  address,
  funding,
  onIdentity,
  onFundBurner,
}: {
  connector: DemoWalletConnector
  address: Address
  funding: boolean
  onIdentity: (identity: DemoIdentity) => void
  onFundBurner: () => void
}) {
  // The burner's key is made (and kept in localStorage) on first use: in the browser, here.
  const addresses = useMemo(() => connector.identityAddresses(), [connector])
  return (
    <>
      <div role="group" aria-label="Act as">
        <p aria-hidden="true" className="px-3 pb-1 pt-2 text-xs uppercase tracking-wide text-muted">
          Act as (devnet keys)
        </p>
        {demoIdentities.map((identity) => {
          const checked = addresses[identity].toLowerCase() === address.toLowerCase()
          return (
            <button key={identity} type="button" role="menuitemradio" aria-checked={checked} onClick={() => onIdentity(identity)} className={itemClass}>
              <span aria-hidden="true" className={`size-2 rounded-full ${checked ? 'bg-accent' : 'border border-muted'}`} />
              <span className="flex-1">{demoIdentityLabels[identity]}</span>
              <span className="font-mono text-xs text-muted">{shortAddress(addresses[identity])}</span>
            </button>
          )
        })}
      </div>
      <MenuItem disabled={funding} onSelect={onFundBurner}>
        <span className="flex-1">{funding ? 'Funding the burner…' : 'Fund burner'}</span>
        <span className="text-xs text-muted">faucet</span>
      </MenuItem>
    </>
  )
}
