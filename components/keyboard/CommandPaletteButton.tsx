'use client'

import { useContext, useSyncExternalStore } from 'react'
import { KeyboardContext } from './keyboardContext'
import { parseShortcut } from './parseShortcut'
import { ShortcutKeys } from './ShortcutKeys'
import { usePlatformIsMac } from './usePlatformIsMac'

const paletteShortcut = parseShortcut('mod+k')
const subscribe = () => () => {}

/**
 * The header's way into the command palette for a mouse, and the hint that Ctrl-K / ⌘K exists.
 * `data-ready` appears once the page is interactive (the key handler is live from then on).
 */
export function CommandPaletteButton() {
  const keyboard = useContext(KeyboardContext)
  const mac = usePlatformIsMac()
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
  if (keyboard === null) return null
  return (
    <button
      type="button"
      onClick={() => keyboard.openPalette()}
      data-testid="command-palette-button"
      data-ready={hydrated || undefined}
      aria-haspopup="dialog"
      className="ml-auto flex items-center gap-2 rounded border border-edge bg-surface px-2 py-1 text-sm text-muted hover:border-accent hover:text-inherit focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
    >
      Commands
      {/* The key hint only where a keyboard is likely and there is room (a phone's header is 390 px). */}
      <span className="hidden sm:inline-flex">
        <ShortcutKeys shortcut={paletteShortcut} mac={mac} />
      </span>
    </button>
  )
}
