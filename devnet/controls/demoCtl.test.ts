/**
 * `devnet/demoCtl.ts` run as a person runs it (`npx tsx devnet/demoCtl.ts …`, a child process)
 * against a stand-in for the devnet's controls: a node:http server that records each request and
 * answers as the real one does, through `parseDemoControl`. (The test lives here because the CLI
 * is the one file of this feature outside devnet/controls/.)
 */
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DemoControlError, parseDemoControl } from './parseDemoControl'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

type Recorded = { method: string; path: string; contentType: string | undefined; body: unknown }
type Run = { code: number; stdout: string; stderr: string }

function runCli(args: string[], devnetUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'devnet/demoCtl.ts', ...args], { cwd: repoRoot, env: { ...process.env, MARGINFLOW_DEVNET_URL: devnetUrl }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      resolve({ code, stdout, stderr: stderr.split('\n').filter((line) => !line.startsWith('npm warn')).join('\n') })
    })
  })
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

describe('npm run demo:ctl', () => {
  const recorded: Recorded[] = []
  const server = createServer(async (request, response) => {
    const text = await readBody(request)
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const body = text === '' ? undefined : JSON.parse(text)
    recorded.push({ method: request.method ?? '', path, contentType: request.headers['content-type'], body })
    const reply = (status: number, answer: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(answer))
    }
    if (request.method === 'GET' && path === '/health') return reply(200, { ok: true, chainId: 31337 })
    if (request.method === 'POST' && path.startsWith('/demo/')) {
      try {
        return reply(200, { ok: true, control: parseDemoControl(path.slice('/demo/'.length), body) })
      } catch (error) {
        if (error instanceof DemoControlError) return reply(400, { error: error.shortMessage, field: error.field })
        throw error
      }
    }
    reply(404, { error: `no route ${request.method} ${path}` })
  })
  let url = ''
  let deadUrl = ''

  beforeAll(async () => {
    url = await listen(server)
    // A port that was free a moment ago and has nobody listening now.
    const probe = createServer()
    deadUrl = await listen(probe)
    await close(probe)
  })
  afterAll(() => close(server))

  // The runs are independent; starting them together keeps the file to about one tsx start-up.
  const runs: Record<string, Promise<Run>> = {}
  const run = (name: string, args: string[], target: () => string = () => url) => (runs[name] ??= runCli(args, target()))

  it('POSTs `crash 15` as JSON to /demo/crash and prints the answer', async () => {
    const pending = [
      run('crash', ['crash', '15']),
      run('refused', ['crash', 'ETH', '150', '30s']),
      run('health', ['health']),
      run('dead', ['health'], () => deadUrl),
      run('usage', ['crash'], () => deadUrl),
      run('help', ['--help'], () => deadUrl),
    ]
    const result = await pending[0]!
    await Promise.all(pending)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const request = recorded.find((entry) => entry.path === '/demo/crash' && (entry.body as { percent?: unknown }).percent === 15)
    expect(request).toEqual({ method: 'POST', path: '/demo/crash', contentType: 'application/json', body: { percent: 15 } })
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, control: { action: 'crash', assets: ['BTC', 'ETH', 'SOL'], percent: 15, seconds: 10 } })
  })

  it('prints the devnet’s refusal and exits 1 on a 400', async () => {
    const result = await run('refused', ['crash', 'ETH', '150', '30s'])
    expect(recorded).toContainEqual({ method: 'POST', path: '/demo/crash', contentType: 'application/json', body: { asset: 'ETH', percent: 150, seconds: 30 } })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe('demo:ctl: percent must be a number between 0 and 100 (got 150)')
  })

  it('asks for health with GET /health', async () => {
    const result = await run('health', ['health'])
    expect(result.code).toBe(0)
    expect(recorded).toContainEqual({ method: 'GET', path: '/health', contentType: undefined, body: undefined })
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, chainId: 31337 })
  })

  it('says there is no devnet when nothing listens, and exits 1', async () => {
    const result = await run('dead', ['health'], () => deadUrl)
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe(`no devnet at ${deadUrl} — start it with npm run demo`)
  })

  it('refuses a bad command line before sending anything, exit 2', async () => {
    // Aimed at the dead port: had it tried to send, it would say there is no devnet.
    const result = await run('usage', ['crash'], () => deadUrl)
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe('demo:ctl: crash: missing <percent>; usage: crash [asset] <percent> [seconds]\nRun `npm run demo:ctl -- --help` for usage.')
  })

  it('prints the grammar for --help, exit 0, without the devnet', async () => {
    const result = await run('help', ['--help'], () => deadUrl)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('crash [asset] <percent> [seconds]')
    expect(result.stdout).toContain('faucet <address> [--usdc N] [--weth N] [--wsteth N] [--eth N]')
  })
})
