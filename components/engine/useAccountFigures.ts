import type { AccountSnapshot, FeedSnapshot } from '@/lib/engine/protocol'
import { useThrottledValue } from '@/components/portfolio/useThrottledValue'
import { useEngine } from './EngineProvider'

/**
 * Tables, tickets and panels other than the gauges repaint at most this often (ms): ≤ 10 Hz per
 * cell (issue 9). The gauges follow every snapshot.
 */
export const figuresRepaintMs = 100

/** Shown at once, never up to 100 ms late: figures turning "last known", or another account. */
const mustShowAtOnce = (shown: AccountSnapshot | null, next: AccountSnapshot | null) =>
  shown?.address !== next?.address || (shown !== null && next !== null && shown.confident && !next.confident)

/**
 * A watched account as of the last snapshot (its store key: the lower-case address; `null`: none),
 * for what must follow every tick — the gauges, the warnings, the alerts. Its component re-renders
 * on every snapshot that changes the account; pass it through `useAccountFigures` for the rest.
 */
export function useLiveAccount(address: string | null): AccountSnapshot | null {
  return useEngine((state) => (address === null ? null : (state.accounts[address] ?? null)))
}

/**
 * The account for the panels that need not follow every tick: `account` at most every
 * `figuresRepaintMs`, but at once when it stops being confident or is another account. The value
 * is the same object between repaints, so memoised panels skip the snapshots in between — under a
 * fast stream that is most of the page's render work (measured by `npm run bench:browser`).
 */
export function useAccountFigures<T extends AccountSnapshot | null>(account: T): T {
  return useThrottledValue<T>(account, figuresRepaintMs, { immediate: mustShowAtOnce })
}

/** A feed as the order ticket shows it: its price at most every `figuresRepaintMs`, a change of state at once. */
export function useFeedFigures(feed: FeedSnapshot | undefined): FeedSnapshot | undefined {
  return useThrottledValue(feed, figuresRepaintMs, { immediate: feedStateChanged })
}

const feedStateChanged = (shown: FeedSnapshot | undefined, next: FeedSnapshot | undefined) => shown?.state !== next?.state
