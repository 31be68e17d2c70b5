/** A typed amount: its value, or why it is not one (shown beside the field). */
export type ParsedAmount = { value: number; error: null } | { value: null; error: string | null }

/**
 * A size or amount typed in the what-if form: a positive decimal (the side or direction gives the
 * sign), with `,` accepted as thousands separator. Empty is no value and no error (nothing typed
 * yet); anything else that is not a finite number above 0 is refused with the reason.
 */
export function parseWhatIfAmount(text: string): ParsedAmount {
  const trimmed = text.trim().replaceAll(',', '')
  if (trimmed === '') return { value: null, error: null }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return { value: null, error: 'Enter a positive number, e.g. 0.5' }
  const value = Number(trimmed)
  if (!Number.isFinite(value) || value <= 0) return { value: null, error: 'Enter an amount above 0' }
  if (value > 1e12) return { value: null, error: 'That amount is beyond anything the venue holds' }
  return { value, error: null }
}
