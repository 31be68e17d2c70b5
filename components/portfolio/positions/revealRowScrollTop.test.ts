import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { revealRowScrollTop } from './revealRowScrollTop'

describe('revealRowScrollTop', () => {
  it('the documented example: scrolling down aligns the row to the bottom', () => {
    expect(revealRowScrollTop({ index: 20, rowHeight: 32, headerHeight: 40, viewportHeight: 360, scrollTop: 0 })).toBe(352)
  })

  it('scrolling up aligns the row just below the sticky header', () => {
    expect(revealRowScrollTop({ index: 3, rowHeight: 32, headerHeight: 40, viewportHeight: 360, scrollTop: 500 })).toBe(96)
  })

  it('after it, the row lies wholly between the header and the bottom edge; a visible row does not move the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 20_000 }),
        (index, rowHeight, headerHeight, extra, scrollTop) => {
          const viewportHeight = headerHeight + rowHeight + extra // room for at least one row
          const next = revealRowScrollTop({ index, rowHeight, headerHeight, viewportHeight, scrollTop })
          // In the container's content, row i spans [header + i·h, header + (i + 1)·h); the rows show in [scroll + header, scroll + viewport).
          const top = headerHeight + index * rowHeight
          expect(top).toBeGreaterThanOrEqual(next + headerHeight)
          expect(top + rowHeight).toBeLessThanOrEqual(next + viewportHeight)
          const wasVisible = top >= scrollTop + headerHeight && top + rowHeight <= scrollTop + viewportHeight
          if (wasVisible) expect(next).toBe(scrollTop)
        },
      ),
      { numRuns: 5_000 },
    )
  })
})
