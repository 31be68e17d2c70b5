import type { OptionChainRow } from '@/lib/core/market/optionChain'

/** One strike of one expiry: its call and its put side by side (either may be unlisted). */
export type StrikeRow = { strike: number; call: OptionChainRow | null; put: OptionChainRow | null }

export type ChainByStrikeReturnType = {
  /** Expiries still trading for the underlying, ascending, with the seconds left at the chain's `now`. */
  expiries: { expiry: number; secondsLeft: number }[]
  /** The expiry shown: the one asked for if it still trades, else the nearest; `null` when none trades. */
  expiry: number | null
  /** Strikes of that expiry, ascending. */
  strikes: StrikeRow[]
  /** Series of the underlying that have expired (hidden: they no longer trade). */
  expiredCount: number
}

/**
 * An underlying's chain laid out as a trader reads it (issue 9, options ticket): expiries as a
 * choice, strikes as rows, calls and puts side by side. Expired series are left out (the venue
 * refuses trades in them) and only counted.
 *
 * @example
 * chainByStrike({ rows, underlying: 'BTC', expiry: null, now })
 * // { expiries: [{ expiry: 1_795_075_200, secondsLeft: 18_720 }, …], expiry: 1_795_075_200, strikes: [{ strike: 56_000, call, put }, …], expiredCount: 0 }
 */
export function chainByStrike({ rows, underlying, expiry, now }: { rows: readonly OptionChainRow[]; underlying: string; expiry: number | null; now: number }): ChainByStrikeReturnType {
  const own = rows.filter((row) => row.underlying === underlying)
  const live = own.filter((row) => !row.expired)
  const expiries = [...new Set(live.map((row) => row.expiry))].sort((a, b) => a - b).map((e) => ({ expiry: e, secondsLeft: e - now }))
  const shown = expiry !== null && expiries.some((e) => e.expiry === expiry) ? expiry : (expiries[0]?.expiry ?? null)
  const byStrike = new Map<number, StrikeRow>()
  for (const row of live) {
    if (row.expiry !== shown) continue
    const entry = byStrike.get(row.strike) ?? { strike: row.strike, call: null, put: null }
    entry[row.kind] = row
    byStrike.set(row.strike, entry)
  }
  return { expiries, expiry: shown, strikes: [...byStrike.values()].sort((a, b) => a.strike - b.strike), expiredCount: own.length - live.length }
}
