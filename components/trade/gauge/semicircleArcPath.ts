export type SemicircleGeometry = {
  /** Centre, SVG user units (y grows downwards). */
  cx: number
  cy: number
  /** Radius, SVG user units. */
  r: number
}

/**
 * An SVG path for the part of an upper semicircle between two fractions of a gauge's scale:
 * 0 is the left end (9 o'clock), 0.5 the top, 1 the right end (3 o'clock). Fractions are clamped
 * to [0, 1]; an empty or inverted range gives an empty path.
 *
 * The point at fraction f is at angle θ = π·(1 − f): `(cx + r·cos θ, cy − r·sin θ)`; the arc is
 * drawn clockwise on screen (sweep flag 1) and never exceeds 180° (large-arc flag 0).
 *
 * @example
 * semicircleArcPath(0, 1, { cx: 100, cy: 100, r: 80 }) // 'M 20 100 A 80 80 0 0 1 180 100'
 */
export function semicircleArcPath(from: number, to: number, { cx, cy, r }: SemicircleGeometry): string {
  const start = clamp01(from)
  const end = clamp01(to)
  if (!(end > start)) return ''
  const [x0, y0] = point(start, cx, cy, r)
  const [x1, y1] = point(end, cx, cy, r)
  return `M ${x0} ${y0} A ${r} ${r} 0 0 1 ${x1} ${y1}`
}

/**
 * The needle's rotation in degrees for a fraction of the scale, for a needle drawn pointing
 * straight up from the centre: −90 (left end) to +90 (right end).
 */
export function needleRotationDegrees(fraction: number): number {
  return -90 + 180 * clamp01(fraction)
}

function point(fraction: number, cx: number, cy: number, r: number): [number, number] {
  const theta = Math.PI * (1 - fraction)
  return [round(cx + r * Math.cos(theta)), round(cy - r * Math.sin(theta))]
}

/** 3 decimals: enough for any screen, and stable strings (no 1.2e-14 for a zero). */
function round(value: number): number {
  const rounded = Math.round(value * 1000) / 1000
  return rounded === 0 ? 0 : rounded
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0
  return Math.min(1, Math.max(0, value))
}
