/**
 * `npm run demo`: builds the app and serves it on http://localhost:3000.
 *
 * This is the first stage of the demo runtime (DESIGN.md §6): the devnet, venue, keeper, stream
 * and bot join here as they land. Every child runs in its own process group; Ctrl-C or SIGTERM
 * stops them all, and if a child dies the demo says which and stops rather than serving a
 * half-alive market.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const appPort = Number(process.env.MARGINFLOW_APP_PORT ?? 3000)
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
const children = new Set<ChildProcess>()
let stopping = false

function log(level: 'info' | 'error', message: string) {
  const line = `${new Date().toISOString()} ${level.padEnd(5)} demo: ${message}`
  if (level === 'error') console.error(line)
  else console.log(line)
}

/** Starts a child in its own process group so the whole group can be stopped at once. */
function start(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { env, stdio: 'inherit', detached: true })
  children.add(child)
  child.on('exit', (code, signal) => {
    children.delete(child)
    if (!stopping && name !== 'build') {
      log('error', `${name} exited (${signal ?? `code ${code}`}); stopping the demo.`)
      stop(1)
    }
  })
  return child
}

function stop(code: number) {
  if (stopping) return
  stopping = true
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  const deadline = setTimeout(() => {
    for (const child of children) if (child.pid) try { process.kill(-child.pid, 'SIGKILL') } catch { /* gone */ }
    process.exit(code)
  }, 5_000)
  const check = setInterval(() => {
    if (children.size > 0) return
    clearInterval(check)
    clearTimeout(deadline)
    process.exit(code)
  }, 100)
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

log('info', 'building the app (next build)…')
const buildCode = await waitFor(start('build', 'npx', ['next', 'build']))
if (buildCode !== 0) {
  log('error', `next build failed (code ${buildCode}).`)
  process.exit(buildCode)
}
if (!stopping) {
  start('app', 'npx', ['next', 'start', '-p', String(appPort)])
  const url = `http://localhost:${appPort}`
  for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
    try {
      const response = await fetch(url)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  if (!stopping) log('info', `ready — app ${url} (Ctrl-C stops everything)`)
}
