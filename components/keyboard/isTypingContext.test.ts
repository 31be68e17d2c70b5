import { describe, expect, it } from 'vitest'
import { isTypingContext, type TypingTarget } from './isTypingContext'

const element = (tagName: string, extra: Partial<TypingTarget> & { role?: string } = {}): TypingTarget => ({
  tagName,
  ...extra,
  getAttribute: (name) => (name === 'role' ? (extra.role ?? null) : null),
})

describe('isTypingContext: single-key shortcuts never fire while typing', () => {
  it('text fields, textareas, selects and editable regions are typing', () => {
    for (const type of [undefined, 'text', 'search', 'email', 'number', 'password', 'url', 'TEXT']) expect(isTypingContext(element('INPUT', { type })), String(type)).toBe(true)
    expect(isTypingContext(element('textarea'))).toBe(true)
    expect(isTypingContext(element('SELECT'))).toBe(true)
    expect(isTypingContext(element('DIV', { isContentEditable: true }))).toBe(true)
    expect(isTypingContext(element('DIV', { role: 'textbox' }))).toBe(true)
    expect(isTypingContext(element('DIV', { role: 'combobox' }))).toBe(true)
  })

  it('buttons, checkboxes, links and the page itself are not', () => {
    for (const type of ['checkbox', 'radio', 'button', 'submit', 'range']) expect(isTypingContext(element('INPUT', { type })), type).toBe(false)
    expect(isTypingContext(element('BUTTON'))).toBe(false)
    expect(isTypingContext(element('A'))).toBe(false)
    expect(isTypingContext(element('BODY'))).toBe(false)
    expect(isTypingContext(element('DIV', { role: 'menuitem', isContentEditable: false }))).toBe(false)
    expect(isTypingContext(null)).toBe(false)
    expect(isTypingContext(undefined)).toBe(false)
  })
})
