import { describe, expect, it } from 'vitest'
import { orderByGroup } from './orderByGroup'

describe('orderByGroup', () => {
  it('puts the known groups in their fixed order, others after alphabetically, keeping order within a group', () => {
    const grouped = orderByGroup([
      { group: 'Help', id: 'help' },
      { group: 'Zeta', id: 'z' },
      { group: 'Accounts', id: 'a1' },
      { group: 'Navigation', id: 'nav' },
      { group: 'Alpha', id: 'x' },
      { group: 'Accounts', id: 'a2' },
      { group: 'Portfolio', id: 'p' },
    ])
    expect(grouped.map(({ group, commands }) => [group, commands.map((command) => command.id)])).toEqual([
      ['Navigation', ['nav']],
      ['Portfolio', ['p']],
      ['Accounts', ['a1', 'a2']],
      ['Help', ['help']],
      ['Alpha', ['x']],
      ['Zeta', ['z']],
    ])
    expect(orderByGroup([])).toEqual([])
  })
})
