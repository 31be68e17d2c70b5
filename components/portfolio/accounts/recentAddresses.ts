'use client'

import type { StateStorage } from 'zustand/middleware'
import { createRecentAddressesStore } from './createRecentAddressesStore'

/** A storage that keeps nothing: server rendering, or a browser that refuses `localStorage`. */
const noStorage: StateStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} }

/**
 * The browser's recently watched addresses (one store for the page: the switcher writes it, the
 * command palette reads it). Read with `useStore(recentAddresses, selector)`.
 */
export const recentAddresses = createRecentAddressesStore(() => {
  if (typeof window === 'undefined') return noStorage
  try {
    return window.localStorage
  } catch {
    return noStorage
  }
})
