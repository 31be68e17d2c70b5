/**
 * Every key of one account in the samples store (`[address, time]`), optionally from `since`
 * (wall-clock ms, inclusive): arrays compare element by element, so `[address, -Infinity]` …
 * `[address, Infinity]` holds exactly that account's samples, in time order.
 */
export function accountKeyRange(address: string, since = Number.NEGATIVE_INFINITY): IDBKeyRange {
  return IDBKeyRange.bound([address.toLowerCase(), since], [address.toLowerCase(), Number.POSITIVE_INFINITY])
}
