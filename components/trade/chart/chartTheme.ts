/**
 * The chart's colours: the app's dark theme (`app/globals.css`, `@theme`) as literal values,
 * because the chart paints on a canvas and cannot read Tailwind classes.
 */
export const chartColors = {
  surface: '#0b0f14',
  panel: '#121821',
  edge: '#1f2a37',
  muted: '#8b98a9',
  text: '#e5edf5',
  safe: '#22c55e',
  danger: '#ef4444',
  accent: '#38bdf8',
} as const

/** Opacity of a price line drawn from figures that are not live ("last known"). */
export const lastKnownAlpha = 0.4

/**
 * `#rrggbb` with an opacity, as the `rgba(…)` string the chart accepts.
 *
 * @example
 * withAlpha('#ef4444', 0.4) // 'rgba(239, 68, 68, 0.4)'
 */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`
}

/**
 * `color` as it looks at `alpha` over the chart's panel, as an opaque `#rrggbb`: for the price
 * axis labels of dimmed lines, which the chart paints as solid boxes.
 *
 * @example
 * overPanel('#ef4444', 0.4) // '#6a2a2f'
 */
export function overPanel(hex: string, alpha: number): string {
  const channels = (value: string) => [16, 8, 0].map((shift) => (Number.parseInt(value.slice(1), 16) >> shift) & 255)
  const panel = channels(chartColors.panel)
  return `#${channels(hex)
    .map((channel, i) => Math.round(channel * alpha + (panel[i] as number) * (1 - alpha)).toString(16).padStart(2, '0'))
    .join('')}`
}
