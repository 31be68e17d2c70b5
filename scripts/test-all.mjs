#!/usr/bin/env node
/**
 * `npm test`: every check and test suite of the project, in order, each run even if an earlier one
 * failed (so one run shows everything), then one closing line totalling them all:
 *
 *   N passed, N failed, N skipped
 *
 * Suites count their tests (contracts: forge, which also builds the venue the unit suite's parity
 * tests deploy; unit: vitest; e2e: Playwright against the production build); lint, typecheck and
 * build count as one check each, as does the scan of the client bundle for the server's secret. Exit code 1 if anything
 * failed or a suite ran no test at all.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }
/** A value no real key has: found in the client bundle, it can only have come from the server's env. */
const pythKeyCanary = `canary-pyth-api-key-${process.pid}-${Date.now().toString(36)}`
mkdirSync('test-results', { recursive: true })

/** Runs a command with inherited output, keeping a copy of stdout for parsing. */
function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      process.stdout.write(chunk)
    })
    child.on('close', (code) => resolve({ code: code ?? 1, out }))
    child.on('error', (error) => resolve({ code: 1, out: String(error) }))
  })
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

const check = (name, command, args, extraEnv = {}) => async () => {
  const { code } = await run(command, args, extraEnv)
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }
}

const steps = [
  ['lint', check('lint', 'npx', ['eslint', '.', '--max-warnings', '0'])],
  ['typecheck', async () => {
    const typegen = await run('npx', ['next', 'typegen'])
    if (typegen.code !== 0) return { passed: 0, failed: 1, skipped: 0 }
    return check('typecheck', 'npx', ['tsc', '--noEmit'])()
  }],
  ['contracts', async () => {
    const { code, out } = await run('node', ['scripts/forge.mjs', 'test'])
    // forge ends with: "Ran N test suites in …: X tests passed, Y failed, Z skipped (T total tests)"
    const m = out.match(/Ran \d+ test suites?[^\n]*?: (\d+) tests? passed, (\d+) failed, (\d+) skipped/)
    if (!m) return { passed: 0, failed: 1, skipped: 0, note: `forge exited ${code} without a summary` }
    const failed = Number(m[2]) + (code !== 0 && Number(m[2]) === 0 ? 1 : 0)
    return { passed: Number(m[1]), failed, skipped: Number(m[3]) }
  }],
  ['unit', async () => {
    rmSync('test-results/unit.json', { force: true })
    const { code } = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'])
    const report = readJson('test-results/unit.json')
    if (!report) return { passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` }
    const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0)
    return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests }
  }],
  // Built with a known PYTH_API_KEY, then the client output is scanned for it (issue 10): the
  // key is the relay's server secret and must never reach a browser.
  ['build', check('build', 'npx', ['next', 'build'], { PYTH_API_KEY: pythKeyCanary })],
  ['secrets', check('secrets', 'node', ['scripts/scanClientBundle.mjs', '.next/static', pythKeyCanary])],
  ['e2e', async () => {
    rmSync('test-results/e2e.json', { force: true })
    const { code } = await run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' })
    const report = readJson('test-results/e2e.json')
    if (!report?.stats) return { passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` }
    const { expected, unexpected, flaky, skipped } = report.stats
    const failed = unexpected + flaky + (code !== 0 && unexpected === 0 ? 1 : 0)
    return { passed: expected, failed, skipped }
  }],
]

const results = []
for (const [name, step] of steps) {
  const started = Date.now()
  console.log(`\n=== ${name} ===`)
  const result = await step()
  if (result.passed + result.failed === 0) {
    result.failed = 1
    result.note = 'ran no test'
  }
  results.push({ name, seconds: (Date.now() - started) / 1000, ...result })
}

console.log('\n=== summary ===')
for (const r of results)
  console.log(`${r.name.padEnd(10)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped  ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ''}`)
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 })
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed === 0 ? 0 : 1)
