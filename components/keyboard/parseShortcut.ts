import { InvalidInputError } from '@/lib/core/errors'

/**
 * One key press of a shortcut. `key` is a `KeyboardEvent.key` value: a letter in lower case
 * (`g`), a symbol as typed (`?`, `/`) or a named key (`Escape`). `mod` is the platform's command
 * modifier: Ctrl, or ⌘ on a Mac (either is accepted on any platform).
 */
export type Chord = { key: string; mod: boolean }

/** A shortcut: one chord (`?`, `mod+k`) or a sequence pressed one after the other (`g t`). */
export type Shortcut = readonly Chord[]

const namedKeys: Record<string, string> = { escape: 'Escape', esc: 'Escape', enter: 'Enter', space: ' ', tab: 'Tab' }

/**
 * Reads a shortcut written as text: chords separated by spaces (`g t` = G, then T), a chord's
 * modifier joined with `+` (`mod+k` = Ctrl-K / ⌘K). Letters are case-insensitive in the text and
 * stored lower case; only `mod` is a modifier — Alt, Shift-with-a-letter and Ctrl-with-anything-
 * else are left to the browser and the page (see `createShortcutMatcher`).
 *
 * @throws {InvalidInputError} an empty shortcut, an unknown modifier or a multi-character key name
 * @example
 * parseShortcut('mod+k') // [{ key: 'k', mod: true }]
 * parseShortcut('g t') // [{ key: 'g', mod: false }, { key: 't', mod: false }]
 */
export function parseShortcut(text: string): Shortcut {
  const parts = text.trim().split(/\s+/).filter((part) => part !== '')
  if (parts.length === 0) throw new InvalidInputError('shortcut', text, 'keys such as "mod+k", "g t" or "?"')
  return parts.map((part) => {
    // A lone "+" is the key itself, not a separator.
    const pieces = part.length > 1 ? part.split('+') : [part]
    const keyText = pieces.at(-1) ?? ''
    const modifiers = pieces.slice(0, -1).map((modifier) => modifier.toLowerCase())
    if (modifiers.some((modifier) => modifier !== 'mod') || modifiers.length > 1) throw new InvalidInputError('shortcut', text, 'only the "mod" modifier (Ctrl, or ⌘ on a Mac)')
    const key = namedKeys[keyText.toLowerCase()] ?? (keyText.length === 1 ? keyText.toLowerCase() : null)
    if (key === null) throw new InvalidInputError('shortcut', text, 'single characters or Escape, Enter, Space, Tab')
    return { key, mod: modifiers.length === 1 }
  })
}
