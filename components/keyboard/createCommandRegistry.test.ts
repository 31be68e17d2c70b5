import { describe, expect, it } from 'vitest'
import { createCommandRegistry, type Command } from './createCommandRegistry'

const command = (id: string, title = id): Command => ({ id, title, group: 'Test', run: () => {} })

describe('createCommandRegistry', () => {
  it('lists commands while registered, in registration order, and drops them on unregister', () => {
    const registry = createCommandRegistry()
    const offPage = registry.getState().register([command('a'), command('b')])
    const offPanel = registry.getState().register([command('c')])
    expect(registry.getState().commands.map((entry) => entry.id)).toEqual(['a', 'b', 'c'])
    offPage()
    expect(registry.getState().commands.map((entry) => entry.id)).toEqual(['c'])
    offPage() // twice is harmless
    offPanel()
    expect(registry.getState().commands).toEqual([])
  })

  it('the first registration of an id wins, and the next one shows once the first goes away', () => {
    const registry = createCommandRegistry()
    const offFirst = registry.getState().register([command('x', 'first')])
    registry.getState().register([command('x', 'second')])
    expect(registry.getState().commands.map((entry) => entry.title)).toEqual(['first'])
    offFirst()
    expect(registry.getState().commands.map((entry) => entry.title)).toEqual(['second'])
  })

  it('notifies subscribers on every change', () => {
    const registry = createCommandRegistry()
    const seen: number[] = []
    registry.subscribe((state) => seen.push(state.commands.length))
    const off = registry.getState().register([command('a')])
    off()
    expect(seen).toEqual([1, 0])
  })
})
