'use client'

import { useId, useMemo } from 'react'
import type { Command } from './createCommandRegistry'
import { ModalFrame } from './ModalFrame'
import { orderByGroup } from './orderByGroup'
import { parseShortcut } from './parseShortcut'
import { ShortcutKeys } from './ShortcutKeys'
import { shortcutText } from './shortcutText'

/** Keys that work inside the palette and the dialogs: not commands, but worth knowing. */
const dialogKeys = [
  { title: 'Previous command', shortcut: [{ key: '↑', mod: false }] },
  { title: 'Next command', shortcut: [{ key: '↓', mod: false }] },
  { title: 'Run the chosen command', shortcut: parseShortcut('enter') },
  { title: 'Close a dialog', shortcut: parseShortcut('escape') },
]

/**
 * The keyboard shortcut list (`?`): every registered command that has a shortcut and is
 * available on this page, grouped as in the palette, plus the keys inside the palette.
 */
export function ShortcutsDialog({ commands, mac, onClose }: { commands: readonly Command[]; mac: boolean; onClose: () => void }) {
  const titleId = useId()
  const groups = useMemo(() => orderByGroup(commands.filter((command) => command.shortcut !== undefined && (command.available?.() ?? true))), [commands])
  return (
    <ModalFrame labelledBy={titleId} onClose={onClose} testId="shortcuts-dialog">
      <div className="flex items-center border-b border-edge px-4 py-3">
        <h2 id={titleId} className="flex-1 text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <button type="button" data-autofocus onClick={onClose} className="rounded border border-edge px-2 py-0.5 text-sm text-muted hover:text-inherit focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent">
          Close
        </button>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3">
        {[...groups, { group: 'In the command palette', commands: dialogKeys }].map(({ group, commands: members }) => (
          <section key={group} aria-label={group}>
            <h3 className="mb-1 text-xs uppercase tracking-wide text-muted">{group}</h3>
            <dl className="divide-y divide-edge/60">
              {members.map((command) => (
                <div key={command.title} className="flex items-center gap-3 py-1.5 text-sm">
                  <dt className="flex-1">{command.title}</dt>
                  <dd>{command.shortcut !== undefined ? <ShortcutKeys shortcut={command.shortcut} mac={mac} /> : null}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="text-xs text-muted">Single-key shortcuts do nothing while you type in a field; {shortcutText(parseShortcut('mod+k'), { mac })} and Esc always work.</p>
      </div>
    </ModalFrame>
  )
}
