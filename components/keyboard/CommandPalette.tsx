'use client'

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react'
import type { Command } from './createCommandRegistry'
import { ModalFrame } from './ModalFrame'
import { orderByGroup } from './orderByGroup'
import { rankCommands } from './rankCommands'
import { ShortcutKeys } from './ShortcutKeys'

export type CommandPaletteProps = {
  /** Every registered command; those whose `available()` is false are left out. */
  commands: readonly Command[]
  mac: boolean
  /** Open straight at this prompt command (its shortcut was pressed). */
  promptId?: string
  onClose: () => void
  /** Runs a command once the palette has closed (so focus lands where the command puts it). */
  onRun: (command: Command) => void
}

/**
 * The command palette (Ctrl-K / ⌘K): a modal dialog with a combobox that filters the registered
 * commands as the trader types (ranked by `rankCommands`: title, keywords, group; prefix, word
 * start, substring, then letters in order), ↑/↓ (and Home/End) to move, Enter or a click to run,
 * Escape to close. Each command shows its group and shortcut. A command with a `prompt` (Watch an
 * address…) turns the input into that prompt; what it refuses is said under the input.
 */
export function CommandPalette({ commands, mac, promptId, onClose, onRun }: CommandPaletteProps) {
  const baseId = useId()
  const titleId = `${baseId}-title`
  const listId = `${baseId}-list`
  const errorId = `${baseId}-error`
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [prompt, setPrompt] = useState<Command | null>(() => commands.find((command) => command.id === promptId && command.prompt !== undefined) ?? null)
  const [error, setError] = useState<string | null>(null)

  const available = useMemo(() => commands.filter((command) => command.available?.() ?? true), [commands])
  const grouped = useMemo(() => (query.trim() === '' ? orderByGroup(available) : null), [available, query])
  const results = useMemo(() => (grouped !== null ? grouped.flatMap((group) => group.commands) : rankCommands(available, query)), [grouped, available, query])
  const activeIndex = Math.min(active, Math.max(0, results.length - 1))
  const optionId = (index: number) => `${baseId}-option-${index}`

  useEffect(() => {
    if (prompt === null) document.getElementById(`${baseId}-option-${activeIndex}`)?.scrollIntoView({ block: 'nearest' })
  }, [baseId, activeIndex, prompt])

  const choose = (command: Command | undefined) => {
    if (command === undefined) return
    if (command.prompt !== undefined) {
      setPrompt(command)
      setQuery('')
      setError(null)
      return
    }
    onRun(command)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (prompt?.prompt !== undefined) {
      if (event.key !== 'Enter') return
      event.preventDefault()
      const refusal = prompt.prompt.submit(query)
      if (refusal === null) onClose()
      else setError(refusal)
      return
    }
    const moves: Record<string, () => number> = {
      ArrowDown: () => (activeIndex + 1) % Math.max(1, results.length),
      ArrowUp: () => (activeIndex - 1 + results.length) % Math.max(1, results.length),
      Home: () => 0,
      End: () => results.length - 1,
    }
    if (event.key === 'Enter') {
      event.preventDefault()
      choose(results[activeIndex])
      return
    }
    const move = moves[event.key]
    if (move === undefined || results.length === 0) return
    event.preventDefault()
    setActive(move())
  }

  const option = (command: Command, index: number) => (
    <div
      key={command.id}
      id={optionId(index)}
      role="option"
      aria-selected={index === activeIndex}
      data-command-id={command.id}
      onMouseMove={() => index !== activeIndex && setActive(index)}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => choose(command)}
      className={`flex cursor-pointer items-center gap-3 rounded px-3 py-2 text-sm ${index === activeIndex ? 'bg-edge text-white' : 'text-inherit'}`}
    >
      <span className="flex-1 truncate">{command.title}</span>
      {grouped === null ? <span className="text-xs text-muted">{command.group}</span> : null}
      {command.shortcut !== undefined ? <ShortcutKeys shortcut={command.shortcut} mac={mac} /> : null}
    </div>
  )

  let index = 0
  return (
    <ModalFrame labelledBy={titleId} onClose={onClose} testId="command-palette">
      <h2 id={titleId} className="sr-only">
        Command palette
      </h2>
      <div className="border-b border-edge p-3">
        {prompt !== null ? <p className="mb-2 text-xs uppercase tracking-wide text-muted">{prompt.title}</p> : null}
        <input
          data-autofocus
          role={prompt === null ? 'combobox' : undefined}
          aria-expanded={prompt === null ? results.length > 0 : undefined}
          aria-controls={prompt === null ? listId : undefined}
          aria-autocomplete={prompt === null ? 'list' : undefined}
          aria-activedescendant={prompt === null && results.length > 0 ? optionId(activeIndex) : undefined}
          aria-label={prompt?.prompt?.label ?? 'Search commands'}
          aria-invalid={error !== null || undefined}
          aria-describedby={error !== null ? errorId : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setActive(0)
            setError(null)
          }}
          onKeyDown={onKeyDown}
          placeholder={prompt?.prompt?.placeholder ?? 'Type a command…'}
          spellCheck={false}
          autoComplete="off"
          className={`w-full rounded border bg-surface px-3 py-2 text-sm focus:border-accent focus:outline-none ${prompt !== null ? 'font-mono' : ''} ${error !== null ? 'border-danger' : 'border-edge'}`}
        />
        {error !== null ? (
          <p id={errorId} role="alert" className="mt-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
      </div>
      {prompt === null ? (
        <div id={listId} role="listbox" aria-label="Commands" className="min-h-0 flex-1 overflow-y-auto p-1">
          {results.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted">No command matches “{query.trim()}”.</p>
          ) : grouped !== null ? (
            grouped.map(({ group, commands: members }) => (
              <div key={group} role="group" aria-labelledby={`${baseId}-group-${group}`}>
                <p id={`${baseId}-group-${group}`} role="presentation" className="px-3 pb-1 pt-2 text-xs uppercase tracking-wide text-muted">
                  {group}
                </p>
                {members.map((command) => option(command, index++))}
              </div>
            ))
          ) : (
            results.map((command, i) => option(command, i))
          )}
        </div>
      ) : null}
      <p className="border-t border-edge px-3 py-2 text-xs text-muted">
        {prompt === null ? '↑ ↓ to move · Enter to run · Esc to close' : 'Enter to confirm · Esc to close'}
      </p>
    </ModalFrame>
  )
}
