import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rowWindow } from './rowWindow'

describe('rowWindow', () => {
  it('the documented example', () => {
    expect(rowWindow({ rowCount: 200, rowHeight: 32, viewportHeight: 320, scrollTop: 640, overscan: 4 })).toEqual({ start: 16, end: 34, paddingTop: 512, paddingBottom: 5_312 })
  })

  it('renders every row that intersects the viewport (found by scanning each row), at most `overscan` more on each side, and spacers that keep the full height', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 10 }),
        (rowCount, rowHeight, viewportHeight, scrollTop, overscan) => {
          const { start, end, paddingTop, paddingBottom } = rowWindow({ rowCount, rowHeight, viewportHeight, scrollTop, overscan })
          const visible: number[] = []
          for (let i = 0; i < rowCount; i++) if (i * rowHeight < scrollTop + viewportHeight && (i + 1) * rowHeight > scrollTop) visible.push(i)
          expect(0 <= start && start <= end && end <= rowCount).toBe(true)
          for (const i of visible) expect(i >= start && i < end).toBe(true)
          if (visible.length > 0) {
            expect(visible[0]! - start).toBeLessThanOrEqual(overscan)
            expect(end - 1 - visible.at(-1)!).toBeLessThanOrEqual(overscan)
          } else {
            expect(end - start).toBeLessThanOrEqual(2 * overscan + 1) // scrolled past the end, or an empty viewport
          }
          expect(paddingTop + (end - start) * rowHeight + paddingBottom).toBe(rowCount * rowHeight)
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('a long list in a short container renders far fewer rows than it holds', () => {
    const { start, end } = rowWindow({ rowCount: 1_000, rowHeight: 32, viewportHeight: 200, scrollTop: 12_000, overscan: 6 })
    expect(end - start).toBe(19) // ⌈200 / 32⌉ + 1 partial + 2 × 6
  })

  it('nonsense sizes render nothing rather than NaN spacers', () => {
    expect(rowWindow({ rowCount: 0, rowHeight: 32, viewportHeight: 300, scrollTop: 0, overscan: 4 })).toEqual({ start: 0, end: 0, paddingTop: 0, paddingBottom: 0 })
    expect(rowWindow({ rowCount: 10, rowHeight: 0, viewportHeight: 300, scrollTop: 0, overscan: 4 })).toEqual({ start: 0, end: 0, paddingTop: 0, paddingBottom: 0 })
    const r = rowWindow({ rowCount: 10, rowHeight: 32, viewportHeight: Number.NaN, scrollTop: Number.NaN, overscan: 2 })
    expect(Number.isFinite(r.paddingTop) && Number.isFinite(r.paddingBottom)).toBe(true)
  })
})
