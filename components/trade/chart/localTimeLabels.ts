import { TickMarkType, type Time } from 'lightweight-charts'

// A 24-hour clock: the chart spaces its labels for "hh:mm:ss", and "08:09:49 PM" overlaps.
const timeFormats = {
  seconds: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  minutes: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  day: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }),
  full: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
}

/**
 * Time labels in the trader's local time for lightweight-charts (whose own are UTC), for a chart's
 * `timeScale.tickMarkFormatter` and `localization.timeFormatter`; times are unix seconds.
 */
export const localTimeLabels = {
  tickMarkFormatter(time: Time, type: TickMarkType): string | null {
    if (typeof time !== 'number') return null
    const date = new Date(time * 1000)
    if (type === TickMarkType.TimeWithSeconds) return timeFormats.seconds.format(date)
    if (type === TickMarkType.Time) return timeFormats.minutes.format(date)
    return timeFormats.day.format(date)
  },
  timeFormatter(time: Time): string {
    return typeof time === 'number' ? timeFormats.full.format(new Date(time * 1000)) : String(time)
  },
}
