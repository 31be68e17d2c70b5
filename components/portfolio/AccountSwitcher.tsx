'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useMemo, useState } from 'react'
import { getAddress } from 'viem'
import { useConnection } from 'wagmi'
import { useStore } from 'zustand'
import { useEngine } from '@/components/engine/EngineProvider'
import type { Command } from '@/components/keyboard/createCommandRegistry'
import { useCommands } from '@/components/keyboard/useCommands'
import { useMenu } from '@/components/wallet/useMenu'
import { connectionLabel, describeWalletError, shortAddress } from '@/components/wallet/walletLabels'
import { demoIdentities, demoIdentityLabels, seededDemoAddresses, type DemoIdentity } from '@/lib/chain/wallet/demoIdentities'
import { isDemoWalletConnector } from '@/lib/chain/wallet/demoWallet'
import { useTraderAddress } from '@/lib/chain/wallet/useTraderAddress'
import { accountLabel } from './accounts/accountLabel'
import { isolatedSubaccounts, type IsolatedSubaccount } from './accounts/isolatedSubaccounts'
import { recentAddresses } from './accounts/recentAddresses'
import { showIsolatedPositions } from './accounts/showIsolatedPositions'
import { usePortfolioCommands } from './accounts/usePortfolioCommands'
import type { WatchTarget } from './parseWatchAddress'

const itemClass =
  'flex w-full items-center gap-2 rounded px-3 py-2 text-left text-sm text-inherit hover:bg-edge focus:bg-edge focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:opacity-60'
const headingClass = 'px-3 pb-1 pt-2 text-xs uppercase tracking-wide text-muted'

/** Made once: `toLocaleString` with options builds a formatter per call. */
const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })

/** `long 2.5 ETH` / `short 0.75 BTC`: an isolated perp's side and size in base units. */
function describeSize({ size, underlying }: IsolatedSubaccount): string {
  return `${size >= 0 ? 'long' : 'short'} ${sizeFormat.format(Math.abs(size))} ${underlying}`
}

/**
 * The portfolio header's account switcher (issue 9: "watch any address read only; subaccount /
 * account switcher"), a menu button listing: the connected wallet's account; on the devnet the
 * demo wallet's identities (Retail / Power user / Burner — switched through the demo wallet
 * connector's own `setIdentity`, as the wallet menu does); the account's isolated positions, its
 * "subaccounts" (choosing one filters the positions workspace to it); and up to 8 recently
 * watched addresses (remembered in localStorage, most recent first, each removable). Choosing a
 * watched address opens `/portfolio?address=…` read only; the wallet's entries go back to
 * `/portfolio`. The same choices are registered as commands for the palette, with the page's
 * own commands (`usePortfolioCommands`).
 */
