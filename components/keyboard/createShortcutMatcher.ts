import type { Chord, Shortcut } from './parseShortcut'

/** A key press as the matcher reads it: a `KeyboardEvent`'s fields plus whether focus was in a text field. */
export type KeyPress = {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
  repeat?: boolean
  isComposing?: boolean
  /** Focus is somewhere the trader types (see `isTypingContext`). */
  typing: boolean
}

/** A registered shortcut: the command to run and its keys. */
export type ShortcutBinding = { id: string; shortcut: Shortcut }

/** What a key press did: run a command, wait for the next key of a sequence, or nothing. */
export type ShortcutMatch = { kind: 'run'; id: string } | { kind: 'pending' } | { kind: 'none' }

export type ShortcutMatcher = {
  /** Feeds one key press (at `now`, ms) against the bindings registered at that moment. */
  press: (event: KeyPress, bindings: readonly ShortcutBinding[], now: number) => ShortcutMatch
  /** Forgets a half-typed sequence (e.g. when a dialog opens). */
  reset: () => void
}

/** How long the second key of `g t` may wait for, ms (GitHub and Gmail use about a second). */
export const sequenceTimeoutMs = 1_500

const modifierKeys = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'OS'])

/**
 * The app's keyboard-shortcut rules, as a small state machine fed one key press at a time:
 * - a chord matches only with exactly its modifiers — `mod` is Ctrl or ⌘ (not both), Alt never;
 *   Shift only where it is part of the character (`?` is Shift-/ on most layouts, so `?` matches
 *   with Shift; `g` does not match Shift-G, and `mod+k` does not match Ctrl-Shift-K);
 * - while the trader types in a field (`typing`), only `mod` chords and Escape fire: `?` or `g`
 *   typed in an input are characters, never commands;
 * - sequences (`g t`) complete when the next key comes within {@link sequenceTimeoutMs}; a key
 *   that breaks a sequence is tried again as the start of a new one; auto-repeat and IME
 *   composition never fire anything.
 * When two bindings share keys, the first registered wins.
 *
 * @example
 * const matcher = createShortcutMatcher()
 * matcher.press({ key: 'g', ...noModifiers, typing: false }, bindings, 0) // { kind: 'pending' }
 * matcher.press({ key: 'p', ...noModifiers, typing: false }, bindings, 400) // { kind: 'run', id: 'go-portfolio' }
 */
export function createShortcutMatcher(timeoutMs: number = sequenceTimeoutMs): ShortcutMatcher {
  let typed: KeyPress[] = []
  let lastAt = -Infinity

  const press = (event: KeyPress, bindings: readonly ShortcutBinding[], now: number): ShortcutMatch => {
    if (event.isComposing === true || event.repeat === true || modifierKeys.has(event.key)) return { kind: 'none' }
    if (typed.length > 0 && now - lastAt > timeoutMs) typed = []
    const attempt = [...typed, event]
    const candidates = bindings.filter(({ shortcut }) => shortcut.length >= attempt.length && attempt.every((pressed, i) => chordMatches(shortcut[i]!, pressed)))
    const complete = candidates.find(({ shortcut }) => shortcut.length === attempt.length)
    if (complete !== undefined) {
      typed = []
      return { kind: 'run', id: complete.id }
    }
    if (candidates.length > 0) {
      typed = attempt
      lastAt = now
      return { kind: 'pending' }
    }
    if (typed.length > 0) {
      typed = []
      return press(event, bindings, now)
    }
    return { kind: 'none' }
  }

  return {
    press,
    reset: () => {
      typed = []
    },
  }
}

function chordMatches(chord: Chord, event: KeyPress): boolean {
  if (event.altKey || (event.ctrlKey && event.metaKey)) return false
  const mod = event.ctrlKey || event.metaKey
  if (mod !== chord.mod) return false
  if (event.typing && !chord.mod && chord.key !== 'Escape') return false
  if (chord.mod) return !event.shiftKey && event.key.toLowerCase() === chord.key
  // Shift is part of a symbol (`?`), never of a letter (`G` ≠ `g`) or a named key.
  if (event.shiftKey && (chord.key.length > 1 || chord.key.toLowerCase() !== chord.key.toUpperCase())) return false
  return event.key === chord.key
}
