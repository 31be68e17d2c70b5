import { parsePriceUpdate } from './parsePriceUpdate'
import type { HermesPriceUpdate, MalformedPriceUpdate } from './types'

export type ParsePriceUpdateMessageParameters = {
  /**
   * A Hermes v2 `PriceUpdate` as text: the `data:` of one stream message, or the body of
   * `GET /v2/updates/price/latest`.
   */
  text: string
}

export type ParsePriceUpdateMessageReturnType =
  | {
      ok: true
      /** The well-formed entries of `parsed[]`, in order. */
      updates: HermesPriceUpdate[]
      /** The malformed ones, each with its field and (when readable) its feed id. */
      malformed: MalformedPriceUpdate[]
      /** The `binary` update as sent (hex or base64 strings), for whoever pushes it on-chain. */
      binary: { encoding: 'hex' | 'base64'; data: string[] }
    }
  | { ok: false; error: MalformedPriceUpdate }

/**
 * Reads one Hermes v2 `PriceUpdate` message (Hermes's OpenAPI `PriceUpdate`):
 * `{ "binary": { "encoding": "hex" | "base64", "data": [string, …] }, "parsed": [ParsedPriceUpdate, …] }`.
 *
 * The message as a whole is malformed (one typed rejection, `ok: false`) when it is not JSON,
 * not an object, has no valid `binary`, or has no `parsed` array — the client asks for
 * `parsed=true`, so a message without it tells nothing. Inside `parsed[]` each entry stands on
 * its own (`parsePriceUpdate`): one bad entry does not discard the good ones beside it.
 *
 * Never throws.
 *
 * @example
 * parsePriceUpdateMessage({ text: '{"binary":{"encoding":"hex","data":[]},"parsed":[]}' })
 * // { ok: true, updates: [], malformed: [], binary: { encoding: 'hex', data: [] } }
 * parsePriceUpdateMessage({ text: 'not json' })
 * // { ok: false, error: { reason: 'malformed', field: 'message', expectation: 'a JSON object' } }
 */
export function parsePriceUpdateMessage({ text }: ParsePriceUpdateMessageParameters): ParsePriceUpdateMessageReturnType {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return reject('message', 'a JSON object')
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return reject('message', 'a JSON object')
  const { binary, parsed } = message as Record<string, unknown>

  if (typeof binary !== 'object' || binary === null) return reject('binary', 'an object { encoding, data }')
  const { encoding, data } = binary as Record<string, unknown>
  if (encoding !== 'hex' && encoding !== 'base64') return reject('binary.encoding', '"hex" or "base64"')
  if (!Array.isArray(data) || !data.every((item) => typeof item === 'string')) return reject('binary.data', 'an array of strings')
  if (!Array.isArray(parsed)) return reject('parsed', 'an array of parsed price updates (request parsed=true)')

  const updates: HermesPriceUpdate[] = []
  const malformed: MalformedPriceUpdate[] = []
  parsed.forEach((entry, index) => {
    const result = parsePriceUpdate({ entry, path: `parsed[${index}]` })
    if (result.ok) updates.push(result.update)
    else malformed.push(result.error)
  })
  return { ok: true, updates, malformed, binary: { encoding, data: data as string[] } }
}

function reject(field: string, expectation: string): ParsePriceUpdateMessageReturnType {
  return { ok: false, error: { reason: 'malformed', field, expectation } }
}
