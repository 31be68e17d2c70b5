import { normalizeFeedId, type FeedId } from '../../lib/feeds/priceFeeds'

/** The query options of Hermes v2's update routes, with Hermes's defaults applied. */
export type HermesQuery = {
  /** The requested feeds that exist, in request order, without repeats. */
  ids: FeedId[]
  /** `hex` (default) or `base64` for `binary.data`. */
  encoding: 'hex' | 'base64'
  /** Include `parsed[]` (default true, as in Hermes's server). */
  parsed: boolean
  /** Stream: also send updates older than the feed's latest (default false). */
  allowUnordered: boolean
  /** Stream: only entries whose `prev_publish_time` differs from `publish_time` (default false). */
  benchmarksOnly: boolean
}

export type ParseHermesQueryParameters = {
  search: URLSearchParams
  /** Feeds this server knows. */
  knownIds: ReadonlySet<FeedId>
}

export type ParseHermesQueryReturnType = { ok: true; query: HermesQuery } | { ok: false; status: 400 | 404; message: string }

/**
 * Reads the query of `GET /v2/updates/price/stream` and `/latest` the way Hermes does
 * (pyth-crosschain apps/hermes/server/src/api/rest/v2/sse.rs and latest_price_updates.rs, with
 * serde_qs): `ids[]` repeated, each 32 bytes of hex with or without `0x`, any case; booleans
 * exactly `true` / `false`; `encoding` `hex` or `base64`; unknown keys ignored.
 *
 * Errors as Hermes answers them: a malformed query is a 400 "Failed to deserialize query
 * string: …"; well-formed ids that do not exist are a 404 "Price ids not found: 0x…, 0x…"
 * (rest.rs `RestError::PriceIdsNotFound`) unless `ignore_invalid_price_ids=true`, which drops them.
 *
 * @example
 * parseHermesQuery({ search: new URL('http://x/?ids[]=e62d…5b43&parsed=false').searchParams, knownIds })
 * // { ok: true, query: { ids: ['0xe62d…5b43'], encoding: 'hex', parsed: false, allowUnordered: false, benchmarksOnly: false } }
 */
export function parseHermesQuery({ search, knownIds }: ParseHermesQueryParameters): ParseHermesQueryReturnType {
  const badRequest = (detail: string): ParseHermesQueryReturnType => ({ ok: false, status: 400, message: `Failed to deserialize query string: ${detail}` })

  const rawIds = search.getAll('ids[]')
  if (rawIds.length === 0) return badRequest('missing field `ids[]`')
  const ids: FeedId[] = []
  for (const raw of rawIds) {
    const id = normalizeFeedId(raw)
    if (id === undefined) return badRequest(`ids[]: invalid price id ${JSON.stringify(raw)}: expected 32 bytes of hex, optionally prefixed with 0x`)
    if (!ids.includes(id)) ids.push(id)
  }

  const encoding = search.get('encoding') ?? 'hex'
  if (encoding !== 'hex' && encoding !== 'base64') return badRequest(`encoding: unknown variant \`${encoding}\`, expected \`hex\` or \`base64\``)
  const flags: Record<string, boolean> = {}
  for (const [name, fallback] of [
    ['parsed', true],
    ['allow_unordered', false],
    ['benchmarks_only', false],
    ['ignore_invalid_price_ids', false],
  ] as const) {
    const raw = search.get(name)
    if (raw === null) flags[name] = fallback
    else if (raw === 'true' || raw === 'false') flags[name] = raw === 'true'
    else return badRequest(`${name}: provided string was not \`true\` or \`false\``)
  }

  const missing = ids.filter((id) => !knownIds.has(id))
  if (missing.length > 0 && !flags.ignore_invalid_price_ids) return { ok: false, status: 404, message: `Price ids not found: ${missing.join(', ')}` }
  return {
    ok: true,
    query: {
      ids: ids.filter((id) => knownIds.has(id)),
      encoding,
      parsed: flags.parsed === true,
      allowUnordered: flags.allow_unordered === true,
      benchmarksOnly: flags.benchmarks_only === true,
    },
  }
}
