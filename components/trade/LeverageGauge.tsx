'use client'

import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { formatMultiple } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { lastKnownText } from './gauge/lastKnownText'
import { leverageGaugeReading, type LeverageGaugeReading } from './gauge/leverageGaugeReading'
import { zoneClasses } from './gauge/marginRatioZone'
import { needleStep } from './gauge/needleStep'
import { needleRotationDegrees, semicircleArcPath } from './gauge/semicircleArcPath'

const geometry = { cx: 100, cy: 100, r: 80 }
const maxTitle = 'estimate: IM scales with notional (the book’s current mix, scaled until free collateral is 0)'

/**
 * The cross account's gross leverage as a semicircular gauge: a `role="meter"` named "Leverage"
 * whose `aria-valuenow` is the true leverage (2 decimals) and `aria-valuemax` the maximum its
 * initial margin allows (`maxLeverageFor`, an estimate), coloured by margin ratio (safe < 50 %,
 * warn < 80 %, danger). Infinite leverage (equity <= 0) reads "∞×", pinned at the max, danger.
 *
 * The needle is painted outside React, on animation frames (`needleStep`): a change of 2 % of the
 * scale or more is painted at once, with the figure; smaller ones glide in about 150 ms and are
 * never more than 2 % of the scale away. The stated value is always the true one.
 */
export function LeverageGauge({ account }: { account: AccountSnapshot }) {
  const { risk } = account
  if (risk === null) {
    return (
      <div className="text-sm text-muted" data-testid="leverage-gauge-empty">
        {account.error ? `Cannot evaluate the account: ${account.error.message}` : 'Loading the book from the venue…'}
      </div>
    )
  }
  return <Gauge reading={leverageGaugeReading(risk)} lastKnown={lastKnownText(account)} />
}

function Gauge({ reading, lastKnown }: { reading: LeverageGaugeReading; lastKnown: string | null }) {
  const zone = zoneClasses[reading.zone]
  const needleRef = useRef<SVGGElement>(null)
  const arcRef = useRef<SVGPathElement>(null)
  const initial = useAnimatedNeedle(reading.fraction, needleRef, arcRef)
  const valueText = lastKnown === null ? reading.valueText : `${reading.valueText}, ${lastKnown}`
  return (
    <div
      role="meter"
      aria-label="Leverage"
      aria-valuemin={0}
      aria-valuenow={reading.valueNow}
      aria-valuemax={reading.valueMax}
      aria-valuetext={valueText}
      data-zone={reading.zone}
      data-pinned={reading.pinned}
      data-confident={lastKnown === null}
      className="flex flex-col items-center"
    >
      <svg viewBox="0 0 200 118" className={`w-full max-w-64 ${lastKnown === null ? '' : 'opacity-60'}`} aria-hidden="true">
        <Track reading={reading} />
        <path ref={arcRef} d={initial.arc} className={`${zone.stroke} fill-none`} strokeWidth={14} />
        <g ref={needleRef} transform={initial.transform}>
          <line x1={100} y1={100} x2={100} y2={32} className={`${zone.stroke}`} strokeWidth={3} strokeLinecap="round" />
        </g>
        <circle cx={100} cy={100} r={6} className={zone.fill} />
        <text x={20} y={116} textAnchor="middle" className="fill-muted text-[10px]">
          0×
        </text>
        <text x={180} y={116} textAnchor="middle" className="fill-muted text-[10px]">
          {formatMultiple(reading.valueMax, 1)}
        </text>
      </svg>
      <p className={`-mt-1 font-mono text-2xl font-semibold ${zone.text}`} data-testid="leverage-value">
        {formatMultiple(reading.leverage)}
      </p>
      <p className="text-xs text-muted">
        {reading.max === null ? (
          reading.leverage === 0 ? 'gross leverage · no open cross positions' : 'gross leverage · no initial-margin limit'
        ) : (
          <>
            gross leverage · max {formatMultiple(reading.max, 1)}{' '}
            <span title={maxTitle} className="cursor-help underline decoration-dotted">
              est.
            </span>
          </>
        )}
      </p>
      {reading.pinned && reading.max !== null && (
        <p className={`text-xs ${zone.text}`}>
          {Number.isFinite(reading.leverage) ? 'Above the maximum: free collateral is negative, only risk-reducing trades.' : 'Equity at or below 0.'}
        </p>
      )}
      {lastKnown !== null && <p className="text-xs text-warn">{lastKnown}</p>}
    </div>
  )
}

/**
 * The arc's track: neutral where the margin ratio would be safe, faint warn and danger bands where
 * it would cross 50 % and 80 % (see `leverageGaugeReading`; with the default params they start at
 * or beyond the maximum, so they show only for books whose IM / MM is not 2, e.g. with options).
 */
function Track({ reading }: { reading: LeverageGaugeReading }) {
  const full = semicircleArcPath(0, 1, geometry)
  return (
    <g data-testid="leverage-zones">
      <path d={full} className="fill-none stroke-edge" strokeWidth={14} />
      {reading.bands !== null && (
        <g className="opacity-40">
          <path d={semicircleArcPath(reading.bands.warnFrom, reading.bands.dangerFrom, geometry)} className="fill-none stroke-warn" strokeWidth={14} />
          <path d={semicircleArcPath(reading.bands.dangerFrom, 1, geometry)} className="fill-none stroke-danger" strokeWidth={14} />
        </g>
      )}
    </g>
  )
}

/**
 * Paints the needle and the value arc for `target` (a fraction of the scale) outside React:
 * React renders their first position once (the returned `transform` and `arc`, never changed
 * afterwards, so React never rewrites them) and this hook moves them. On each new target a gap
 * of `NEEDLE_SNAP_GAP` or more is painted in the same commit as the figure; otherwise an
 * animation-frame loop eases it in (`needleStep`) and stops when it lands. With
 * `prefers-reduced-motion: reduce` every change is painted at once.
 */
function useAnimatedNeedle(target: number, needleRef: RefObject<SVGGElement | null>, arcRef: RefObject<SVGPathElement | null>) {
  const shown = useRef<number | null>(null)
  const goal = useRef(target)
  const frame = useRef<number | null>(null)
  const [initial] = useState(() => ({ transform: rotation(target), arc: semicircleArcPath(0, target, geometry) }))

  useLayoutEffect(() => {
    goal.current = target
    const paint = (fraction: number) => {
      shown.current = fraction
      needleRef.current?.setAttribute('transform', rotation(fraction))
      arcRef.current?.setAttribute('d', semicircleArcPath(0, fraction, geometry))
    }
    const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
    if (shown.current === null || reduced) return paint(target)
    // A large change is painted now, with the figure it belongs to; a small one starts easing.
    paint(needleStep({ shown: shown.current, target, elapsedMs: 0 }))
    if (shown.current === target || frame.current !== null) return
    // The first callback's timestamp (the frame's start) can precede this effect: count it as one frame.
    let last: number | null = null
    const step = (now: number) => {
      const next = needleStep({ shown: shown.current ?? goal.current, target: goal.current, elapsedMs: last === null ? 1000 / 60 : now - last })
      last = now
      paint(next)
      frame.current = next === goal.current ? null : requestAnimationFrame(step)
    }
    frame.current = requestAnimationFrame(step)
  }, [target, needleRef, arcRef])

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current)
      frame.current = null
    },
    [],
  )

  return initial
}

function rotation(fraction: number): string {
  return `rotate(${needleRotationDegrees(fraction)} ${geometry.cx} ${geometry.cy})`
}
