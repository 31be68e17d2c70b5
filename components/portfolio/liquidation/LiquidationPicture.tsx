'use client'

import { memo, useEffect, useState, type ReactNode } from 'react'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import { Td } from '@/components/ui/table/Td'
import { Th } from '@/components/ui/table/Th'
import type { CorrelatedMove, NoCorrelatedMove } from '@/lib/core/risk/correlatedMoveLiquidation'
import { jumpAssumptions } from '@/lib/core/risk/jumpAssumptions'
import type { LiquidationLevel, LiquidationPrices, NoLiquidationPrice } from '@/lib/core/risk/liquidationPrice'
import type { LiquidationEstimatorState } from '@/lib/estimates/createLiquidationEstimator'
import type { ProbabilityTarget } from '@/lib/estimates/protocol'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { assumptionLines } from './assumptionLines'
import { estimateAgeText } from './estimateAgeText'
import { horizonText } from './horizonText'
import { noLiquidationText } from './noLiquidationText'
import { probabilityText } from './probabilityText'
import { useLiquidationEstimates } from './useLiquidationEstimates'

const defaultSearchRange = { low: 0.01, high: 100 }
/** Age (ms) past which the probabilities are shown dimmed: four missed 15 s refreshes. */
const staleAfterMs = 60_000

/**
 * The liquidation picture (issue 9, DESIGN.md §4.7) of the cross account and its isolated
 * positions: per underlying the liquidation prices below and above (USD, distance in % and in
 * standard deviations over the venue's margin horizon; both sides where options make equity
 * non-monotonic), from the engine worker's snapshot (lib/core `liquidationPrice`, refreshed
 * about every second); the correlated move — one common % move of every underlying that
 * liquidates, and its direction (lib/core `correlatedMoveLiquidation`); and the probability of
 * liquidation within 1 h, 24 h and 7 days under jump-diffusion (lib/core
 * `liquidationProbability`) with its standard error, method and assumptions. The last two run in
 * the page's estimates worker (`useLiquidationEstimates`), never on the main thread nor in the
 * engine worker; the panel shows their age. Every figure is labelled an estimate; figures from
 * prices that are not live read "last known"; `hypothetical` marks the what-if book.
 */
export const LiquidationPicture = memo(function LiquidationPicture({ account, hypothetical = false }: { account: AccountSnapshot; hypothetical?: boolean }) {
  const estimates = useLiquidationEstimates({ address: account.address, hypothetical, confident: account.confident, loaded: account.risk !== null })
  const now = useNow(1_000)
  const lastKnown = lastKnownText(account)
  const levels = account.risk?.liquidationPrices
  const sigmaHorizon = estimates.marginHorizonSeconds === null ? null : horizonText(estimates.marginHorizonSeconds)

  return (
    <section aria-label="Liquidation picture" data-testid="liquidation-picture" data-confident={lastKnown === null} className="space-y-4 rounded-lg border border-edge bg-panel p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">Liquidation picture</h2>
        {hypothetical && (
          <span data-testid="liquidation-hypothetical" className="rounded bg-accent/15 px-2 py-0.5 text-xs text-accent">
            Hypothetical (what-if)
          </span>
        )}
        {lastKnown !== null && <span className="text-xs text-warn">{lastKnown}</span>}
      </div>
      {levels === undefined ? (
        <p className="text-sm text-muted">{account.risk === null ? 'Loading the book from the venue…' : 'Searching for liquidation prices in the engine…'}</p>
      ) : (
        <LiquidationPriceTable levels={levels.underlyings} isolated={levels.isolated} account={account} searchRange={levels.searchRange} sigmaHorizon={sigmaHorizon} dim={lastKnown !== null} />
      )}
      <CorrelatedMoveLine estimates={estimates} searchRange={levels?.searchRange ?? defaultSearchRange} now={now} lastKnown={lastKnown} />
      <ProbabilityTable estimates={estimates} now={now} lastKnown={lastKnown} />
    </section>
  )
})

