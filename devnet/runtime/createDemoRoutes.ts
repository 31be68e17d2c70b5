import type { IncomingMessage, ServerResponse } from 'node:http'
import { DemoControlError, parseDemoControl, type DemoControl } from '../controls/parseDemoControl'
import type { DemoEventLog } from './createDemoEventLog'

/** What the routes need from the runtime. */
export type DemoRoutesRuntime = {
  /** `/health`: `status` decides the HTTP code (200 ok, 503 otherwise). */
  health: () => Promise<{ status: 'ok' | 'degraded' } & Record<string, unknown>>
  /** `/demo/state`: the market as the simulator and the chain see it. */
  state: () => Promise<Record<string, unknown>>
  /** Applies a validated control; resolves with what was done. */
  applyControl: (control: DemoControl) => Promise<Record<string, unknown>>
  events: DemoEventLog
}

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type',
  'Access-Control-Max-Age': '86400',
}
const maxBodyBytes = 16 * 1024
/** Keep-alive comment period of the events stream, ms. */
const keepAliveMs = 15_000

/**
 * The devnet services' own HTTP routes, served beside the Hermes routes on :8787:
 *
 * - `GET /health` — chain, keeper, stream and bot status (200 when all are well, 503 otherwise);
 * - `GET /demo/state` — prices, volatilities, active shocks, seeded accounts;
 * - `GET /demo/events` — server-sent events (`event: demo`, JSON `DemoEvent`), replaying the
 *   retained ones after `Last-Event-ID` (or `?after=`) and then live;
 * - `POST /demo/<action>` with a JSON body — the demo controls (`parseDemoControl` validates:
 *   a refused request gets 400 `{ error: { field, message } }` and changes nothing).
 *
 * CORS is open: the dashboard on :3000 calls these from the browser.
 */
export function createDemoRoutes(runtime: DemoRoutesRuntime) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://devnet.invalid')
    const path = url.pathname.replace(/\/+$/, '')
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors)
      response.end()
      return
    }
    const answer = async () => {
      if (path === '/health' && request.method === 'GET') {
        const health = await runtime.health()
        return sendJson(response, health.status === 'ok' ? 200 : 503, health)
      }
      if (path === '/demo/state' && request.method === 'GET') return sendJson(response, 200, await runtime.state())
      if (path === '/demo/events' && request.method === 'GET') return streamEvents(request, response, url, runtime.events)
      const action = /^\/demo\/([a-z-]+)$/.exec(path)?.[1]
      if (action === undefined) return sendJson(response, 404, { error: { message: `No route ${request.method} ${url.pathname}.` } })
      if (request.method !== 'POST') return sendJson(response, 405, { error: { message: `Use POST for /demo/${action}.` } })
      const body = await readJsonBody(request)
      let control: DemoControl
      try {
        control = parseDemoControl(action, body)
      } catch (error) {
        if (error instanceof DemoControlError) return sendJson(response, 400, { error: { field: error.field, message: error.shortMessage } })
        throw error
      }
      return sendJson(response, 200, await runtime.applyControl(control))
    }
    answer().catch((error: unknown) => {
      if (error instanceof DemoControlError) return sendJson(response, 400, { error: { field: error.field, message: error.shortMessage } })
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
      if (!response.headersSent) sendJson(response, 500, { error: { message } })
      else response.end()
    })
  }
}

/** The request body as JSON (`{}` when empty); a DemoControlError for malformed or oversized bodies. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) throw new DemoControlError('body', undefined, `the request body is larger than ${maxBodyBytes} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new DemoControlError('body', text.slice(0, 80), 'the request body is not valid JSON')
  }
}

function streamEvents(request: IncomingMessage, response: ServerResponse, url: URL, events: DemoEventLog) {
  const lastId = Number(request.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0)
  response.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
  const send = (event: { id: number }) => response.write(`id: ${event.id}\nevent: demo\ndata: ${JSON.stringify(event)}\n\n`)
  for (const event of events.since(Number.isSafeInteger(lastId) ? lastId : 0)) send(event)
  const unsubscribe = events.subscribe(send)
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs)
  request.socket.on('close', () => {
    clearInterval(keepAlive)
    unsubscribe()
  })
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { ...cors, 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)))
}
