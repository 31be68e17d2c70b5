import { normalizeFeedId } from '../priceFeeds'

/** Server-side configuration of the relay, read from the environment by the route handler. */
export type HermesRelayEnv = {
  /** Upstream base URL (`PYTH_HERMES_URL`); `https://hermes.pyth.network` when unset or blank. May carry a path (a node provider's `/hermes/`). */
  baseUrl?: string
  /** Pyth API key (`PYTH_API_KEY`). Without one the relay answers 503: live mode is off. */
  apiKey?: string
  /**
   * Header that carries the key (`PYTH_API_KEY_HEADER`). Unset or `Authorization` (any case):
   * `Authorization: Bearer <key>`, as Pyth documents for Hermes and as `@pythnetwork/hermes-client`
   * sends its `accessToken`. Any other name (e.g. `x-api-key` for a provider that wants one)
   * carries the bare key.
   */
  apiKeyHeader?: string
}

export type RelayHermesRequestParameters = {
  /** Path segments after the relay's mount point, e.g. `['v2', 'updates', 'price', 'stream']`. */
  path: readonly string[]
  /** The browser's query string (`ids[]`, `parsed`, `encoding`, …). */
  search: URLSearchParams
  /** The browser's request signal: when the browser goes away the upstream request is aborted. */
  signal: AbortSignal
  env: HermesRelayEnv
  /** `fetch` to reach Hermes; the global one when omitted. */
  fetch?: typeof fetch
  /** How long Hermes may take to answer with its status and headers, ms (not the stream's life); default 10_000. */
  headersTimeout?: number
}

const defaultHermesUrl = 'https://hermes.pyth.network'

/**
 * Longest query string relayed, characters (URL-encoded). 8 KiB is the request-line limit of
 * common proxies and fits ~100 feed ids (`ids%5B%5D=` + 64 hex + `&` ≈ 76 characters each);
 * the dashboard follows a handful.
 */
const maxQueryLength = 8_192

const isBoolean = (value: string) => value === 'true' || value === 'false'
const isFeedId = (value: string) => normalizeFeedId(value) !== undefined
const isEncoding = (value: string) => value === 'hex' || value === 'base64'

type RelayedRoute = {
  stream: boolean
  /** Query parameters Hermes's handler reads (pyth-crosschain apps/hermes/server/src/api/rest/v2), with the shape of their values. */
  params: ReadonlyMap<string, (value: string) => boolean>
}

/** The only upstream routes reachable through the relay: the ones the dashboard reads. */
const relayedRoutes: ReadonlyMap<string, RelayedRoute> = new Map([
  [
    'v2/updates/price/stream',
    {
      stream: true,
      params: new Map([
        ['ids[]', isFeedId],
        ['encoding', isEncoding],
        ['parsed', isBoolean],
        ['allow_unordered', isBoolean],
        ['benchmarks_only', isBoolean],
        ['ignore_invalid_price_ids', isBoolean],
      ]),
    },
  ],
  [
    'v2/updates/price/latest',
    {
      stream: false,
      params: new Map([
        ['ids[]', isFeedId],
        ['encoding', isEncoding],
        ['parsed', isBoolean],
        ['ignore_invalid_price_ids', isBoolean],
      ]),
    },
  ],
  [
    'v2/price_feeds',
    {
      stream: false,
      params: new Map([
        ['query', (value: string) => value.length <= 100],
        ['asset_type', (value: string) => /^[a-z_]{1,32}$/.test(value)],
      ]),
    },
  ],
])

/** RFC 9110 token: what a header name may be. */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** Visible ASCII: a key with spaces, controls or non-ASCII cannot travel in a header intact. */
const headerValue = /^[\x21-\x7e]+$/

const sseHeaders = {
  'Content-Type': 'text/event-stream',
  // `no-transform` keeps compressing proxies from holding events back to fill a block.
  'Cache-Control': 'no-cache, no-transform',
  // nginx buffers proxied responses unless told not to.
  'X-Accel-Buffering': 'no',
}

/**
 * Relays one browser request to Pyth's Hermes v2 API with the server's API key, so that live
 * mode works without the key ever reaching the browser. Framework-free: the Next.js route
 * `app/api/hermes/[...path]/route.ts` calls it with `process.env`.
 *
 * - Routes: `v2/updates/price/stream` (server-sent events, streamed through byte for byte as they
 *   arrive, never buffered), `v2/updates/price/latest` and `v2/price_feeds`. Anything else: 404.
 * - Query: at most 8,192 characters, only the parameters Hermes reads on that route, each of the
 *   right shape (`ids[]` 32 bytes of hex, booleans `true`/`false`, …); otherwise 400. The
 *   validated parameters are passed on in order, percent-encoded as `URLSearchParams` writes them.
 * - Key: sent upstream in `env.apiKeyHeader` only; never in a response header or body (a 4xx
 *   body that quotes it has it replaced by `[redacted]`), never in the upstream URL, never logged.
 *   Nothing of the browser's request (cookies, headers) is forwarded, nor any upstream header but
 *   the content type (and `Retry-After` on 429). Redirects are refused, so the key cannot follow
 *   one to another host.
 * - Answers: upstream 2xx as is; upstream 4xx with its status and body (Hermes's 404 "Update
 *   data not found" / "Price ids not found" are what the stream client reacts to); upstream 5xx
 *   or an unreachable upstream: 502; no status within `headersTimeout`: 504; no key (or an
 *   unusable one, or an invalid `PYTH_HERMES_URL`): 503. Errors are JSON `{ error }`.
 * - The browser's `signal` aborts the upstream request, also mid-stream.
 *
 * Never throws: every outcome is a `Response`.
 *
 * @example
 * const response = await relayHermesRequest({
 *   path: ['v2', 'updates', 'price', 'latest'],
 *   search: new URLSearchParams({ 'ids[]': priceFeedId('BTC'), parsed: 'true' }),
 *   signal: request.signal,
 *   env: { apiKey: process.env.PYTH_API_KEY },
 * })
 */
