import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  createChart,
  type AutoscaleInfo,
  type AutoscaleInfoProvider,
  type CandlestickData,
  type UTCTimestamp,
} from 'lightweight-charts'
import type { Candle } from '@/lib/feeds/createCandleSeries'
import { priceDigits } from '@/components/ui/formatFigures'
import { chartColors } from './chartTheme'
import type { PriceLineSpec } from './priceLinesFor'
import { syncPriceLines, type DrawnPriceLines } from './syncPriceLines'
import { localTimeLabels } from './localTimeLabels'

/** A candlestick chart in a container, fed imperatively (never through React state). */
export type CandleChart = {
  /** Replaces every bar (history), oldest first; times unix seconds. */
  setBars: (bars: readonly Candle[]) => void
  /**
   * Applies one live bar with `series.update`: replaces the last bar when it has the same time,
   * appends it when newer. A bar older than the last one is ignored (returns false): the chart
   * cannot rewrite history bar by bar, and the worker only sends the latest bar of each interval.
   */
  update: (bar: Candle) => boolean
  /** The bars shown, oldest first. */
  bars: () => readonly Candle[]
  /** Draws exactly these price lines, moving the ones already drawn (see `syncPriceLines`). */
  setPriceLines: (lines: readonly PriceLineSpec[]) => void
  /**
   * Whether the price scale stretches to keep every price line in view (default true): a
   * liquidation price 18 % away is otherwise off the chart. Off: the scale fits the candles only.
   */
  setFitPriceLines: (fit: boolean) => void
  /** Bar length, seconds: shows seconds on the time axis for 1 s bars. */
  setInterval: (seconds: number) => void
  remove: () => void
}

/**
 * Creates the dashboard's price chart (lightweight-charts 5) in `container`: dark theme from the
 * app's colours, sized to the container (`autoSize`), candles up green / down red, times shown in
 * the browser's time zone. Browser only: call it in an effect.
 *
 * @example
 * const chart = createCandleChart(element)
 * chart.setBars(await client.request('candles', { symbol: 'ETH', interval: 60 }))
 * chart.update(candleUpdate.candle) // per snapshot, outside React
 */
export function createCandleChart(container: HTMLElement): CandleChart {
  const chart = createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: chartColors.panel }, textColor: chartColors.muted, fontSize: 11 },
    grid: { vertLines: { color: chartColors.edge }, horzLines: { color: chartColors.edge } },
    rightPriceScale: { borderColor: chartColors.edge },
    timeScale: { borderColor: chartColors.edge, timeVisible: true, secondsVisible: false, tickMarkFormatter: localTimeLabels.tickMarkFormatter },
    localization: { timeFormatter: localTimeLabels.timeFormatter },
    crosshair: { mode: CrosshairMode.Normal },
  })
  const drawn: DrawnPriceLines = new Map()
  let fitPriceLines = true
  const autoscaleInfoProvider: AutoscaleInfoProvider = (candlesOnly) => {
    const info = candlesOnly()
    return fitPriceLines ? withPriceLines(info, drawn) : info
  }
  const series = chart.addSeries(CandlestickSeries, {
    autoscaleInfoProvider,
    upColor: chartColors.safe,
    downColor: chartColors.danger,
    borderVisible: false,
    wickUpColor: chartColors.safe,
    wickDownColor: chartColors.danger,
  })
  // Setting the provider again makes the chart rescale now rather than at the next tick.
  const rescale = () => series.applyOptions({ autoscaleInfoProvider })
  let lastTime = Number.NEGATIVE_INFINITY
  let barCount = 0
  let digits: number | null = null

  // Price precision suits the asset (2 digits above 100 USD, 4 below), set once per price level.
  const fitPrecision = (price: number) => {
    const next = priceDigits(price)
    if (next === digits) return
    digits = next
    series.applyOptions({ priceFormat: { type: 'price', precision: next, minMove: 10 ** -next } })
  }

  return {
    setBars(bars) {
      series.setData(bars.map(toBar))
      barCount = bars.length
      const last = bars.at(-1)
      lastTime = last?.time ?? Number.NEGATIVE_INFINITY
      if (last !== undefined) fitPrecision(last.close)
    },
    update(bar) {
      if (bar.time < lastTime) return false
      if (lastTime === Number.NEGATIVE_INFINITY) fitPrecision(bar.close)
      if (bar.time > lastTime) barCount++
      series.update(toBar(bar))
      lastTime = bar.time
      // Bounded memory on a page left open for days: drop the oldest bars now and then.
      if (barCount > maxBars) {
        const kept = series.data().slice(-keptBars)
        series.setData(kept)
        barCount = kept.length
      }
      return true
    },
    bars: () => series.data().map(fromBar),
    setPriceLines(lines) {
      syncPriceLines(series, drawn, lines)
      if (fitPriceLines) rescale()
    },
    setFitPriceLines(fit) {
      if (fit === fitPriceLines) return
      fitPriceLines = fit
      rescale()
    },
    setInterval(seconds) {
      chart.applyOptions({ timeScale: { secondsVisible: seconds < 60 } })
    },
    remove() {
      drawn.clear()
      chart.remove()
    },
  }
}

/** Bars held before the oldest are dropped (1 s bars: about 1.4 h), and how many are kept then. */
const maxBars = 5_000
const keptBars = 4_000

/** The candles' price range widened to every drawn line; nothing to widen before the first bar. */
function withPriceLines(info: AutoscaleInfo | null, drawn: DrawnPriceLines): AutoscaleInfo | null {
  if (info === null || info.priceRange === null || drawn.size === 0) return info
  let { minValue, maxValue } = info.priceRange
  for (const { spec } of drawn.values()) {
    minValue = Math.min(minValue, spec.price)
    maxValue = Math.max(maxValue, spec.price)
  }
  return { ...info, priceRange: { minValue, maxValue } }
}

function toBar({ time, open, high, low, close }: Candle): CandlestickData<UTCTimestamp> {
  return { time: time as UTCTimestamp, open, high, low, close }
}

function fromBar(bar: unknown): Candle {
  const { time, open, high, low, close } = bar as CandlestickData<UTCTimestamp>
  return { time, open, high, low, close }
}
