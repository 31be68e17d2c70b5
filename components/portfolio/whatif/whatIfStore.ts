'use client'

import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { WhatIfChange } from '@/lib/core/solvers/applyWhatIf'

/** What the page shows: the real book, or the book with the what-if changes applied. */
export type WhatIfMode = 'whatIf' | 'real'

export type WhatIfState = {
  /** Hypothetical changes per account (lower-case address), in the order they would be sent. */
  changes: Record<string, WhatIfChange[]>
  mode: WhatIfMode
  add: (account: string, change: WhatIfChange) => void
  remove: (account: string, index: number) => void
  /** Drops the first `count` changes (the ones just executed), or all. */
  clear: (account: string, count?: number) => void
  setMode: (mode: WhatIfMode) => void
}

/**
 * The trader's what-if changes (issue 9), kept in localStorage so a reload, a worker restart or a
 * crashed tab loses nothing being planned. The engine worker gets them through
 * `useWhatIfSync`; nothing here ever sends a transaction.
 */
export const useWhatIfStore = create<WhatIfState>()(
  persist(
    (set) => ({
      changes: {},
      mode: 'whatIf',
      add: (account, change) =>
        set((state) => {
          const key = account.toLowerCase()
          return { changes: { ...state.changes, [key]: [...(state.changes[key] ?? []), change] }, mode: 'whatIf' }
        }),
      remove: (account, index) =>
        set((state) => {
          const key = account.toLowerCase()
          return { changes: { ...state.changes, [key]: (state.changes[key] ?? []).filter((_, i) => i !== index) } }
        }),
      clear: (account, count) =>
        set((state) => {
          const key = account.toLowerCase()
          return { changes: { ...state.changes, [key]: count === undefined ? [] : (state.changes[key] ?? []).slice(count) } }
        }),
      setMode: (mode) => set({ mode }),
    }),
    { name: 'marginflow.whatIf', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
)

const none: WhatIfChange[] = []

/** The account's what-if changes (a stable empty list when there are none). */
export function useWhatIfChanges(account: string | null): WhatIfChange[] {
  return useWhatIfStore((state) => (account === null ? none : (state.changes[account.toLowerCase()] ?? none)))
}
