/**
 * Structural sharing for the engine store: `next` with every part that is deeply equal to the
 * same part of `previous` replaced by that previous part, or `previous` itself when nothing
 * differs. A snapshot arrives from the worker as a fresh structured clone, so without this every
 * selector (`state.chain`, `state.markets.BTC`, an account's positions) returns a new object on
 * every tick and every component reading one re-renders, whether its figures moved or not.
 *
 * Compares plain objects and arrays key by key and everything else with `Object.is` (so a `NaN`
 * equals a `NaN`); any other object (a Map, a Date) counts as changed unless it is the same one.
 * `next` is updated in place (it is the caller's own fresh copy), so sharing allocates nothing.
 *
 * @example
 * const shared = shareUnchanged(state.chain, snapshot.chain) // state.chain when the block is the same
 */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  return share(previous, next) as T
}

function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous
  if (!isPlain(previous) || !isPlain(next) || Array.isArray(previous) !== Array.isArray(next)) return next
  const before = previous as Record<string, unknown>
  const after = next as Record<string, unknown>
  const keys = Object.keys(after)
  let same = keys.length === Object.keys(before).length
  for (const key of keys) {
    const kept = share(before[key], after[key])
    if (!Object.is(kept, after[key])) after[key] = kept
    if (same && (!Object.is(kept, before[key]) || !Object.hasOwn(before, key))) same = false
  }
  return same ? previous : next
}

function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return true
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
