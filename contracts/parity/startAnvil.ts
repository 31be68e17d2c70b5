import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

export type StartAnvilReturnType = {
  rpcUrl: string
  pid: number
  /** Stops this anvil (SIGTERM to its own pid) and waits for it to exit. */
  stop: () => Promise<void>
}

/** A TCP port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Starts a fresh anvil (from @foundry-rs/anvil in node_modules) on a free port and resolves once
 * it prints "Listening on 127.0.0.1:PORT" — its own readiness line (GET / answers 400, so an
 * HTTP probe proves nothing). Rejects if it exits first or takes longer than `timeoutMs`.
 */
export async function startAnvil({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<StartAnvilReturnType> {
  const port = await freePort()
  const child = spawn(join(root, 'node_modules', '.bin', 'anvil'), ['--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TARGET_TOOL: 'anvil' },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`anvil did not listen within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    // Keep draining the pipes for anvil's whole life: a full pipe would block it.
    child.stdout.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk
      if (output.includes(`Listening on 127.0.0.1:${port}`)) {
        clearTimeout(timer)
        resolve()
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
    rpcUrl: `http://127.0.0.1:${port}`,
    pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGTERM')
      await exited
    },
  }
}
