'use client'

import { useContext, useEffect } from 'react'
import type { Command } from './createCommandRegistry'
import { KeyboardContext } from './keyboardContext'

/**
 * Offers `commands` in the command palette, the shortcut list and to the keyboard while the
 * calling component is mounted. Pass a memoised list (`useMemo`): a new array re-registers.
 * Outside a `KeyboardProvider` it does nothing.
 *
 * @example
 * useCommands(useMemo(() => [{ id: 'export', title: 'Export positions CSV', group: 'Portfolio', run: exportCsv }], [exportCsv]))
 */
export function useCommands(commands: readonly Command[]): void {
  const context = useContext(KeyboardContext)
  useEffect(() => {
    if (context === null || commands.length === 0) return
    return context.registry.getState().register(commands)
  }, [context, commands])
}
