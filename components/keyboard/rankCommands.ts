/** What the palette searches in a command. */
export type Searchable = { title: string; group: string; keywords?: readonly string[] }

/** How well one query word fits one text, 0 = not at all (higher is better). */
function wordScore(word: string, text: string): number {
  const lower = text.toLowerCase()
  if (lower.startsWith(word)) return 100
  if (new RegExp(`(^|[^a-z0-9])${escapeRegExp(word)}`).test(lower)) return 80
  if (lower.includes(word)) return 60 - Math.min(20, lower.indexOf(word))
  return subsequenceScore(word, lower)
}

/**
 * The letters of `word` in order inside `text` (`ptfl` in "portfolio"): 1…40, fewer and shorter
 * gaps score higher, a match starting at a word's first letter a little more. 0 when absent.
 */
function subsequenceScore(word: string, text: string): number {
  let at = -1
  let gaps = 0
  let first = -1
  for (const letter of word) {
    const next = text.indexOf(letter, at + 1)
    if (next < 0) return 0
    if (first < 0) first = next
    else gaps += next - at - 1
    at = next
  }
  const atWordStart = first === 0 || /[^a-z0-9]/.test(text[first - 1] ?? '') ? 5 : 0
  return Math.max(1, 35 - 2 * gaps) + atWordStart
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The fields searched, with how much a hit in each counts: the title most, then keywords, then the group. */
const fieldWeights = [
  ['title', 1],
  ['keywords', 0.8],
  ['group', 0.6],
] as const

/**
 * The palette's matching and ranking: the commands whose title, keywords or group contain every
 * word of the query — as a prefix (best), at a word start, anywhere, or as letters in order
 * ("fuzzy", weakest) — best first. A word's score is its best fit over the fields, weighted
 * title 1, keywords 0.8, group 0.6; a command's score is the sum over the query's words. Ties keep
 * the given order (registration order), so an empty query lists every command as registered.
 *
 * @example
 * rankCommands([{ title: 'Go to Trade', group: 'Navigation' }, { title: 'Go to Portfolio', group: 'Navigation' }], 'portf')
 * // [{ title: 'Go to Portfolio', … }]
 */
export function rankCommands<T extends Searchable>(commands: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '')
  if (words.length === 0) return [...commands]
  const scored: { command: T; score: number; index: number }[] = []
  commands.forEach((command, index) => {
    let score = 0
    for (const word of words) {
      let best = 0
      for (const [field, weight] of fieldWeights) {
        const texts = field === 'keywords' ? (command.keywords ?? []) : [command[field]]
        for (const text of texts) best = Math.max(best, weight * wordScore(word, text))
      }
      if (best === 0) return
      score += best
    }
    scored.push({ command, score, index })
  })
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map(({ command }) => command)
}
