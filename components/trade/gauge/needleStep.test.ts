import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NEEDLE_SETTLE_GAP, NEEDLE_SNAP_GAP, NEEDLE_TIME_CONSTANT_MS, needleStep } from './needleStep'

const frame = 1000 / 60

/** Steps at 60 Hz until the needle lands; the frames it took. */
function framesToLand(shown: number, target: number): number {
  let frames = 0
  while (shown !== target) {
    shown = needleStep({ shown, target, elapsedMs: frame })
    frames += 1
    if (frames > 1000) throw new Error('never lands')
  }
  return frames
}

describe('needleStep', () => {
  it(`reaches the target in one frame for jumps of ${NEEDLE_SNAP_GAP * 100} % of the scale or more`, () => {
    for (const [shown, target] of [[0, NEEDLE_SNAP_GAP], [0.5, 0.5 - NEEDLE_SNAP_GAP], [0, 1], [1, 0], [0.3, 0.71]] as const) {
      expect(needleStep({ shown, target, elapsedMs: frame })).toBe(target)
      // Even when no time passed (two values within one frame).
      expect(needleStep({ shown, target, elapsedMs: 0 })).toBe(target)
    }
  })

  it('eases smaller moves towards the target without overshoot and lands exactly', () => {
    const shown = 0.5
    const target = 0.5 + NEEDLE_SNAP_GAP * 0.99
    const next = needleStep({ shown, target, elapsedMs: frame })
    expect(next).toBeCloseTo(shown + (target - shown) * (1 - Math.exp(-frame / NEEDLE_TIME_CONSTANT_MS)), 15)
    expect(next).toBeGreaterThan(shown)
    expect(next).toBeLessThan(target)
    // ≈ 40 ms · ln(0.02 / 0.0005) ≈ 148 ms: 9 frames at 60 Hz.
    expect(framesToLand(shown, target)).toBeLessThanOrEqual(Math.ceil((NEEDLE_TIME_CONSTANT_MS * Math.log(NEEDLE_SNAP_GAP / NEEDLE_SETTLE_GAP)) / frame))
  })

  it('lands on the target below the settle gap', () => {
    expect(needleStep({ shown: 0.4, target: 0.4 + NEEDLE_SETTLE_GAP / 2, elapsedMs: frame })).toBe(0.4 + NEEDLE_SETTLE_GAP / 2)
  })

  it('does not move backwards in time', () => {
    expect(needleStep({ shown: 0.4, target: 0.41, elapsedMs: -50 })).toBe(0.4)
  })

  it('snaps to or from non-finite values', () => {
    expect(needleStep({ shown: Number.NaN, target: 0.3, elapsedMs: frame })).toBe(0.3)
    expect(needleStep({ shown: 0.3, target: Infinity, elapsedMs: frame })).toBe(Infinity)
  })

  it('keeps the painted needle within the snap gap of the true value after every frame, whatever the values do', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.record({ target: fc.double({ min: 0, max: 1, noNaN: true }), elapsedMs: fc.double({ min: 0, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 200 }),
        (start, frames) => {
          let shown = start
          for (const { target, elapsedMs } of frames) {
            const next = needleStep({ shown, target, elapsedMs })
            expect(Math.abs(target - next)).toBeLessThan(NEEDLE_SNAP_GAP)
            // Always between where it was and the target: never overshoots, never moves away.
            expect(Math.min(shown, target) <= next && next <= Math.max(shown, target)).toBe(true)
            shown = next
          }
        },
      ),
    )
  })
})
