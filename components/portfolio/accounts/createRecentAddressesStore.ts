import type { Address } from 'viem'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import { createStore, type StoreApi } from 'zustand/vanilla'

/** One address the trader watched read only. */
export type RecentAddress = {
  /** Lower case, as the engine keys accounts. */
  address: Address
  /** When it was last watched, ms since the epoch. */
  watchedAt: number
}

export type RecentAddressesState = {
  /** Most recently watched first, at most {@link maxRecentAddresses}, no duplicates. */
  recent: RecentAddress[]
  /** Puts the address first (moving it up if already listed) and drops the oldest beyond the limit. */
  remember: (address: string, now?: number) => void
  forget: (address: string) => void
}

/** How many watched addresses the switcher keeps (issue 9). */
export const maxRecentAddresses = 8

/** The `localStorage` key. */
export const recentAddressesStorageKey = 'marginflow.recentAddresses'

const addressPattern = /^0x[0-9a-f]{40}$/

/**
 * The recently watched addresses of the account switcher (issue 9: "watch any address read
 * only"), kept in `storage` (the browser's `localStorage`) so they survive a reload: most recent
 * first, at most 8, each once (addresses compared in lower case). Entries read back from storage
 * that are not addresses are dropped, so a hand-edited or older value cannot break the page.
 *
 * @example
 * const store = createRecentAddressesStore(() => localStorage)
 * store.getState().remember('0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65')
 * store.getState().recent // [{ address: '0x15d34aaf…6a65', watchedAt: 1763… }]
 */
export function createRecentAddressesStore(storage: () => StateStorage): StoreApi<RecentAddressesState> {
  return createStore<RecentAddressesState>()(
    persist(
      (set) => ({
        recent: [],
        remember: (address, now = Date.now()) => {
          const lower = address.toLowerCase()
          if (!addressPattern.test(lower)) return
          set((state) => ({ recent: [{ address: lower as Address, watchedAt: now }, ...state.recent.filter((entry) => entry.address !== lower)].slice(0, maxRecentAddresses) }))
        },
        forget: (address) => set((state) => ({ recent: state.recent.filter((entry) => entry.address !== address.toLowerCase()) })),
      }),
      {
        name: recentAddressesStorageKey,
        version: 1,
        storage: createJSONStorage(storage),
        partialize: (state) => ({ recent: state.recent }),
        merge: (persisted, current) => ({ ...current, recent: sanitize((persisted as { recent?: unknown } | undefined)?.recent) }),
      },
    ),
  )
}

function sanitize(value: unknown): RecentAddress[] {
  if (!Array.isArray(value)) return []
  const seen = new Set<string>()
  const recent: RecentAddress[] = []
  for (const entry of value as unknown[]) {
    const { address, watchedAt } = (entry ?? {}) as { address?: unknown; watchedAt?: unknown }
    if (typeof address !== 'string' || !addressPattern.test(address.toLowerCase()) || seen.has(address.toLowerCase())) continue
    seen.add(address.toLowerCase())
    recent.push({ address: address.toLowerCase() as Address, watchedAt: typeof watchedAt === 'number' && Number.isFinite(watchedAt) ? watchedAt : 0 })
  }
  return recent.slice(0, maxRecentAddresses)
}