export function AccountSwitcher({ target }: { target: WatchTarget }) {
  const router = useRouter()
  const { connector } = useConnection()
  const wallet = useTraderAddress()
  const demo = isDemoWalletConnector(connector) ? connector : null
  const menu = useMenu()
  const recent = useStore(recentAddresses, (state) => state.recent)
  const [problem, setProblem] = useState<string | null>(null)
  const watched = target.kind === 'watch' ? target.address : null
  const shown = watched ?? (target.kind === 'wallet' ? wallet : null)
  // A string, so the switcher re-renders when the isolated book changes, not on every tick.
  const subaccountsKey = useEngine((state) => (shown === null ? '[]' : JSON.stringify(isolatedSubaccounts(state.accounts[shown]))))
  const subaccounts = useMemo(() => JSON.parse(subaccountsKey) as IsolatedSubaccount[], [subaccountsKey])

  useEffect(() => {
    if (watched !== null) recentAddresses.getState().remember(watched)
  }, [watched])

  const toWallet = () => {
    if (watched !== null) router.push('/portfolio')
  }
  const toWatched = (address: string) => router.push(`/portfolio?address=${address}`)
  const actAs = async (identity: DemoIdentity) => {
    if (demo === null) return
    try {
      setProblem(null)
      await demo.setIdentity(identity)
      toWallet()
    } catch (error) {
      setProblem(describeWalletError(error))
    }
  }

  const commands = useMemo<Command[]>(() => {
    const list: Command[] = []
    if (wallet !== null && watched !== null) list.push({ id: 'switch-wallet', title: `Switch account → my wallet · ${shortAddress(getAddress(wallet))}`, group: 'Accounts', keywords: [wallet], run: () => router.push('/portfolio') })
    if (demo !== null)
      for (const identity of demoIdentities)
        list.push({
          id: `switch-demo-${identity}`,
          title: `Switch account → ${demoIdentityLabels[identity]} (demo wallet)`,
          group: 'Accounts',
          keywords: identity === 'burner' ? ['devnet', 'act as'] : [seededDemoAddresses[identity], 'devnet', 'act as'],
          run: () => void actAs(identity),
        })
    for (const subaccount of subaccounts)
      list.push({ id: `show-isolated-${subaccount.id}`, title: `Show isolated #${subaccount.id} (${describeSize(subaccount)})`, group: 'Portfolio', keywords: ['subaccount', 'isolated margin'], run: () => void showIsolatedPositions(subaccount.id) })
    return list
    // actAs and toWallet read the same inputs listed here
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wallet, watched, demo, subaccounts, router])
  useCommands(commands)
  usePortfolioCommands()

  // The burner's key is made on first use (as in the wallet menu): only once the menu is open.
  const identityAddresses = useMemo(() => (menu.open && demo !== null ? demo.identityAddresses() : null), [menu.open, demo])
  // Addresses are shown with their EIP-55 checksum, as the wallet button shows them.
  const buttonText = watched !== null ? `${accountLabel(watched)} · ${shortAddress(getAddress(watched))}` : wallet !== null ? connectionLabel(connector, getAddress(wallet)) : 'No account'

  return (
    <div className="relative" data-testid="account-switcher">
      <button
        {...menu.buttonProps}
        aria-label={`Account: ${buttonText}${watched !== null ? ' (read only)' : ''}`}
        className="flex items-center gap-2 rounded border border-edge bg-surface px-3 py-1.5 text-sm hover:border-accent focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
      >
        <span className="text-muted">Account</span>
        <span className="font-mono">{buttonText}</span>
        {watched !== null ? <span className="text-xs text-accent">read only</span> : null}
        <span aria-hidden="true" className="text-muted">
          ▾
        </span>
      </button>
      {problem !== null && !menu.open ? (
        <p role="alert" className="absolute right-0 top-full z-50 mt-2 w-72 rounded border border-danger/40 bg-panel px-3 py-2 text-sm text-danger">
          {problem}
        </p>
      ) : null}
      {menu.open ? (
        <div className="absolute right-0 top-full z-50 mt-2 max-h-[70vh] w-96 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-edge bg-panel p-1 shadow-xl shadow-black/40">
          <div {...menu.menuProps} aria-label="Switch account">
            <div role="group" aria-label="Your wallet">
              <p aria-hidden="true" className={headingClass}>
                Your wallet
              </p>
              {wallet !== null ? (
                <button type="button" role="menuitemradio" aria-checked={watched === null} onClick={() => (menu.close(), toWallet())} className={itemClass}>
                  <Dot on={watched === null} />
                  <span className="flex-1">My wallet</span>
                  <span className="font-mono text-xs text-muted">{connectionLabel(connector, getAddress(wallet))}</span>
                </button>
              ) : (
                <p className="px-3 py-2 text-sm text-muted">No wallet connected: use the wallet button.</p>
              )}
            </div>
            {demo !== null && identityAddresses !== null ? (
              <div role="group" aria-label="Demo wallet identities">
                <p aria-hidden="true" className={headingClass}>
                  Demo wallet acts as (devnet)
                </p>
                {demoIdentities.map((identity) => {
                  const checked = watched === null && identityAddresses[identity].toLowerCase() === wallet
                  return (
                    <button key={identity} type="button" role="menuitemradio" aria-checked={checked} onClick={() => (menu.close(), void actAs(identity))} className={itemClass}>
                      <Dot on={checked} />
                      <span className="flex-1">{demoIdentityLabels[identity]}</span>
                      <span className="font-mono text-xs text-muted">{shortAddress(identityAddresses[identity])}</span>
                    </button>
                  )
                })}
              </div>
            ) : null}
            {subaccounts.length > 0 ? (
              <div role="group" aria-label="Isolated margin (subaccounts)">
                <p aria-hidden="true" className={headingClass}>
                  Isolated margin (subaccounts)
                </p>
                {subaccounts.map((subaccount) => (
                  <button
                    key={subaccount.id}
                    type="button"
                    role="menuitem"
                    onClick={() => {
                      menu.close(false)
                      showIsolatedPositions(subaccount.id)
                    }}
                    className={itemClass}
                  >
                    <span aria-hidden="true" className="w-2" />
                    <span className="flex-1">isolated #{subaccount.id}</span>
                    <span className="text-xs text-muted">perp · {describeSize(subaccount)}</span>
                  </button>
                ))}
              </div>
            ) : null}
            <div role="group" aria-label="Recently watched">
              <p aria-hidden="true" className={headingClass}>
                Recently watched (read only)
              </p>
              {recent.length === 0 ? <p className="px-3 py-2 text-sm text-muted">Addresses you watch appear here.</p> : null}
              {recent.map(({ address }) => (
                <div key={address} className="flex items-center gap-1" data-testid="recent-address" data-address={address}>
                  <button type="button" role="menuitemradio" aria-checked={watched === address} onClick={() => (menu.close(), toWatched(address))} className={itemClass} title={address}>
                    <Dot on={watched === address} />
                    <span className="flex-1">{accountLabel(address)}</span>
                    <span className="font-mono text-xs text-muted">{shortAddress(getAddress(address))}</span>
                  </button>
                  <button
                    type="button"
                    role="menuitem"
                    aria-label={`Remove ${shortAddress(getAddress(address))} from recently watched`}
                    title="Remove from recently watched"
                    onClick={(event) => {
                      // Keep the menu usable from the keyboard: focus the next item before this row goes.
                      const items = [...(event.currentTarget.closest('[role="menu"]')?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
                      const at = items.indexOf(event.currentTarget)
                      ;(items[at + 1] ?? items[at - 2])?.focus()
                      recentAddresses.getState().forget(address)
                    }}
                    className="rounded px-2 py-2 text-sm text-muted hover:bg-edge hover:text-danger focus:bg-edge focus:text-danger focus:outline-none"
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </div>
              ))}
            </div>
          </div>
        </div>
      ) : null}
    </div>
  )
}

function Dot({ on }: { on: boolean }) {
  return <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${on ? 'bg-accent' : 'border border-muted'}`} />
}
