/** The venue trades contracts in steps of 0.01 (the ticket's lot size). */
export const contractStep = 0.01

export type ParseContractsReturnType = { value: number; error: null } | { value: null; error: string | null }

/**
 * The number of option contracts typed in the ticket: a finite number above 0 in steps of 0.01
 * (thousands separators allowed). Empty input is no order yet (`error: null`); anything else
 * that is not a valid amount says why, in the trader's words.
 *
 * @example
 * parseContracts('1.5') // { value: 1.5, error: null }
 * parseContracts('0.005') // { value: null, error: 'Contracts go in steps of 0.01.' }
 */
export function parseContracts(text: string): ParseContractsReturnType {
  const trimmed = text.trim().replaceAll(',', '')
  if (trimmed === '') return { value: null, error: null }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { value: null, error: 'Enter a number of contracts, e.g. 1 or 0.5.' }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { value: null, error: 'Enter a number of contracts, e.g. 1 or 0.5.' }
  if (value <= 0) return { value: null, error: 'Contracts must be more than 0.' }
  // On the decimal text, not the double: 0.07 / 0.01 is 7.000000000000001 in binary.
  const fraction = (trimmed.split('.')[1] ?? '').replace(/0+$/, '')
  if (fraction.length > 2) return { value: null, error: `Contracts go in steps of ${contractStep}.` }
  if (value > 1e9) return { value: null, error: 'That is more contracts than the venue lists.' }
  return { value, error: null }
}
