import { describe, expect, it } from 'vitest'
import { rankCommands, type Searchable } from './rankCommands'

const commands: Searchable[] = [
  { title: 'Go to Trade', group: 'Navigation' },
  { title: 'Go to Portfolio', group: 'Navigation' },
  { title: 'Show keyboard shortcuts', group: 'Help' },
  { title: 'Open command palette', group: 'Help' },
  { title: 'Watch an address…', group: 'Accounts', keywords: ['read only', 'spy'] },
  { title: 'Filter positions', group: 'Portfolio' },
  { title: 'Export positions CSV', group: 'Portfolio', keywords: ['download', 'spreadsheet'] },
  { title: 'Jump to scenarios', group: 'Portfolio' },
  { title: 'Switch account → Power user · 0x15d3…6A65', group: 'Accounts', keywords: ['0x15d34aaf54267db7d7c367839aaf71a00a2c6a65'] },
]
const titles = (query: string) => rankCommands(commands, query).map((command) => command.title)

describe('rankCommands', () => {
  it('an empty query lists every command in registration order', () => {
    expect(titles('')).toEqual(commands.map((command) => command.title))
    expect(titles('   ')).toEqual(commands.map((command) => command.title))
  })

  it('a title word prefix beats a group hit and a fuzzy hit', () => {
    // "portf" is a word start in "Go to Portfolio", only the group of the Portfolio commands.
    expect(titles('portf')[0]).toBe('Go to Portfolio')
    expect(titles('portf')).toEqual(['Go to Portfolio', 'Filter positions', 'Export positions CSV', 'Jump to scenarios'])
    expect(titles('export')[0]).toBe('Export positions CSV')
  })

  it('every word of the query must match somewhere; order of words does not matter', () => {
    expect(titles('go trade')).toEqual(['Go to Trade'])
    expect(titles('trade go')).toEqual(['Go to Trade'])
    expect(titles('positions csv')).toEqual(['Export positions CSV'])
    expect(titles('zzz')).toEqual([])
    expect(titles('go zzz')).toEqual([])
  })

  it('matches letters in order (fuzzy), keywords, and is case-insensitive', () => {
    expect(titles('kbd shrt')).toEqual(['Show keyboard shortcuts'])
    expect(titles('SHORTCUTS')).toEqual(['Show keyboard shortcuts'])
    expect(titles('download')).toEqual(['Export positions CSV'])
    expect(titles('0x15d34aaf')).toEqual(['Switch account → Power user · 0x15d3…6A65'])
  })

  it('a prefix ranks above a word start, which ranks above a substring', () => {
    const ranked = rankCommands(
      [
        { title: 'Unscenario', group: 'x' },
        { title: 'Jump to scenarios', group: 'x' },
        { title: 'Scenarios', group: 'x' },
      ],
      'scen',
    ).map((command) => command.title)
    expect(ranked).toEqual(['Scenarios', 'Jump to scenarios', 'Unscenario'])
  })

  it('regex characters in the query are plain text', () => {
    expect(titles('address…')).toEqual(['Watch an address…'])
    expect(() => titles('(')).not.toThrow()
    expect(() => titles('[')).not.toThrow()
  })
})
