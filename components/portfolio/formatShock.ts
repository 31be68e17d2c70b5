/**
 * A relative move or shock (a fraction) as a signed percentage: `−10 %`, `+30 %`, `0 %`; moves
 * that are not whole percentages (the venue's, M_mm · i / 4) keep one decimal, or two below 1 %.
 *
 * @example
 * formatShock(-0.1) // '−10 %'
 * formatShock(0.01375) // '+1.4 %'
 * formatShock(0.0034) // '+0.34 %'
 */
export function formatShock(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—'
  const percent = fraction * 100
  const whole = Math.abs(percent - Math.round(percent)) < 1e-9
  const digits = whole ? 0 : Math.abs(percent) < 1 ? 2 : 1
  const text = Math.abs(percent).toFixed(digits)
  if (Number(text) === 0) return '0 %'
  return `${percent < 0 ? '−' : '+'}${text} %`
}
