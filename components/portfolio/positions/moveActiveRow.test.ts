import { describe, expect, it } from 'vitest'
import { moveActiveRow } from './moveActiveRow'

describe('moveActiveRow', () => {
  it.each([
    [3, 'ArrowDown', 4],
    [3, 'ArrowUp', 2],
    [0, 'ArrowUp', 0],
    [23, 'ArrowDown', 23],
    [3, 'PageDown', 13],
    [20, 'PageDown', 23],
    [12, 'PageUp', 2],
    [5, 'PageUp', 0],
    [7, 'Home', 0],
    [7, 'End', 23],
    [null, 'ArrowDown', 0],
    [null, 'ArrowUp', 23],
    [null, 'End', 23],
    [null, 'Home', 0],
  ] as const)('from %s, %s → %s (24 rows, pages of 10)', (from, key, to) => {
    expect(moveActiveRow(from, key, 24, 10)).toBe(to)
  })

  it('other keys are not ours; an empty list has no active row', () => {
    expect(moveActiveRow(3, 'a', 24, 10)).toBeUndefined()
    expect(moveActiveRow(3, 'Enter', 24, 10)).toBeUndefined()
    expect(moveActiveRow(null, 'ArrowDown', 0, 10)).toBeNull()
    expect(moveActiveRow(2, 'PageDown', 24, 0)).toBe(3) // a page is at least one row
  })
})
