/** Groups in the order the palette and the shortcut list show them; others follow, alphabetically. */
const groupOrder = ['Navigation', 'Portfolio', 'Accounts', 'Help']

/**
 * Commands grouped for display: the known groups first in a fixed order (so the list does not
 * reshuffle as panels mount and unmount), then any other group alphabetically; within a group,
 * the given (registration) order.
 *
 * @example
 * orderByGroup([{ group: 'Help', … }, { group: 'Navigation', … }]) // [{ group: 'Navigation', … }, { group: 'Help', … }]
 */
export function orderByGroup<T extends { group: string }>(commands: readonly T[]): { group: string; commands: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const command of commands) groups.set(command.group, [...(groups.get(command.group) ?? []), command])
  const rank = (group: string) => {
    const at = groupOrder.indexOf(group)
    return at < 0 ? groupOrder.length : at
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([group, members]) => ({ group, commands: members }))
}
