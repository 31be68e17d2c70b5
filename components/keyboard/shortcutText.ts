import type { Shortcut } from './parseShortcut'
import { shortcutKeys } from './shortcutKeys'

/**
 * A shortcut as one line of text, for labels and titles: `Ctrl+K`, `⌘K` on a Mac, `G then T`, `?`.
 *
 * @example
 * shortcutText(parseShortcut('g t'), { mac: false }) // 'G then T'
 */
export function shortcutText(shortcut: Shortcut, { mac }: { mac: boolean }): string {
  return shortcutKeys(shortcut, { mac })
    .map((keys) => keys.join(mac ? '' : '+'))
    .join(' then ')
}
