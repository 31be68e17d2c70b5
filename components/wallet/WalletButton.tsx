'use client'

import { useEffect, useState } from 'react'
import { useConnect, useConnection, useConnectors, useDisconnect, type Connector } from 'wagmi'
import { devnetChainId } from '@/lib/chain/generated/addresses'
import { demoIdentityLabels, type DemoIdentity } from '@/lib/chain/wallet/demoIdentities'
import { isDemoWalletConnector } from '@/lib/chain/wallet/demoWallet'
import { SwitchToDevnetPrompt } from './SwitchToDevnetPrompt'
import { useMenu } from './useMenu'
import { ConnectItems, DemoIdentityItems, MenuItem } from './WalletMenuItems'
import { connectionLabel, connectorsToOffer, describeFunding, describeWalletError, shortAddress } from './walletLabels'

type Notice = { kind: 'status' | 'error'; text: string }

/** How long an outcome stays on screen once the menu is closed, ms. */
const noticeMs = 6_000

/**
 * The wallet button for the header: a menu button (`aria-haspopup="menu"`) that lists the
 * wallets to connect — the demo wallet (demo mode) and every browser wallet discovered through
 * EIP-6963 — and, once connected, shows the short address; for the demo wallet, who it acts as
 * (Retail / Power user / Burner, switched in the menu) and "Fund burner" (the devnet faucet).
 * A wallet on another chain gets a "Switch to devnet" prompt beside the button. Failures stay in
 * the menu with their reason (`role="alert"`); outcomes show for a few seconds in a polite live region.
 */
export function WalletButton() {
  const connection = useConnection()
  const connectors = useConnectors()
  const { mutateAsync: connect } = useConnect()
  const { mutateAsync: disconnect } = useDisconnect()
  const menu = useMenu()
  const [pendingId, setPendingId] = useState<string | null>(null)
  const [funding, setFunding] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)

  // An outcome stays readable for a while after the menu closes, then gets out of the way.
  useEffect(() => {
    if (notice === null || menu.open) return
    const timer = setTimeout(() => setNotice(null), noticeMs)
    return () => clearTimeout(timer)
  }, [notice, menu.open])

  const { address, connector, status } = connection
  const connected = address !== undefined && (status === 'connected' || status === 'reconnecting')
  const wrongNetwork = status === 'connected' && connection.chainId !== devnetChainId
  // Read only while the menu is open, which is never during server rendering.
  const offered = menu.open ? connectorsToOffer(connectors, { hasWindowEthereum: typeof window !== 'undefined' && 'ethereum' in window }) : []
  const label = connected ? connectionLabel(connector, address) : status === 'connecting' || pendingId !== null ? 'Connecting…' : 'Connect wallet'

  const onConnect = async (chosen: Connector) => {
    setPendingId(chosen.uid)
    setNotice(null)
    try {
      await connect({ connector: chosen })
      setNotice({ kind: 'status', text: `Connected with ${chosen.name}.` })
      menu.close()
    } catch (error) {
      setNotice({ kind: 'error', text: describeWalletError(error) })
    } finally {
      setPendingId(null)
    }
  }

  const onIdentity = async (identity: DemoIdentity) => {
    if (!isDemoWalletConnector(connector)) return
    try {
      await connector.setIdentity(identity)
      setNotice({ kind: 'status', text: `Demo wallet now acts as ${demoIdentityLabels[identity]} (${shortAddress(connector.identityAddresses()[identity])}).` })
      menu.close()
    } catch (error) {
      setNotice({ kind: 'error', text: describeWalletError(error) })
    }
  }

  const onFundBurner = async () => {
    if (!isDemoWalletConnector(connector)) return
    setFunding(true)
    setNotice({ kind: 'status', text: 'Asking the devnet faucet to fund the burner…' })
    try {
      const funded = await connector.fundBurner()
      setNotice({ kind: 'status', text: `Burner ${shortAddress(funded.address)} funded: ${describeFunding(funded)}.` })
    } catch (error) {
      setNotice({ kind: 'error', text: describeWalletError(error) })
    } finally {
      setFunding(false)
    }
  }

  const onDisconnect = async () => {
    try {
      await disconnect({ connector })
      setNotice({ kind: 'status', text: 'Wallet disconnected.' })
      menu.close()
    } catch (error) {
      setNotice({ kind: 'error', text: describeWalletError(error) })
    }
  }

  return (
    <div className="relative flex flex-wrap items-center justify-end gap-2" data-testid="wallet">
      {wrongNetwork ? <SwitchToDevnetPrompt chainId={connection.chainId} /> : null}
      <button
        {...menu.buttonProps}
        aria-label={`Wallet: ${label}`}
        className={`rounded border px-3 py-1.5 text-sm font-medium ${connected ? 'border-edge bg-surface text-inherit' : 'border-accent/50 bg-accent/15 text-accent'} hover:border-accent focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent`}
      >
        <span className={connected ? 'font-mono' : undefined}>{label}</span>
        <span aria-hidden="true" className="ml-1 text-muted">
          ▾
        </span>
      </button>
      {/* Always mounted: a live region must exist before its text changes to be announced. */}
      <div className={`absolute right-0 top-full z-50 mt-2 w-80 max-w-[calc(100vw-2rem)] ${menu.open ? 'rounded-lg border border-edge bg-panel p-1 shadow-xl shadow-black/40' : 'pointer-events-none'}`}>
        {menu.open ? (
          <>
            {connected ? (
              <div className="px-3 py-2 text-xs text-muted">
                Connected with {connector?.name ?? 'a wallet'}
                <div className="break-all font-mono text-[11px] text-inherit">{address}</div>
              </div>
            ) : null}
            <div {...menu.menuProps} aria-label="Wallet">
              {connected ? (
                <>
                  {isDemoWalletConnector(connector) ? (
                    <DemoIdentityItems connector={connector} address={address} funding={funding} onIdentity={onIdentity} onFundBurner={onFundBurner} />
                  ) : null}
                  <MenuItem onSelect={onDisconnect}>Disconnect</MenuItem>
                </>
              ) : (
                <ConnectItems connectors={offered} pendingId={pendingId} onConnect={onConnect} />
              )}
            </div>
            {!connected && offered.length === 0 ? (
              <p className="px-3 py-2 text-sm text-muted">No wallet found: install a browser wallet that announces itself (EIP-6963), then reload.</p>
            ) : null}
          </>
        ) : null}
        {/* A polite live region without role="status", so it never competes with the page's feed status. */}
        <p aria-live="polite" data-testid="wallet-notice" className={notice?.kind === 'status' ? `px-3 py-2 text-xs ${menu.open ? 'text-muted' : 'rounded border border-edge bg-panel text-inherit shadow-lg'}` : 'sr-only'}>
          {notice?.kind === 'status' ? notice.text : ''}
        </p>
        {notice?.kind === 'error' ? (
          <p role="alert" className={`rounded px-3 py-2 text-sm text-danger ${menu.open ? '' : 'border border-danger/40 bg-panel'}`}>
            {notice.text}
          </p>
        ) : null}
      </div>
    </div>
  )
}
