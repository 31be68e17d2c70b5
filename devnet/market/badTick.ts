import { InvalidInputError } from '../../lib/core/errors'
import { assertOneOf } from '../../lib/core/validate'
import type { PublishedPriceUpdate } from '../hermes/createHermesServer'

/**
 * Faults a demo can put on a price feed, each aimed at one oracle guard (DESIGN.md §4.6):
 * `zero` and `negative` are rejected (`nonPositivePrice`), `jump` is held as `jumped`,
 * `wide-confidence` is `uncertain`, `out-of-order` is rejected (`notNewer`).
 */
export type BadTickKind = 'zero' | 'negative' | 'jump' | 'wide-confidence' | 'out-of-order'

/** Every {@link BadTickKind}, for validation and for demo controls to list. */
export const badTickKinds: readonly BadTickKind[] = ['zero', 'negative', 'jump', 'wide-confidence', 'out-of-order']

export type BadTickParameters = {
  /** The feed's normal update for this tick (price > 0). */
  update: PublishedPriceUpdate
  kind: BadTickKind
  /** The feed's previous publish time, unix seconds: an `out-of-order` update is dated 5 s before it. */
  previousPublishTime: number
}
/** The malformed update, published instead of `update`. */
export type BadTickReturnType = PublishedPriceUpdate
export type BadTickErrorType = InvalidInputError

/**
 * Turns a feed's normal update into one bad update; every field not named here is kept:
 *
 * | kind              | change                                                                |
 * | ----------------- | --------------------------------------------------------------------- |
 * | `zero`            | price = 0                                                             |
 * | `negative`        | price = −price                                                        |
 * | `jump`            | price = ⌊1.3 × price⌋: 30 %, three times the 10 % jump guard            |
 * | `wide-confidence` | conf = ⌊price / 10⌋: 10 % of price, five times the 2 % uncertainty bar |
 * | `out-of-order`    | publishTime = previousPublishTime − 5, a plausible (the true) price    |
 *
 * The true simulated price is untouched: the next normal update continues the path.
 *
 * @example
 * badTick({ update, kind: 'jump', previousPublishTime: update.prevPublishTime ?? 0 }).price // update.price × 1.3
 */
export function badTick({ update, kind, previousPublishTime }: BadTickParameters): BadTickReturnType {
  assertOneOf('kind', kind, badTickKinds)
  if (typeof update !== 'object' || update === null || typeof update.price !== 'bigint' || update.price <= 0n)
    throw new InvalidInputError('update', update, 'a normal price update with a positive price')
  if (!Number.isSafeInteger(previousPublishTime) || previousPublishTime < 6)
    throw new InvalidInputError('previousPublishTime', previousPublishTime, 'a unix time in seconds, after 1970-01-01T00:00:05Z')
  switch (kind) {
    case 'zero':
      return { ...update, price: 0n }
    case 'negative':
      return { ...update, price: -update.price }
    case 'jump':
      return { ...update, price: (update.price * 13n) / 10n }
    case 'wide-confidence':
      return { ...update, conf: update.price / 10n }
    case 'out-of-order':
      return { ...update, publishTime: previousPublishTime - 5 }
  }
}
