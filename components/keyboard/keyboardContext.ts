'use client'

import { createContext } from 'react'
import type { CommandRegistry } from './createCommandRegistry'

/** What `KeyboardProvider` gives the page: its command registry and the two dialogs. */
export type KeyboardContextValue = {
  registry: CommandRegistry
  /** Opens the command palette (or closes it if open); with a prompt command's id, opens straight at its prompt. */
  openPalette: (promptId?: string) => void
  /** Opens the keyboard shortcut list (or closes it if open). */
  openShortcuts: () => void
}

/** Set by `KeyboardProvider`; `null` outside it (commands are then simply not offered). */
export const KeyboardContext = createContext<KeyboardContextValue | null>(null)
