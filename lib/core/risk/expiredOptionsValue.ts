import type { PreparedBook } from './prepareAccount'

/**
 * Value of a book's expired, not yet settled option series at the price `spot` (USD per unit):
 * `Σ n · max(0, S − K)` over calls and `Σ n · max(0, K − S)` over puts, n the net contracts — the
 * payoff they will settle at, with no time value (see `prepareAccount`). USD.
 *
 * @example
 * expiredOptionsValue(book, 3_100) // 2 expired 3,000 calls: 200
 */
export function expiredOptionsValue(book: PreparedBook, spot: number): number {
  let value = 0
  for (const s of book.series) {
    if (s.expired) value += s.size * (s.kind === 'call' ? Math.max(0, spot - s.strike) : Math.max(0, s.strike - spot))
  }
  return value
}
