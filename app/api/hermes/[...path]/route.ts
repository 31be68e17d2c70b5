import { relayHermesRequest } from '@/lib/feeds/relay/relayHermesRequest'

// A live price relay: never prerendered or cached, and Node's fetch streams the upstream SSE body.
export const dynamic = 'force-dynamic'
export const runtime = 'nodejs'

/**
 * Live mode's Hermes relay: `GET /api/hermes/v2/updates/price/stream|latest` and
 * `/api/hermes/v2/price_feeds`, forwarded to Pyth's Hermes with the server's API key
 * (`relayHermesRequest` documents the rules). Server environment, read on every request:
 * `PYTH_API_KEY` (required; 503 without it), `PYTH_HERMES_URL` (default
 * `https://hermes.pyth.network`), `PYTH_API_KEY_HEADER` (default `Authorization`, sent as
 * `Bearer <key>`). None of them is `NEXT_PUBLIC_`: they never reach the browser bundle.
 */
export async function GET(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params
  return relayHermesRequest({
    path,
    search: new URL(request.url).searchParams,
    signal: request.signal,
    env: { baseUrl: process.env.PYTH_HERMES_URL, apiKey: process.env.PYTH_API_KEY, apiKeyHeader: process.env.PYTH_API_KEY_HEADER },
  })
}