export async function relayHermesRequest(parameters: RelayHermesRequestParameters): Promise<Response> {
  const { path, search, signal, env, fetch: fetchImpl = (input, init) => fetch(input, init), headersTimeout = 10_000 } = parameters

  const routePath = Array.isArray(path) && path.every((segment) => typeof segment === 'string') ? path.join('/') : ''
  const route = relayedRoutes.get(routePath)
  if (route === undefined) return errorResponse(404, 'Unknown Hermes route: the relay serves v2/updates/price/stream, v2/updates/price/latest and v2/price_feeds')

  const query = search.toString()
  if (query.length > maxQueryLength) return errorResponse(400, `Query string too long: at most ${maxQueryLength} characters`)
  for (const [name, value] of search) {
    const valid = route.params.get(name)
    if (valid === undefined) return errorResponse(400, `Unsupported query parameter ${JSON.stringify(name.slice(0, 40))} for ${routePath}`)
    if (!valid(value)) return errorResponse(400, `Invalid value for query parameter ${JSON.stringify(name)}`)
  }

  const apiKey = env.apiKey?.trim() ?? ''
  if (apiKey === '') return errorResponse(503, 'PYTH_API_KEY is not set on the server')
  if (!headerValue.test(apiKey)) return errorResponse(503, 'PYTH_API_KEY is not a valid header value (visible ASCII, no spaces)')
  const keyHeader = env.apiKeyHeader?.trim() || 'Authorization'
  if (!headerName.test(keyHeader)) return errorResponse(503, 'PYTH_API_KEY_HEADER is not a valid header name')
  const base = parseBaseUrl(env.baseUrl?.trim() || defaultHermesUrl)
  // The URL may hold a provider's token in its path: it is not echoed either.
  if (base === undefined) return errorResponse(503, 'PYTH_HERMES_URL is not an absolute http(s) URL')

  const url = new URL(routePath, base)
  url.search = query
  const headers = new Headers({ Accept: route.stream ? 'text/event-stream' : 'application/json' })
  headers.set(keyHeader, keyHeader.toLowerCase() === 'authorization' ? `Bearer ${apiKey}` : apiKey)

  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), headersTimeout)
  let upstream: Response
  try {
    // `no-store` also keeps Next.js's fetch cache out of a live price relay.
    upstream = await fetchImpl(url, { headers, signal: AbortSignal.any([signal, timeout.signal]), redirect: 'error', cache: 'no-store' })
  } catch (error) {
    if (timeout.signal.aborted && !signal.aborted) return errorResponse(504, `Hermes did not answer within ${headersTimeout} ms`)
    const code = errorCode(error)
    return errorResponse(502, code === undefined ? 'Could not reach Hermes' : `Could not reach Hermes (${code})`)
  } finally {
    clearTimeout(timer)
  }

  const { status } = upstream
  if (status >= 200 && status < 300) {
    const responseHeaders = route.stream
      ? sseHeaders
      : { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json', 'Cache-Control': 'no-store' }
    return new Response(upstream.body, { status, headers: responseHeaders })
  }
  if (status >= 400 && status < 500) {
    const text = await upstream.text().catch(() => '')
    const responseHeaders: Record<string, string> = { 'Content-Type': upstream.headers.get('content-type') ?? 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
    const retryAfter = upstream.headers.get('retry-after')
    if (status === 429 && retryAfter !== null) responseHeaders['Retry-After'] = retryAfter
    return new Response(text.replaceAll(apiKey, '[redacted]'), { status, headers: responseHeaders })
  }
  await upstream.body?.cancel().catch(() => undefined)
  return errorResponse(502, `Hermes answered HTTP ${status}`)
}

function errorResponse(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } })
}

function parseBaseUrl(baseUrl: string): URL | undefined {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  // Routes resolve below the base path, as in `streamPriceFeeds` and Pyth's HermesClient.
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  url.search = ''
  url.hash = ''
  return url
}

/** A system error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`): says what failed without echoing any message. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code
  }
  return undefined
}
