import type { OptionPositionRisk } from '../../lib/core/risk/accountRisk'

/**
 * The alternative snapshot form the pipeline bench measures against plain structured clone: an
 * account's per-option figures that change every tick packed column by column into one
 * Float64Array (transferred, not copied), the rest (underlying, kind, strike, expiry, size, entry)
 * assumed sent once per book and kept by the main thread. `null` travels as NaN.
 */
const tickFields = ['years', 'mark', 'value', 'notional', 'unrealizedPnl', 'unrealizedPnlRatio', 'delta', 'deltaUsd', 'gamma', 'vega', 'theta', 'rho'] as const

export function packOptions(options: readonly OptionPositionRisk[]): Float64Array {
  const packed = new Float64Array(options.length * tickFields.length)
  for (let f = 0; f < tickFields.length; f++) {
    const field = tickFields[f]!
    const base = f * options.length
    for (let i = 0; i < options.length; i++) packed[base + i] = (options[i]![field] as number | null) ?? Number.NaN
  }
  return packed
}

/** Rebuilds full option objects on the main thread from the kept static parts and a packed tick. */
export function unpackOptions(statics: readonly OptionPositionRisk[], packed: Float64Array): OptionPositionRisk[] {
  const n = statics.length
  return statics.map((option, i) => {
    const next = { ...option }
    for (let f = 0; f < tickFields.length; f++) {
      const value = packed[f * n + i]!
      ;(next as unknown as Record<string, number | null>)[tickFields[f]!] = Number.isNaN(value) && (tickFields[f] === 'unrealizedPnl' || tickFields[f] === 'unrealizedPnlRatio') ? null : value
    }
    return next
  })
}
