import { describe, expect, it } from 'vitest'
import { createShortcutMatcher, sequenceTimeoutMs, type KeyPress, type ShortcutBinding } from './createShortcutMatcher'
import { parseShortcut } from './parseShortcut'

const bindings: ShortcutBinding[] = [
  { id: 'palette', shortcut: parseShortcut('mod+k') },
  { id: 'help', shortcut: parseShortcut('?') },
  { id: 'trade', shortcut: parseShortcut('g t') },
  { id: 'portfolio', shortcut: parseShortcut('g p') },
  { id: 'filter', shortcut: parseShortcut('/') },
]

const key = (value: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, typing: false, ...extra })

describe('createShortcutMatcher', () => {
  it('runs single keys and Ctrl-K / ⌘K', () => {
    const matcher = createShortcutMatcher()
    expect(matcher.press(key('?', { shiftKey: true }), bindings, 0)).toEqual({ kind: 'run', id: 'help' })
    expect(matcher.press(key('?'), bindings, 0)).toEqual({ kind: 'run', id: 'help' })
    expect(matcher.press(key('k', { ctrlKey: true }), bindings, 0)).toEqual({ kind: 'run', id: 'palette' })
    expect(matcher.press(key('k', { metaKey: true }), bindings, 0)).toEqual({ kind: 'run', id: 'palette' })
    expect(matcher.press(key('K', { ctrlKey: true }), bindings, 0)).toEqual({ kind: 'run', id: 'palette' }) // caps lock
    expect(matcher.press(key('/'), bindings, 0)).toEqual({ kind: 'run', id: 'filter' })
  })

  it('runs a sequence within the time limit, and not after it', () => {
    const matcher = createShortcutMatcher()
    expect(matcher.press(key('g'), bindings, 1000)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('Shift'), bindings, 1100)).toEqual({ kind: 'none' }) // a modifier alone keeps the sequence
    expect(matcher.press(key('p'), bindings, 1000 + sequenceTimeoutMs)).toEqual({ kind: 'run', id: 'portfolio' })
    expect(matcher.press(key('g'), bindings, 5000)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('t'), bindings, 5000 + sequenceTimeoutMs + 1)).toEqual({ kind: 'none' })
    expect(matcher.press(key('t'), bindings, 9000)).toEqual({ kind: 'none' }) // no half sequence left over
  })

  it('a key that breaks a sequence starts again on its own', () => {
    const matcher = createShortcutMatcher()
    expect(matcher.press(key('g'), bindings, 0)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('?'), bindings, 10)).toEqual({ kind: 'run', id: 'help' })
    expect(matcher.press(key('g'), bindings, 20)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('x'), bindings, 30)).toEqual({ kind: 'none' })
    expect(matcher.press(key('p'), bindings, 40)).toEqual({ kind: 'none' })
    expect(matcher.press(key('g'), bindings, 50)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('g'), bindings, 60)).toEqual({ kind: 'pending' }) // g g: the second g starts over
    expect(matcher.press(key('t'), bindings, 70)).toEqual({ kind: 'run', id: 'trade' })
  })

  it('never fires while typing, except mod chords', () => {
    const matcher = createShortcutMatcher()
    for (const value of ['?', '/', 'g', 't', 'p']) expect(matcher.press(key(value, { typing: true }), bindings, 0), value).toEqual({ kind: 'none' })
    expect(matcher.press(key('k', { ctrlKey: true, typing: true }), bindings, 0)).toEqual({ kind: 'run', id: 'palette' })
    // A sequence begun outside a field does not finish inside one.
    expect(matcher.press(key('g'), bindings, 0)).toEqual({ kind: 'pending' })
    expect(matcher.press(key('p', { typing: true }), bindings, 10)).toEqual({ kind: 'none' })
    expect(matcher.press(key('Escape', { typing: true }), [{ id: 'close', shortcut: parseShortcut('escape') }], 0)).toEqual({ kind: 'run', id: 'close' })
  })

  it('never fires with other modifiers', () => {
    const matcher = createShortcutMatcher()
    expect(matcher.press(key('/', { ctrlKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('?', { altKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('g', { metaKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('G', { shiftKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('k', { ctrlKey: true, shiftKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('k', { ctrlKey: true, metaKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('k', { ctrlKey: true, altKey: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('k'), bindings, 0)).toEqual({ kind: 'none' })
  })

  it('ignores auto-repeat and IME composition', () => {
    const matcher = createShortcutMatcher()
    expect(matcher.press(key('?', { repeat: true }), bindings, 0)).toEqual({ kind: 'none' })
    expect(matcher.press(key('?', { isComposing: true }), bindings, 0)).toEqual({ kind: 'none' })
  })

  it('the first registered of two equal shortcuts wins; reset forgets a sequence', () => {
    const matcher = createShortcutMatcher()
    const twice = [...bindings, { id: 'help-again', shortcut: parseShortcut('?') }]
    expect(matcher.press(key('?'), twice, 0)).toEqual({ kind: 'run', id: 'help' })
    expect(matcher.press(key('g'), bindings, 0)).toEqual({ kind: 'pending' })
    matcher.reset()
    expect(matcher.press(key('t'), bindings, 1)).toEqual({ kind: 'none' })
  })
})
