import { InvalidInputError } from '../core/errors'

/** OHLC bar: `time` is the bar's open, unix seconds (a multiple of its interval). Prices USD. */
export type Candle = { time: number; open: number; high: number; low: number; close: number }

export type CandleSeries = {
  /**
   * Folds one trusted price published at `time` (unix seconds) into the bar of every interval,
   * opening a new bar when `time` crosses into the next one. Returns the bars it changed.
   * A price older than an interval's current bar changes nothing there (the guards keep publish
   * times increasing, so this only happens to a late tick).
   */
  update: (price: number, time: number) => { interval: number; candle: Candle }[]
  /** Bars of one interval, oldest first (at most `capacity`). Copies: safe to keep. */
  history: (interval: number) => Candle[]
}

export type CreateCandleSeriesParameters = {
  /** Bar lengths, seconds (positive integers), e.g. [1, 60, 300]. */
  intervals: readonly number[]
  /** Bars kept per interval (older ones are dropped): bounded memory on a long-running page. */
  capacity: number
}

/**
 * OHLC candles of one feed at several intervals, from its accepted ticks (the engine worker's
 * chart data, issue 6). Bars exist only for intervals that saw a tick: a gap in the feed is a gap
 * in the chart, never an invented flat bar.
 *
 * @example
 * const btc = createCandleSeries({ intervals: [1, 60], capacity: 600 })
 * btc.update(60_000, 1_700_000_000)
 * btc.update(60_050, 1_700_000_030) // the 60 s bar: open 60,000, high 60,050, close 60,050
 */
export function createCandleSeries({ intervals, capacity }: CreateCandleSeriesParameters): CandleSeries {
  if (!Array.isArray(intervals) || intervals.length === 0 || !intervals.every((interval) => Number.isSafeInteger(interval) && interval > 0))
    throw new InvalidInputError('intervals', intervals, 'a non-empty list of positive whole seconds')
  if (!Number.isSafeInteger(capacity) || capacity < 1) throw new InvalidInputError('capacity', capacity, 'a positive integer')
  const bars = new Map<number, Candle[]>(intervals.map((interval) => [interval, []]))
  return {
    update: (price, time) => {
      if (!(price > 0 && price < Number.POSITIVE_INFINITY)) throw new InvalidInputError('price', price, 'a positive finite number')
      if (!Number.isFinite(time)) throw new InvalidInputError('time', time, 'unix seconds')
      const changed: { interval: number; candle: Candle }[] = []
      for (const [interval, series] of bars) {
        const open = Math.floor(time / interval) * interval
        const last = series.at(-1)
        if (last !== undefined && open < last.time) continue
        if (last !== undefined && open === last.time) {
          last.high = Math.max(last.high, price)
          last.low = Math.min(last.low, price)
          last.close = price
          changed.push({ interval, candle: { ...last } })
          continue
        }
        const candle = { time: open, open: price, high: price, low: price, close: price }
        series.push(candle)
        // Drop in batches: amortised O(1) per tick.
        if (series.length > capacity + Math.ceil(capacity / 4)) series.splice(0, series.length - capacity)
        changed.push({ interval, candle: { ...candle } })
      }
      return changed
    },
    history: (interval) => {
      const series = bars.get(interval)
      if (series === undefined) throw new InvalidInputError('interval', interval, `one of ${intervals.join(', ')}`)
      return series.slice(-capacity).map((candle) => ({ ...candle }))
    },
  }
}
