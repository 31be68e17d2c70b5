import type { AccountSnapshot } from '../engine/protocol'
import type { HistorySample } from './types'

/** What the sampler remembers between snapshots: plain data. */
export type SamplerState = {
  /** Wall-clock ms of the last record (sample or gap); `null` before the first. */
  lastRecordAt: number | null
  /** Whether that record was a gap: a stale stretch is recorded once, not every interval. */
  lastWasGap: boolean
}

export type SampleAccountParameters = {
  /** The engine's latest figures for the account. */
  snapshot: Pick<AccountSnapshot, 'address' | 'confident' | 'risk'>
  /** Wall-clock ms of the snapshot. */
  now: number
  previous: SamplerState
  /** At most one record per this many ms (default {@link defaultSampleIntervalMs}). */
  intervalMs?: number
}

export type SampleAccountReturnType = {
  state: SamplerState
  /** What to store, or `null`: too soon after the last record, or still in a recorded gap. */
  record: HistorySample | null
}

/** One record per 2 s: 450 points in 15 minutes, fine enough to see a liquidation cascade. */
export const defaultSampleIntervalMs = 2_000

/** The sampler's state before any snapshot. */
export const initialSamplerState: SamplerState = { lastRecordAt: null, lastWasGap: false }

/**
 * The sampling policy of the account history (issue 9), pure: from the stream of snapshots, at
 * most one record per `intervalMs`. Confident figures (every price and vol live, DESIGN.md §4.6)
 * become a sample; anything else — a stale or jumped feed, the chain loading, an evaluation
 * error — becomes one gap record per stale stretch, so the chart breaks its line there instead
 * of drawing a last-known figure as history. Non-finite figures never get stored: leverage and
 * margin ratio are `Infinity` in lib/core when equity ≤ 0 and are stored as `null`; a non-finite
 * equity or MM (which lib/core never returns) would be a gap.
 *
 * @example
 * let state = initialSamplerState
 * const { state: next, record } = sampleAccount({ snapshot, now: Date.now(), previous: state })
 * if (record) buffer.push(record)
 */
export function sampleAccount({ snapshot, now, previous, intervalMs = defaultSampleIntervalMs }: SampleAccountParameters): SampleAccountReturnType {
  if (previous.lastRecordAt !== null && now - previous.lastRecordAt < intervalMs) return { state: previous, record: null }
  const address = snapshot.address.toLowerCase()
  const risk = snapshot.confident ? snapshot.risk : null
  if (risk !== null && Number.isFinite(risk.equity) && Number.isFinite(risk.maintenanceMargin)) {
    return {
      state: { lastRecordAt: now, lastWasGap: false },
      record: {
        address,
        time: now,
        confident: true,
        equity: risk.equity,
        grossLeverage: finiteOrNull(risk.grossLeverage),
        netLeverage: finiteOrNull(risk.netLeverage),
        marginRatio: finiteOrNull(risk.marginRatio),
        maintenanceMargin: risk.maintenanceMargin,
      },
    }
  }
  if (previous.lastWasGap) return { state: previous, record: null }
  return {
    state: { lastRecordAt: now, lastWasGap: true },
    record: { address, time: now, confident: false, equity: null, grossLeverage: null, netLeverage: null, marginRatio: null, maintenanceMargin: null },
  }
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}
