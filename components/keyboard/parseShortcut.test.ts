import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '@/lib/core/errors'
import { parseShortcut } from './parseShortcut'
import { shortcutKeys } from './shortcutKeys'
import { shortcutText } from './shortcutText'

describe('parseShortcut', () => {
  it('reads a modifier chord, a sequence and a symbol', () => {
    expect(parseShortcut('mod+k')).toEqual([{ key: 'k', mod: true }])
    expect(parseShortcut('Mod+K')).toEqual([{ key: 'k', mod: true }])
    expect(parseShortcut('g t')).toEqual([
      { key: 'g', mod: false },
      { key: 't', mod: false },
    ])
    expect(parseShortcut(' ? ')).toEqual([{ key: '?', mod: false }])
    expect(parseShortcut('/')).toEqual([{ key: '/', mod: false }])
    expect(parseShortcut('+')).toEqual([{ key: '+', mod: false }])
    expect(parseShortcut('esc')).toEqual([{ key: 'Escape', mod: false }])
  })

  it('refuses what the matcher could never match', () => {
    for (const bad of ['', '   ', 'ctrl+k', 'alt+x', 'mod+mod+k', 'mod+', 'F13', 'shift+g']) expect(() => parseShortcut(bad), bad).toThrow(InvalidInputError)
  })
})

describe('shortcutKeys / shortcutText', () => {
  it('shows Ctrl on PCs and ⌘ on Macs, capital letters, sequences as "then"', () => {
    expect(shortcutKeys(parseShortcut('mod+k'), { mac: false })).toEqual([['Ctrl', 'K']])
    expect(shortcutKeys(parseShortcut('mod+k'), { mac: true })).toEqual([['⌘', 'K']])
    expect(shortcutKeys(parseShortcut('g p'), { mac: false })).toEqual([['G'], ['P']])
    expect(shortcutText(parseShortcut('mod+k'), { mac: false })).toBe('Ctrl+K')
    expect(shortcutText(parseShortcut('mod+k'), { mac: true })).toBe('⌘K')
    expect(shortcutText(parseShortcut('g t'), { mac: false })).toBe('G then T')
    expect(shortcutText(parseShortcut('?'), { mac: false })).toBe('?')
    expect(shortcutText(parseShortcut('escape'), { mac: false })).toBe('Esc')
  })
})
