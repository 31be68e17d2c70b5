/** The parts of a DOM element the rule reads (an `Element` fits; plain objects do in tests). */
export type TypingTarget = {
  tagName?: string
  isContentEditable?: boolean
  type?: string
  getAttribute?: (name: string) => string | null
}

/** Input types that take no text: a key pressed on them is not typing. */
const nonTextInputs = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'])

/**
 * Whether a key pressed with focus on `target` is typing — into a text field, a textarea, a select
 * (its type-ahead), an editable region or a custom `role="textbox"`/`"combobox"` — so that a
 * single-key shortcut (`?`, `/`, `g t`) must not fire and steal the character. A checkbox or a
 * button is not typing: `?` there still opens the shortcut list.
 *
 * @example
 * isTypingContext(document.querySelector('input[type=text]')) // true
 * isTypingContext(document.body) // false
 */
export function isTypingContext(target: TypingTarget | null | undefined): boolean {
  if (target === null || target === undefined) return false
  if (target.isContentEditable === true) return true
  const tag = target.tagName?.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return !nonTextInputs.has((target.type ?? 'text').toLowerCase())
  const role = target.getAttribute?.('role')
  return role === 'textbox' || role === 'combobox' || role === 'searchbox'
}