/** Re-renders every `ms` (the estimates' ages). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

function LiquidationPriceTable({
  levels,
  isolated,
  account,
  searchRange,
  sigmaHorizon,
  dim,
}: {
  levels: Record<string, LiquidationPrices>
  isolated: (LiquidationPrices & { id: string })[]
  account: AccountSnapshot
  searchRange: { low: number; high: number }
  sigmaHorizon: string | null
  dim: boolean
}) {
  const rows = Object.values(levels)
  const sizes = new Map(account.risk?.isolated.map((position) => [position.id, position]) ?? [])
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-medium">Liquidation prices</h3>
      <p className="text-xs text-muted">
        Estimates: each underlying moving alone, every other price, volatility and the time held as they are now. Distance in % of the price and in standard
        deviations {sigmaHorizon === null ? 'over the margin horizon' : `over ${sigmaHorizon}`} (σ of the volatility index).
      </p>
      <div className="w-full overflow-x-auto">
        <table data-testid="liquidation-prices" className="w-full text-sm">
          <thead>
            <tr className="border-b border-edge text-left text-xs text-muted">
              <Th sticky>Book</Th>
              <th scope="col" className="hidden py-1.5 pr-3 text-right font-medium whitespace-nowrap sm:table-cell">
                Price now (USD)
              </th>
              <th scope="col" title="the first liquidation price on the way down" className="py-1.5 pr-3 text-right font-medium">
                Liquidated below
              </th>
              <th scope="col" title="the first liquidation price on the way up" className="py-1.5 pr-3 text-right font-medium">
                Liquidated above
              </th>
            </tr>
          </thead>
          <tbody className={dim ? 'opacity-60' : ''}>
            {rows.length === 0 && isolated.length === 0 && (
              <tr>
                <td colSpan={4} className="py-2 text-muted">
                  No positions: nothing to liquidate.
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <LevelRow key={row.underlying} testId={`liquidation-${row.underlying}`} label={`${row.underlying} (cross)`} row={row} searchRange={searchRange} sigmaHorizon={sigmaHorizon} />
            ))}
            {isolated.map((row) => {
              const size = sizes.get(row.id)?.position.size
              const side = size === undefined ? '' : size < 0 ? ' short' : ' long'
              return <LevelRow key={row.id} testId={`liquidation-isolated-${row.id}`} label={`${row.underlying} isolated${side} #${row.id}`} row={row} searchRange={searchRange} sigmaHorizon={sigmaHorizon} />
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

function LevelRow({ testId, label, row, searchRange, sigmaHorizon }: { testId: string; label: string; row: LiquidationPrices; searchRange: { low: number; high: number }; sigmaHorizon: string | null }) {
  return (
    <tr data-testid={testId} data-underlying={row.underlying} data-spot={row.spot} data-below={levelData(row.below)} data-above={levelData(row.above)} className="border-b border-edge/50 align-top">
      <th scope="row" className="sticky left-0 bg-panel py-1.5 pr-3 text-left font-normal">
        {label}
        {/* On a phone the price column is folded in here. */}
        <span className="block font-mono text-xs text-muted sm:hidden">{formatUsd(row.spot, priceDigits(row.spot))}</span>
      </th>
      <td className="hidden py-1.5 pr-3 text-right font-mono whitespace-nowrap sm:table-cell">{formatUsd(row.spot, priceDigits(row.spot)).replace(' USD', '')}</td>
      <WrappingCell>
        <Level level={row.below} side="below" underlying={row.underlying} searchRange={searchRange} sigmaHorizon={sigmaHorizon} />
      </WrappingCell>
      <WrappingCell>
        <Level level={row.above} side="above" underlying={row.underlying} searchRange={searchRange} sigmaHorizon={sigmaHorizon} />
      </WrappingCell>
    </tr>
  )
}

/** The level's price at full precision, or its reason: for tests and tools reading the page. */
function levelData(level: LiquidationLevel | NoLiquidationPrice): string {
  return level.price === null ? level.reason : String(level.price)
}

function Level({
  level,
  side,
  underlying,
  searchRange,
  sigmaHorizon,
}: {
  level: LiquidationLevel | NoLiquidationPrice
  side: 'below' | 'above'
  underlying: string
  searchRange: { low: number; high: number }
  sigmaHorizon: string | null
}) {
  if (level.price === null) {
    const text = noLiquidationText({ reason: level.reason, side, searchRange, moving: underlying })
    return (
      <span title={text.long} className={level.reason === 'alreadyLiquidatable' ? 'font-sans text-danger' : 'font-sans text-muted'}>
        {text.short}
      </span>
    )
  }
  const sigmas = Number.isFinite(level.distanceSigmas) ? `${level.distanceSigmas.toFixed(1).replace('-', '−')} σ${sigmaHorizon === null ? '' : ` (${sigmaHorizon})`}` : null
  return (
    <span className="inline-flex flex-col items-end">
      <span className="whitespace-nowrap">{formatUsd(level.price, priceDigits(level.price))}</span>
      <span className="text-xs text-muted">
        {signed(formatPercent(level.distance, 2), level.distance)}
        {sigmas === null ? '' : ` · ${sigmas}`}
      </span>
    </span>
  )
}

