'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useMemo } from 'react'
import { getAddress } from 'viem'
import { useStore } from 'zustand'
import { accountLabel } from '@/components/portfolio/accounts/accountLabel'
import { recentAddresses } from '@/components/portfolio/accounts/recentAddresses'
import { parseWatchAddress } from '@/components/portfolio/parseWatchAddress'
import { shortAddress } from '@/components/wallet/walletLabels'
import type { Command, CommandRegistry } from './createCommandRegistry'
import { parseShortcut } from './parseShortcut'

/** Ids of the built-in commands other code refers to. */
export const builtInCommandIds = { palette: 'open-palette', shortcuts: 'show-shortcuts', watch: 'watch-address' } as const

/**
 * The commands every page has (issue 9): Go to Trade (`g t`) and Portfolio (`g p`), the palette
 * (Ctrl/⌘-K) and the shortcut list (`?`), "Watch an address…" — a prompt checked by
 * `parseWatchAddress` that opens `/portfolio?address=…` read only — and one "Switch account" per
 * recently watched address. Registered into `registry` while the provider is mounted.
 */
export function useBuiltInCommands(registry: CommandRegistry, { openPalette, openShortcuts }: { openPalette: () => void; openShortcuts: () => void }): void {
  const router = useRouter()
  const recent = useStore(recentAddresses, (state) => state.recent)

  const fixed = useMemo<Command[]>(
    () => [
      { id: 'go-trade', title: 'Go to Trade', group: 'Navigation', shortcut: parseShortcut('g t'), keywords: ['home', 'order', 'leverage'], run: () => router.push('/') },
      { id: 'go-portfolio', title: 'Go to Portfolio', group: 'Navigation', shortcut: parseShortcut('g p'), keywords: ['account', 'greeks', 'risk'], run: () => router.push('/portfolio') },
      { id: builtInCommandIds.shortcuts, title: 'Show keyboard shortcuts', group: 'Help', shortcut: parseShortcut('?'), keywords: ['keys', 'help'], run: openShortcuts },
      { id: builtInCommandIds.palette, title: 'Open command palette', group: 'Help', shortcut: parseShortcut('mod+k'), keywords: ['commands', 'search'], run: openPalette },
      {
        id: builtInCommandIds.watch,
        title: 'Watch an address…',
        group: 'Accounts',
        keywords: ['read only', 'spectate', 'look up', 'other account'],
        prompt: {
          label: 'Address to watch, read only (0x…)',
          placeholder: 'Paste an address: 0x…',
          submit: (input) => {
            const target = parseWatchAddress(input)
            if (target.kind === 'invalid') return target.reason
            if (target.kind === 'wallet') return 'Paste an address: 0x followed by 40 hexadecimal digits.'
            router.push(`/portfolio?address=${target.address}`)
            return null
          },
        },
      },
    ],
    [router, openPalette, openShortcuts],
  )

  const watched = useMemo<Command[]>(
    () =>
      recent.map(({ address }) => ({
        id: `switch-watched-${address}`,
        title: `Switch account → ${accountLabel(address)} · ${shortAddress(getAddress(address))} (read only)`,
        group: 'Accounts',
        keywords: [address, 'watch'],
        run: () => router.push(`/portfolio?address=${address}`),
      })),
    [recent, router],
  )

  useEffect(() => registry.getState().register(fixed), [registry, fixed])
  useEffect(() => (watched.length === 0 ? undefined : registry.getState().register(watched)), [registry, watched])
}
