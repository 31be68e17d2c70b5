'use client'

import { useMemo } from 'react'
import type { Command } from '@/components/keyboard/createCommandRegistry'
import { findSection } from '@/components/keyboard/findSection'
import { jumpToSection } from '@/components/keyboard/jumpToSection'
import { parseShortcut } from '@/components/keyboard/parseShortcut'
import { useCommands } from '@/components/keyboard/useCommands'
import { focusPositionsFilter, positionsFilterId } from '@/components/portfolio/positions/focusPositionsFilter'

/** The /portfolio sections a command can jump to: the command's words and the section's `aria-label`. */
const sections = [
  ['scenarios', 'Scenario heatmap', ['heatmap', 'stress']],
  ['liquidation picture', 'Liquidation picture', ['liquidation prices']],
  ['options ticket', 'Options ticket', ['buy', 'sell', 'option chain']],
  ['history', 'History', ['equity', 'chart', 'over time']],
] as const

/**
 * The portfolio page's commands (issue 9), registered from the dashboard's header and acting on
 * the ids and section labels the panels expose: "Filter positions" (`/`, focuses
 * `#positions-filter`), "Export positions CSV" (clicks `#positions-export`) and "Jump to …" for
 * the scenario heatmap, liquidation picture, options ticket and history. Each is offered only
 * while its target is on the page (a book still loading has none).
 */
export function usePortfolioCommands(): void {
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'portfolio-filter-positions',
        title: 'Filter positions',
        group: 'Portfolio',
        shortcut: parseShortcut('/'),
        keywords: ['search', 'find position'],
        available: () => document.getElementById(positionsFilterId) !== null,
        run: () => void focusPositionsFilter(),
      },
      {
        id: 'portfolio-export-positions',
        title: 'Export positions CSV',
        group: 'Portfolio',
        keywords: ['download', 'spreadsheet'],
        available: () => document.getElementById('positions-export') !== null,
        run: () => document.getElementById('positions-export')?.click(),
      },
      ...sections.map(([words, label, keywords]): Command => ({
        id: `portfolio-jump-${label.toLowerCase().replaceAll(' ', '-')}`,
        title: `Jump to ${words}`,
        group: 'Portfolio',
        keywords,
        available: () => findSection(label) !== null,
        run: () => void jumpToSection(label),
      })),
    ],
    [],
  )
  useCommands(commands)
}
