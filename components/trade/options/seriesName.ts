import { formatExpiry } from '@/components/ui/formatExpiry'
import type { OptionRow } from './optionRows'

/**
 * A series as traders write it: underlying, strike, C or P, expiry in UTC.
 *
 * @example
 * seriesName({ underlying: 'BTC', strike: 62_000, kind: 'call', expiry: 1_763_798_400 }) // 'BTC 62,000 C · 22 Nov 08:00 UTC'
 */
export function seriesName(row: Pick<OptionRow, 'underlying' | 'strike' | 'kind' | 'expiry'>): string {
  return `${row.underlying} ${row.strike.toLocaleString('en-US')} ${row.kind === 'call' ? 'C' : 'P'} · ${formatExpiry(row.expiry)}`
}
