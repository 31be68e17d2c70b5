/**
 * `npm run demo` as a user runs it (without the app build, `--no-app`, to keep the test short):
 * it prints one ready line with its URLs; SIGTERM stops every process it started; and when
 * anvil dies under it, it says so and stops instead of serving a frozen market.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
const running: ChildProcessWithoutNullStreams[] = []

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.pid) try { process.kill(-child.pid, 'SIGKILL') } catch { /* gone */ }
})

/** Every live process below `pid` (children, grandchildren, …), from `ps`. */
function descendants(pid: number): { pid: number; command: string }[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout.trim().split('\n')
  const table = rows.map((row) => {
    const [, childPid, parentPid, command] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row) ?? []
    return { pid: Number(childPid), ppid: Number(parentPid), command: command ?? '' }
  })
  const found: { pid: number; command: string }[] = []
  const queue = [pid]
  while (queue.length > 0) {
    const parent = queue.shift()
    for (const row of table) if (row.ppid === parent) {
      found.push({ pid: row.pid, command: row.command })
      queue.push(row.pid)
    }
  }
  return found
}

/** Running (a zombie is dead: it only waits for a parent — here often a container's init — to reap it). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

async function settle(pids: { pid: number }[], timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  while (pids.some((entry) => alive(entry.pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return pids.filter((entry) => alive(entry.pid))
}

async function startDemo() {
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'devnet/demo.ts', '--no-app', '--seed', '3'], {
    cwd: root,
    env: { ...process.env, MARGINFLOW_ANVIL_PORT: '0', MARGINFLOW_SERVICES_PORT: '0' },
    detached: true,
  })
  running.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + 90_000
  while (!/"msg":"ready/.test(stdout)) {
    if (child.exitCode !== null) throw new Error(`demo exited early:\n${stdout}\n${stderr}`)
    if (Date.now() > deadline) throw new Error(`demo not ready in 90 s:\n${stdout}\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const ready = JSON.parse(stdout.split('\n').find((line) => line.includes('"msg":"ready')) ?? '{}') as { msg: string }
  return { child, exited, ready, output: () => ({ stdout, stderr }) }
}

describe('npm run demo', () => {
  it('prints one ready line with its URLs; SIGTERM leaves no process behind', async () => {
    const demo = await startDemo()
    expect(demo.ready.msg).toMatch(/chain http:\/\/127\.0\.0\.1:\d+ \(WebSocket ws:\/\/127\.0\.0\.1:\d+\)/)
    const health = /health (http:\/\/127\.0\.0\.1:\d+\/health)/.exec(demo.ready.msg)?.[1]
    expect(health).toBeDefined()
    const response = await fetch(health!)
    expect([200, 503]).toContain(response.status) // answering; whether every service is warm yet is the runtime test's business
    const started = descendants(demo.child.pid!)
    expect(started.some((process) => /anvil/.test(process.command))).toBe(true)
    demo.child.kill('SIGTERM')
    expect(await demo.exited).toBe(0)
    expect(await settle(started)).toEqual([])
  }, 120_000)

  it('stops, naming anvil, when anvil dies under it', async () => {
    const demo = await startDemo()
    const anvil = descendants(demo.child.pid!).filter((process) => /anvil/.test(process.command))
    expect(anvil.length).toBeGreaterThan(0)
    for (const process of anvil) try { global.process.kill(process.pid, 'SIGKILL') } catch { /* gone */ }
    expect(await demo.exited).toBe(1)
    expect(demo.output().stderr).toMatch(/anvil failed \(anvil exited/)
  }, 120_000)
})