/** A right-aligned figure cell whose second line may wrap on a narrow screen. */
function WrappingCell({ children }: { children: ReactNode }) {
  return <td className="py-1.5 pr-3 text-right font-mono">{children}</td>
}

/** A distance with its sign: `+12.00 %`, `−3.10 %`. */
function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text
}

function CorrelatedMoveLine({ estimates, searchRange, now, lastKnown }: { estimates: LiquidationEstimatorState; searchRange: { low: number; high: number }; now: number; lastKnown: string | null }) {
  const move = estimates.correlatedMove
  const dim = lastKnown !== null || (move !== null && !move.confident)
  return (
    <div className="space-y-1" data-testid="correlated-move" data-confident={!dim} data-down={move === null ? '' : moveData(move.result.down)} data-up={move === null ? '' : moveData(move.result.up)}>
      <h3 className="text-sm font-medium">Correlated move (estimate)</h3>
      {move === null ? (
        <p className="break-words text-sm text-muted">{estimates.error === null ? 'Computing in the estimates worker…' : `Cannot compute: ${estimates.error}`}</p>
      ) : move.result.underlyings.length === 0 ? (
        <p className="text-sm text-muted">No cross position or collateral moves with a price: no common move liquidates the cross account.</p>
      ) : (
        <div className={dim ? 'opacity-60' : ''}>
          <p className="text-sm">
            {(() => {
              const { down, up } = move.result
              const names = move.result.underlyings.join(', ')
              const nearest = nearestMove(down, up)
              return (
                <>
                  {nearest === null ? (
                    <>No common move of {names} liquidates the cross account.</>
                  ) : (
                    <>
                      The cross account is liquidated if {names} all {nearest.move < 0 ? 'fall' : 'rise'} together by{' '}
                      <span data-testid="correlated-distance" className="font-mono font-medium">
                        {formatPercent(Math.abs(nearest.move), 2)}
                      </span>{' '}
                      ({nearest.move < 0 ? 'down' : 'up'}: {pricesText(nearest.prices)}).
                    </>
                  )}{' '}
                  <span className="text-muted">
                    {nearest !== down && <>Down: {describeMove(down, 'below', searchRange)}. </>}
                    {nearest !== up && <>Up: {describeMove(up, 'above', searchRange)}.</>}
                  </span>
                </>
              )
            })()}
          </p>
          <p className="text-xs text-muted">
            One relative move applied to every underlying at once (collateral that follows them, such as WETH and wstETH with ETH, moves too), volatility and time held;
            isolated positions stand apart. Computed {estimateAgeText(now - move.at)}
            {move.confident ? '' : ', from last-known prices'}.
          </p>
        </div>
      )}
    </div>
  )
}

function moveData(move: CorrelatedMove | NoCorrelatedMove): string {
  return move.move === null ? move.reason : String(move.move)
}

/** The smaller of the two moves (by |move|), or `null` when neither side liquidates. */
function nearestMove(down: CorrelatedMove | NoCorrelatedMove, up: CorrelatedMove | NoCorrelatedMove): CorrelatedMove | null {
  const sides = [down, up].filter((side): side is CorrelatedMove => side.move !== null)
  return sides.sort((a, b) => Math.abs(a.move) - Math.abs(b.move))[0] ?? null
}

function describeMove(move: CorrelatedMove | NoCorrelatedMove, side: 'below' | 'above', searchRange: { low: number; high: number }): string {
  if (move.move === null) return noLiquidationText({ reason: move.reason, side, searchRange, moving: 'every underlying' }).short
  return `${signed(formatPercent(move.move, 2), move.move)} (${pricesText(move.prices)})`
}

function pricesText(prices: Record<string, number>): string {
  return Object.entries(prices)
    .map(([underlying, price]) => `${underlying} ${formatUsd(price, priceDigits(price))}`)
    .join(', ')
}

