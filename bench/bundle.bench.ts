/**
 * `npm run bench:bundle`: first-load JavaScript per route, gzip, in KB of 1,000 bytes (issue 10;
 * budget for `/`: ≤ 350 KB). Uses the production build in `.next` (builds one if there is none). Serves it with `next start` on a free
 * port, asks each route for its HTML as a browser would, and sums the gzip size (level 9, what a
 * server sends with `Content-Encoding: gzip`) of every script the page loads before any
 * interaction — read from the build output in `.next/static`. The engine worker's chunk loads
 * after the first paint; it is reported on its own.
 *
 * Results in bench/results/bundle.json (+ latest.json / latest.md).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { atMost, info, writeSuite, type BenchResult } from './lib/results'

const root = join(import.meta.dirname, '..')
const routes = [
  { path: '/', budgetKB: 350 },
  { path: '/portfolio', budgetKB: null },
] as const

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length
const kb = (bytes: number) => bytes / 1000

async function main() {
  if (!existsSync(join(root, '.next', 'BUILD_ID'))) {
    console.log('No production build yet: building it (next build)…')
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
    if (build.status !== 0) throw new Error('next build failed')
  }
  const port = await freePort()
  const server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  const results: BenchResult[] = []
  try {
    const base = `http://127.0.0.1:${port}`
    for (let tries = 0; ; tries++) {
      const ok = await fetch(base).then((r) => r.ok, () => false)
      if (ok) break
      if (tries > 120) throw new Error('next start did not answer')
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    for (const route of routes) {
      const html = await (await fetch(base + route.path)).text()
      const scripts = [...new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!))]
      if (scripts.length === 0) throw new Error(`No scripts found in ${route.path}'s HTML`)
      const bytes = scripts.reduce((sum, src) => sum + gzipBytes(join(root, '.next', src.replace('/_next/', ''))), 0)
      const notes = `${scripts.length} scripts in the HTML, gzip -9 of the build output`
      results.push(route.budgetKB === null ? info(`first-load JS ${route.path}`, kb(bytes), 'KB gzip', notes) : atMost(`first-load JS ${route.path}`, kb(bytes), 'KB gzip', route.budgetKB, notes))
    }
    // The engine worker: the chunk that imports lib/core's risk engine (found by its self-check label).
    const chunks = join(root, '.next', 'static', 'chunks')
    const worker = readdirSync(chunks, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.js'))
      .find((name) => readFileSync(join(chunks, name), 'utf8').includes('Call S=42 K=40'))
    if (worker !== undefined) results.push(info('engine worker chunk', kb(gzipBytes(join(chunks, worker))), 'KB gzip', 'loaded by the page after first paint (new Worker)'))
  } finally {
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM')
  }
  writeSuite('bundle', results)
  for (const r of results) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.budget ? ` (budget ${r.budget}: ${r.ok ? 'ok' : 'MISSED'})` : ''}`)
}

await main()
