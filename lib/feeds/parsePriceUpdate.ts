import { normalizeFeedId } from './priceFeeds'
import { pythValueToNumber } from './pythValueToNumber'
import type { HermesPriceUpdate, MalformedPriceUpdate, PythPrice } from './types'

export type ParsePriceUpdateParameters = {
  /** One element of a Hermes v2 `parsed[]` array, straight from `JSON.parse` (untrusted). */
  entry: unknown
  /** Path of the entry for error messages, e.g. `parsed[2]`; `entry` when omitted. */
  path?: string
}

export type ParsePriceUpdateReturnType =
  | { ok: true; update: HermesPriceUpdate }
  | { ok: false; error: MalformedPriceUpdate }

/**
 * Reads one entry of a Hermes v2 price update (`GET /v2/updates/price/latest`, the `data:` of
 * `GET /v2/updates/price/stream`), strictly, in the documented format (Hermes's OpenAPI
 * `ParsedPriceUpdate`, pyth-crosschain apps/hermes/server/src/api/types.rs):
 *
 * ```
 * { "id": "<64 hex>",
 *   "price":     { "price": "<int64>", "conf": "<uint64>", "expo": <int32>, "publish_time": <int> },
 *   "ema_price": { same shape },
 *   "metadata":  { "slot"?: <int>|null, "proof_available_time"?: <int>|null, "prev_publish_time"?: <int>|null } }
 * ```
 *
 * - `price` and `conf` must be decimal integer strings (no sign on `conf`, no leading zeros,
 *   no `+`, no `-0`, no fraction or exponent) within int64 / uint64, and are kept as `bigint`.
 * - `expo` and `publish_time` must be JSON integers (int32; a safe integer).
 * - The USD numbers in `update` and `ema` are converted once, correctly rounded
 *   (`pythValueToNumber`): relative error ≤ 2^−53. A value whose conversion would overflow or
 *   underflow is malformed.
 * - Unknown extra fields are ignored (Hermes may add fields); missing or mistyped known ones are
 *   not.
 *
 * Never throws and never produces NaN: anything else is a typed rejection naming the field.
 * Semantics are not judged here: a zero or negative price, an old or future publish time are
 * well-formed and left to `guardPriceUpdate`.
 *
 * @example
 * parsePriceUpdate({ entry: {
 *   id: 'e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43',
 *   price: { price: '6543210987654', conf: '2345678900', expo: -8, publish_time: 1_700_000_000 },
 *   ema_price: { price: '6540000000000', conf: '2400000000', expo: -8, publish_time: 1_700_000_000 },
 *   metadata: { slot: 1, proof_available_time: 1_700_000_001, prev_publish_time: 1_699_999_999 },
 * } })
 * // { ok: true, update: { id: '0xe62d…5b43', update: { price: 65432.10987654, conf: 23.456789, publishTime: 1_700_000_000 }, … } }
 */
export function parsePriceUpdate({ entry, path = 'entry' }: ParsePriceUpdateParameters): ParsePriceUpdateReturnType {
  const malformed = (field: string, expectation: string, id?: HermesPriceUpdate['id']): ParsePriceUpdateReturnType => ({
    ok: false,
    error: id === undefined ? { reason: 'malformed', field, expectation } : { reason: 'malformed', field, expectation, id },
  })

  if (!isRecord(entry)) return malformed(path, 'an object')
  const id = normalizeFeedId(entry.id)
  if (id === undefined) return malformed(`${path}.id`, 'a 32-byte hex feed id')

  const price = readPrice(entry.price, `${path}.price`)
  if ('field' in price) return malformed(price.field, price.expectation, id)
  const emaPrice = readPrice(entry.ema_price, `${path}.ema_price`)
  if ('field' in emaPrice) return malformed(emaPrice.field, emaPrice.expectation, id)

  const metadata = entry.metadata
  if (!isRecord(metadata)) return malformed(`${path}.metadata`, 'an object', id)
  const slot = readOptionalInteger(metadata.slot)
  if (slot === false || (slot !== null && slot < 0)) return malformed(`${path}.metadata.slot`, 'a non-negative integer or null', id)
  const proofAvailableTime = readOptionalInteger(metadata.proof_available_time)
  if (proofAvailableTime === false) return malformed(`${path}.metadata.proof_available_time`, 'an integer or null', id)
  const prevPublishTime = readOptionalInteger(metadata.prev_publish_time)
  if (prevPublishTime === false) return malformed(`${path}.metadata.prev_publish_time`, 'an integer or null', id)

  const value = pythValueToNumber({ value: price.price, expo: price.expo })
  const conf = pythValueToNumber({ value: price.conf, expo: price.expo })
  if (value === undefined) return malformed(`${path}.price.price`, rangeExpectation, id)
  if (conf === undefined) return malformed(`${path}.price.conf`, rangeExpectation, id)
  const emaValue = pythValueToNumber({ value: emaPrice.price, expo: emaPrice.expo })
  const emaConf = pythValueToNumber({ value: emaPrice.conf, expo: emaPrice.expo })
  if (emaValue === undefined) return malformed(`${path}.ema_price.price`, rangeExpectation, id)
  if (emaConf === undefined) return malformed(`${path}.ema_price.conf`, rangeExpectation, id)

  return {
    ok: true,
    update: {
      id,
      price,
      emaPrice,
      metadata: { slot, proofAvailableTime, prevPublishTime },
      update: { price: value, conf, publishTime: price.publishTime },
      ema: { price: emaValue, conf: emaConf },
    },
  }
}

const rangeExpectation = 'a value that is a finite, normal number once scaled by 10^expo'

const int64Min = -(2n ** 63n)
const int64Max = 2n ** 63n - 1n
const uint64Max = 2n ** 64n - 1n
const int32Min = -(2 ** 31)
const int32Max = 2 ** 31 - 1

/** Reads a Pyth price object; says which field is wrong instead when it is malformed. */
function readPrice(raw: unknown, path: string): PythPrice | { field: string; expectation: string } {
  if (!isRecord(raw)) return { field: path, expectation: 'a price object { price, conf, expo, publish_time }' }
  const price = readInteger(raw.price, true)
  if (price === undefined || price < int64Min || price > int64Max)
    return { field: `${path}.price`, expectation: 'a signed 64-bit integer as a decimal string' }
  const conf = readInteger(raw.conf, false)
  if (conf === undefined || conf > uint64Max)
    return { field: `${path}.conf`, expectation: 'an unsigned 64-bit integer as a decimal string' }
  const expo = raw.expo
  if (typeof expo !== 'number' || !Number.isInteger(expo) || expo < int32Min || expo > int32Max)
    return { field: `${path}.expo`, expectation: 'a 32-bit integer' }
  const publishTime = raw.publish_time
  if (typeof publishTime !== 'number' || !Number.isSafeInteger(publishTime))
    return { field: `${path}.publish_time`, expectation: 'an integer (unix seconds)' }
  return { price, conf, expo, publishTime }
}

/** Canonical decimal integers only: what Rust's `to_string` of an i64 / u64 produces. */
function readInteger(raw: unknown, signed: boolean): bigint | undefined {
  if (typeof raw !== 'string') return undefined
  if (!(signed ? /^(0|-?[1-9][0-9]*)$/ : /^(0|[1-9][0-9]*)$/).test(raw) || raw.length > 21) return undefined
  return BigInt(raw)
}

/** An integer, `null` for absent or null, `false` for anything else. */
function readOptionalInteger(raw: unknown): number | null | false {
  if (raw === undefined || raw === null) return null
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return false
  return raw
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
