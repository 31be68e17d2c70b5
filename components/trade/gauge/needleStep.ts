/**
 * Gaps at or above this (a fraction of the gauge's scale: 2 % ≈ 3.6° of a semicircle) are
 * closed in one frame: the needle jumps to the true value on the next paint.
 */
export const NEEDLE_SNAP_GAP = 0.02
/** Time constant of the easing below {@link NEEDLE_SNAP_GAP}, ms. */
export const NEEDLE_TIME_CONSTANT_MS = 40
/** Below this gap (a fraction of the scale, ≈ 0.1° of a semicircle) the needle lands on the target. */
export const NEEDLE_SETTLE_GAP = 0.0005

export type NeedleStepParameters = {
  /** Needle position painted last frame, a fraction of the scale (0 = min, 1 = max). */
  shown: number
  /** True value now, same units. */
  target: number
  /** Time since the last frame, ms (negative is read as 0). */
  elapsedMs: number
}

/**
 * The needle position to paint this frame, moving from `shown` towards `target`. Called on
 * every animation frame while the two differ.
 *
 * The rule, exactly:
 * 1. If `|target − shown| >= NEEDLE_SNAP_GAP` (or either is not finite): paint `target`. A visible
 *    change is never drawn late: it is on screen in the frame after the value changed.
 * 2. Otherwise ease exponentially: `next = shown + (target − shown) · (1 − e^(−elapsedMs / 40 ms))`,
 *    and paint `target` instead once `|target − next| < NEEDLE_SETTLE_GAP`.
 *
 * So after every frame the painted needle is within `NEEDLE_SNAP_GAP` (2 % of the scale) of the
 * true value, whatever the values do; only changes smaller than that glide, and they land within
 * `40 ms · ln(0.02 / 0.0005)` ≈ 150 ms. The number the gauge states (`aria-valuenow`, its label)
 * is always the true value, never the eased one.
 *
 * @returns The fraction to paint.
 * @example
 * needleStep({ shown: 0.2, target: 0.5, elapsedMs: 16.7 }) // 0.5: a large jump snaps
 * needleStep({ shown: 0.5, target: 0.51, elapsedMs: 16.7 }) // ≈ 0.5034: a small move eases
 */
export function needleStep({ shown, target, elapsedMs }: NeedleStepParameters): number {
  if (!Number.isFinite(shown) || !Number.isFinite(target)) return target
  const gap = target - shown
  if (Math.abs(gap) >= NEEDLE_SNAP_GAP) return target
  const next = shown + gap * (1 - Math.exp(-Math.max(0, elapsedMs) / NEEDLE_TIME_CONSTANT_MS))
  return Math.abs(target - next) < NEEDLE_SETTLE_GAP ? target : next
}
