import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Shortcut } from './parseShortcut'

/** Asks for one line of text inside the palette (e.g. an address), then acts on it. */
export type CommandPrompt = {
  /** The input's label and placeholder, e.g. "Address to watch" / "0x…". */
  label: string
  placeholder: string
  /** Acts on the text, or returns why it cannot (shown under the input; the palette stays open). */
  submit: (input: string) => string | null
}

/**
 * Something the trader can do from the keyboard: a title in their words, a group for the list,
 * an optional shortcut, and either an action (`run`) or a `prompt` the palette shows first.
 */
export type Command = {
  /** Unique among the registered commands; a later registration with the same id replaces nothing (first wins). */
  id: string
  title: string
  group: string
  shortcut?: Shortcut
  /** More words the palette matches on (an address, a synonym). */
  keywords?: readonly string[]
  /** Checked when the palette opens and before a shortcut fires: false hides the command (its panel is not on the page). */
  available?: () => boolean
} & ({ run: () => void; prompt?: undefined } | { prompt: CommandPrompt; run?: undefined })

export type CommandRegistryState = {
  /** Every registered command, in registration order (first id wins on duplicates). */
  commands: Command[]
  /** Adds commands until the returned function is called. */
  register: (commands: readonly Command[]) => () => void
}

export type CommandRegistry = StoreApi<CommandRegistryState>

/**
 * The commands pages and panels offer while they are mounted (`useCommands`), for the palette,
 * the shortcut list and the key handler. A vanilla zustand store: one per `KeyboardProvider`.
 *
 * @example
 * const registry = createCommandRegistry()
 * const unregister = registry.getState().register([{ id: 'go-trade', title: 'Go to Trade', group: 'Navigation', run }])
 */
export function createCommandRegistry(): CommandRegistry {
  const owners: (readonly Command[])[] = []
  return createStore<CommandRegistryState>()((set) => {
    const publish = () => {
      const seen = new Set<string>()
      const commands: Command[] = []
      for (const command of owners.flat()) {
        if (seen.has(command.id)) continue
        seen.add(command.id)
        commands.push(command)
      }
      set({ commands })
    }
    return {
      commands: [],
      register: (commands) => {
        const entry = [...commands]
        owners.push(entry)
        publish()
        return () => {
          const at = owners.indexOf(entry)
          if (at >= 0) owners.splice(at, 1)
          publish()
        }
      },
    }
  })
}
