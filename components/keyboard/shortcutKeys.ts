import type { Shortcut } from './parseShortcut'

const keyNames: Record<string, string> = { Escape: 'Esc', Enter: 'Enter', ' ': 'Space', Tab: 'Tab' }

/**
 * A shortcut as a trader reads it, one entry per chord: `[['Ctrl', 'K']]`, `[['⌘', 'K']]` on a
 * Mac, `[['G'], ['T']]` for G then T. Letters are shown in capitals, as printed on the keys.
 *
 * @example
 * shortcutKeys(parseShortcut('mod+k'), { mac: false }) // [['Ctrl', 'K']]
 */
export function shortcutKeys(shortcut: Shortcut, { mac }: { mac: boolean }): string[][] {
  return shortcut.map((chord) => [...(chord.mod ? [mac ? '⌘' : 'Ctrl'] : []), keyNames[chord.key] ?? chord.key.toUpperCase()])
}
