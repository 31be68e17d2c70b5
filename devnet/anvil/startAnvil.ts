import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

export type StartAnvilParameters = {
  /** Port to listen on; 0 (the default) lets the OS pick a free one, so tests never collide. */
  port?: number
  host?: string
  /** Extra anvil flags, e.g. `['--block-time', '1']` for interval mining. */
  args?: string[]
  /** How long to wait for anvil's ready line. */
  timeoutMs?: number
}

export type AnvilExit = { code: number | null; signal: NodeJS.Signals | null }

export type StartAnvilReturnType = {
  /** HTTP JSON-RPC endpoint, e.g. `http://127.0.0.1:8545` (WebSocket on the same port: `ws://…`). */
  rpcUrl: string
  port: number
  pid: number
  /** Resolves when anvil exits, for whatever reason (a supervisor's cue that the chain is gone). */
  exited: Promise<AnvilExit>
  /** Stops this anvil (SIGTERM to its process group: the launcher and the native node) and waits for it to exit. */
  stop: () => Promise<void>
}

/**
 * Starts a fresh anvil from @foundry-rs/anvil in node_modules and resolves once it prints its
 * own readiness line, "Listening on HOST:PORT" (anvil answers `GET /` with 400, so an HTTP probe
 * proves nothing). With `port: 0` the port is read from that line. Rejects if anvil exits first or
 * is not ready within `timeoutMs`. The caller owns the process: `stop()` ends exactly its process group.
 */
export async function startAnvil({ port = 0, host = '127.0.0.1', args = [], timeoutMs = 30_000 }: StartAnvilParameters = {}): Promise<StartAnvilReturnType> {
  const child = spawn(join(root, 'node_modules', '.bin', 'anvil'), ['--port', String(port), '--host', host, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TARGET_TOOL: 'anvil' },
    // Its own process group: the npm launcher runs the native anvil as a child, and stopping the
    // group stops both even if the launcher cannot forward the signal.
    detached: true,
  })
  const exited = new Promise<AnvilExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  let output = ''
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`anvil did not listen within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    // Keep draining the pipes for anvil's whole life: a full pipe would block it.
    child.stdout.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk
      const match = /Listening on [^\s:]+:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`anvil exited (${code}) before listening:\n${output}`))
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('anvil has no pid')
  return {
    rpcUrl: `http://${host}:${listening}`,
    port: listening,
    pid,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-pid, 'SIGTERM')
        } catch {
          // the group is already gone
        }
      }
      await exited
    },
  }
}