function ProbabilityTable({ estimates, now, lastKnown }: { estimates: LiquidationEstimatorState; now: number; lastKnown: string | null }) {
  const { probabilities, running } = estimates
  // An estimate a minute old (the worker failing or the engine silent) no longer reads as current.
  const stale = probabilities !== null && now - probabilities.at > staleAfterMs
  const dim = lastKnown !== null || stale || (probabilities !== null && !probabilities.confident)
  return (
    <div
      className="space-y-2"
      data-testid="liquidation-probabilities"
      data-confident={!dim}
      data-computed-at={probabilities?.at ?? ''}
      data-compute-ms={probabilities?.result.computeMs ?? ''}
      data-running={running !== null}
      data-running-since={running?.since ?? ''}
    >
      <h3 className="text-sm font-medium">Probability of liquidation (estimate)</h3>
      {probabilities === null ? (
        <p className="text-sm text-muted">
          {estimates.probabilityError !== null ? `Cannot estimate: ${estimates.probabilityError}` : 'Simulating price paths in the estimates worker…'}
        </p>
      ) : (
        <>
          <div className="w-full overflow-x-auto">
            <table className={`w-full text-sm ${dim ? 'opacity-60' : ''}`}>
              <thead>
                <tr className="border-b border-edge text-left text-xs text-muted">
                  <Th sticky>Within</Th>
                  {probabilities.result.targets.map((target) => (
                    <th
                      key={target.isolatedId ?? 'cross'}
                      scope="col"
                      title="estimated probability that equity falls below the maintenance margin within the horizon, ± one standard error"
                      className="py-1.5 pr-3 text-right font-medium"
                    >
                      {targetLabel(target)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {probabilities.horizons.map((horizon, i) => (
                  <tr key={horizon} className="border-b border-edge/50 align-top">
                    <th scope="row" className="sticky left-0 bg-panel py-1.5 pr-3 text-left font-normal whitespace-nowrap">
                      {horizonText(horizon)}
                    </th>
                    {probabilities.result.targets.map((target) => {
                      const estimate = target.horizons[i]
                      if (estimate === undefined) return <Td key={target.isolatedId ?? 'cross'}>—</Td>
                      const text = probabilityText(estimate)
                      return (
                        <WrappingCell key={target.isolatedId ?? 'cross'}>
                          <span
                            className="inline-flex flex-col items-end"
                            data-testid={`probability-${target.isolatedId === null ? 'cross' : `isolated-${target.isolatedId}`}-${horizon}`}
                            data-probability={estimate.probability}
                            data-standard-error={estimate.standardError}
                            data-method={estimate.method}
                            aria-label={`${targetLabel(target)} within ${horizonText(horizon)}: estimated ${text.value}, ${text.error}, ${text.method}`}
                          >
                            <span className="font-medium whitespace-nowrap">{text.value}</span>
                            <span className="text-xs text-muted">{text.error}</span>
                            <span className="text-xs text-muted">{text.method}</span>
                          </span>
                        </WrappingCell>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <EstimateStatus estimates={estimates} now={now} />
          <Assumptions targets={probabilities.result.targets} />
        </>
      )}
    </div>
  )
}

function targetLabel(target: ProbabilityTarget): string {
  if (target.kind === 'cross') return 'Cross account'
  const side = target.size === null ? '' : target.size < 0 ? ' short' : ' long'
  return `${target.underlying ?? ''} isolated${side} #${target.isolatedId ?? ''}`
}

function EstimateStatus({ estimates, now }: { estimates: LiquidationEstimatorState; now: number }) {
  const { probabilities, running } = estimates
  if (probabilities === null) return null
  const reason = { first: 'first estimate', book: 'the book changed', price: 'a price moved', volatility: 'a volatility index moved', age: 'routine refresh' }[probabilities.reason]
  return (
    <p className="text-xs text-muted" data-testid="estimate-age">
      Estimated <span className={now - probabilities.at > staleAfterMs ? 'text-warn' : ''}>{estimateAgeText(now - probabilities.at)}</span> ({reason}) from {pricesText(probabilities.prices)}
      {probabilities.confident ? '' : <span className="text-warn"> — last-known prices</span>}, in {(probabilities.result.computeMs / 1_000).toFixed(1)} s of the
      estimates worker.{running !== null && <span className="text-accent"> Re-estimating…</span>}
      {estimates.probabilityError !== null && <span className="text-warn"> The last re-estimate failed: {estimates.probabilityError}</span>}
    </p>
  )
}

function Assumptions({ targets }: { targets: ProbabilityTarget[] }) {
  const lines = assumptionLines(targets)
  return (
    <details className="text-xs text-muted" open>
      <summary className="cursor-pointer">What the estimate assumes</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="probability-assumptions">
        {lines.map((line) => (
          <Line key={line}>{line}</Line>
        ))}
        <Line>{jumpAssumptions.source}</Line>
        <Line>
          Isolated positions are estimated on their own margin. Re-estimated every 15 s, at once when the book changes, and when a price moves more than ½ σ over 1 h
          or a volatility index 10 % (at most every 5 s); the same random seed each time, so the figure moves with the book and prices, not with sampling noise.
        </Line>
      </ul>
    </details>
  )
}

function Line({ children }: { children: ReactNode }) {
  return <li>{children}</li>
}
