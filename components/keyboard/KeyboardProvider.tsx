'use client'

import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { createCommandRegistry, type Command } from './createCommandRegistry'
import { createShortcutMatcher } from './createShortcutMatcher'
import { isTypingContext } from './isTypingContext'
import { KeyboardContext, type KeyboardContextValue } from './keyboardContext'
import { builtInCommandIds, useBuiltInCommands } from './useBuiltInCommands'
import { usePlatformIsMac } from './usePlatformIsMac'

// The dialogs load when first opened: they are not in the pages' first-load JavaScript (bench:bundle).
const CommandPalette = lazy(() => import('./CommandPalette').then(({ CommandPalette }) => ({ default: CommandPalette })))
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog').then(({ ShortcutsDialog }) => ({ default: ShortcutsDialog })))

type OpenDialog = { kind: 'palette'; promptId?: string } | { kind: 'shortcuts' } | null

/** While a dialog is open only these shortcuts act (each toggles its dialog). */
const dialogCommandIds: readonly string[] = [builtInCommandIds.palette, builtInCommandIds.shortcuts]

/**
 * The app's keyboard layer (issue 9), mounted once in the root layout around the header and the
 * page: the command registry pages and panels add to (`useCommands`), one window-wide key
 * handler that runs their shortcuts by the rules of `createShortcutMatcher` (never while typing,
 * never with other modifiers; a key another handler already took — `defaultPrevented` — is left
 * alone), the command palette (Ctrl/⌘-K) and the shortcut list (`?`). While a dialog is open the
 * page behind is `inert`; when it closes, focus goes back where it was, and only then does the
 * chosen command run (so a command that moves focus, like "Filter positions", keeps it).
 */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(createCommandRegistry)
  const commands = useStore(registry, (state) => state.commands)
  const mac = usePlatformIsMac()
  const [open, setOpen] = useState<OpenDialog>(null)
  const openRef = useRef<OpenDialog>(null)
  const restoreFocusTo = useRef<HTMLElement | null>(null)
  const afterClose = useRef<(() => void) | null>(null)

  const show = useCallback((next: OpenDialog) => {
    if (openRef.current === null && next !== null) restoreFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    openRef.current = next
    setOpen(next)
  }, [])
  const close = useCallback(
    (then?: () => void) => {
      afterClose.current = then ?? null
      show(null)
    },
    [show],
  )
  const openPalette = useCallback((promptId?: string) => show(openRef.current?.kind === 'palette' ? null : { kind: 'palette', promptId }), [show])
  const openShortcuts = useCallback(() => show(openRef.current?.kind === 'shortcuts' ? null : { kind: 'shortcuts' }), [show])

  useBuiltInCommands(registry, { openPalette, openShortcuts })

  // After the dialog is gone (and the page is no longer inert): focus back, then the command.
  useLayoutEffect(() => {
    if (open !== null) return
    const target = restoreFocusTo.current
    restoreFocusTo.current = null
    if (target?.isConnected) target.focus({ preventScroll: true })
    const then = afterClose.current
    afterClose.current = null
    then?.()
  }, [open])

  const run = useCallback((command: Command) => (command.prompt !== undefined ? show({ kind: 'palette', promptId: command.id }) : command.run()), [show])

  useEffect(() => {
    const matcher = createShortcutMatcher()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const all = registry.getState().commands
      const usable = openRef.current === null ? all : all.filter((command) => dialogCommandIds.includes(command.id))
      const bindings = usable.flatMap((command) => (command.shortcut === undefined ? [] : [{ id: command.id, shortcut: command.shortcut }]))
      const typing = isTypingContext(event.target instanceof Element ? event.target : null)
      const match = matcher.press({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, repeat: event.repeat, isComposing: event.isComposing, typing }, bindings, performance.now())
      if (match.kind !== 'run') return
      const command = usable.find((candidate) => candidate.id === match.id)
      if (command === undefined || command.available?.() === false) return
      event.preventDefault()
      run(command)
    }
    // On window, so the page's own handlers (React's, a panel's on document) see the key first.
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [registry, run])

  const context = useMemo<KeyboardContextValue>(() => ({ registry, openPalette, openShortcuts }), [registry, openPalette, openShortcuts])

  return (
    <KeyboardContext.Provider value={context}>
      <div inert={open !== null}>{children}</div>
      <Suspense fallback={null}>
        {open?.kind === 'palette' ? <CommandPalette commands={commands} mac={mac} promptId={open.promptId} onClose={() => close()} onRun={(command) => close(() => run(command))} /> : null}
        {open?.kind === 'shortcuts' ? <ShortcutsDialog commands={commands} mac={mac} onClose={() => close()} /> : null}
      </Suspense>
    </KeyboardContext.Provider>
  )
}
