import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import { positionContributions } from '@/lib/core/risk/positionContributions'
import { positionColumns } from './positionColumns'
import { sortPositionRows } from './sortPositionRows'
import { workspaceBook } from './workspaceBook.testing'
import { workspaceRows, type WorkspaceRow } from './workspaceRows'

const { account, markets } = workspaceBook
const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), positionContributions({ account, markets, params: defaultRiskParams }))

describe('sortPositionRows', () => {
  it('every column, both directions: ordered, nulls last, ties in book order, nothing lost', () => {
    for (const column of positionColumns) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sorted = sortPositionRows(rows, { column: column.id, direction })
        expect(new Set(sorted)).toEqual(new Set(rows))
        for (let i = 1; i < sorted.length; i++) {
          const a = column.sortValue(sorted[i - 1]!)
          const b = column.sortValue(sorted[i]!)
          if (b === null) continue
          expect(a, `${column.id} ${direction}: a missing figure sorts last`).not.toBeNull()
          const order = typeof a === 'number' && typeof b === 'number' ? Math.sign(a - b) : Math.sign(String(a).localeCompare(String(b)))
          if (order === 0) expect(rows.indexOf(sorted[i - 1]!)).toBeLessThan(rows.indexOf(sorted[i]!))
          else expect(order).toBe(direction === 'ascending' ? -1 : 1)
        }
      }
    }
  })

  it('by MM contribution, descending: the position that drives the margin first; hedges (negative) last', () => {
    const sorted = sortPositionRows(rows, { column: 'mmContribution', direction: 'descending' })
    const values = sorted.map((r) => r.mmContribution!)
    expect(values).toEqual([...values].sort((x, y) => y - x))
    expect(values.at(-1)!).toBeLessThan(0) // the long BTC put offsets the long BTC perp's down move
  })

  it('ties keep the book order (a tick never reshuffles equal rows)', () => {
    const tied: WorkspaceRow[] = rows.map((r) => ({ ...r, market: 'BTC' }))
    expect(sortPositionRows(tied, { column: 'market', direction: 'descending' }).map((r) => r.key)).toEqual(rows.map((r) => r.key))
  })

  it('no sort: the book order, as a copy', () => {
    const same = sortPositionRows(rows, null)
    expect(same).toEqual(rows)
    expect(same).not.toBe(rows)
  })
})
