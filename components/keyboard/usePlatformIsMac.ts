'use client'

import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * Whether the trader is on a Mac (or iPad/iPhone with a keyboard), to show ⌘ instead of Ctrl.
 * The server renders the PC labels; the client corrects them right after hydration.
 */
export function usePlatformIsMac(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent),
    () => false,
  )
}
