import type { StateStorage } from 'zustand/middleware'
import { describe, expect, it } from 'vitest'
import { createRecentAddressesStore, maxRecentAddresses, recentAddressesStorageKey } from './createRecentAddressesStore'

/** A `localStorage` stand-in: a plain map. */
function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) }
}

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`

describe('createRecentAddressesStore', () => {
  it('keeps the most recent first, each address once (any case), at most 8', () => {
    const store = createRecentAddressesStore(() => memoryStorage())
    for (let n = 1; n <= 10; n++) store.getState().remember(address(n), n)
    expect(store.getState().recent.map((entry) => entry.address)).toEqual([10, 9, 8, 7, 6, 5, 4, 3].map(address))
    expect(maxRecentAddresses).toBe(8)
    // Watching an old one again moves it to the top without a duplicate.
    store.getState().remember(address(5).toUpperCase().replace('0X', '0x'), 20)
    expect(store.getState().recent.map((entry) => entry.address)).toEqual([5, 10, 9, 8, 7, 6, 4, 3].map(address))
    expect(store.getState().recent[0]!.watchedAt).toBe(20)
  })

  it('forgets one address and ignores what is not an address', () => {
    const store = createRecentAddressesStore(() => memoryStorage())
    store.getState().remember(address(1), 1)
    store.getState().remember(address(2), 2)
    store.getState().remember('0x123', 3)
    store.getState().remember('not an address', 4)
    store.getState().forget(address(1).toUpperCase().replace('0X', '0x'))
    expect(store.getState().recent.map((entry) => entry.address)).toEqual([address(2)])
  })

  it('survives a reload: a new store on the same storage reads the list back', () => {
    const storage = memoryStorage()
    const first = createRecentAddressesStore(() => storage)
    first.getState().remember('0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', 7)
    expect(JSON.parse(storage.data.get(recentAddressesStorageKey)!).state.recent).toEqual([{ address: '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65', watchedAt: 7 }])
    const reloaded = createRecentAddressesStore(() => storage)
    expect(reloaded.getState().recent).toEqual([{ address: '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65', watchedAt: 7 }])
  })

  it('drops stored entries that are not addresses, duplicates and the excess', () => {
    const stored = [
      { address: address(1).toUpperCase().replace('0X', '0x'), watchedAt: 1 },
      { address: 'javascript:alert(1)', watchedAt: 2 },
      { address: address(1), watchedAt: 3 },
      null,
      { address: address(2), watchedAt: 'soon' },
      ...Array.from({ length: 10 }, (_, i) => ({ address: address(100 + i), watchedAt: i })),
    ]
    const storage = memoryStorage({ [recentAddressesStorageKey]: JSON.stringify({ state: { recent: stored }, version: 1 }) })
    const recent = createRecentAddressesStore(() => storage).getState().recent
    expect(recent.slice(0, 2)).toEqual([
      { address: address(1), watchedAt: 1 },
      { address: address(2), watchedAt: 0 },
    ])
    expect(recent).toHaveLength(8)
    const garbage = memoryStorage({ [recentAddressesStorageKey]: '{not json' })
    expect(createRecentAddressesStore(() => garbage).getState().recent).toEqual([])
  })
})
