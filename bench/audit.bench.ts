/**
 * `npm run bench:audit`: the `npm audit` summary for the runtime dependencies (issue 10: "no known
 * critical advisories in runtime dependencies"), as results in the bench report — critical and
 * high advisories with a budget of 0 critical. When the registry does not answer the advisory
 * endpoint (this project's package mirror refuses it with 405), the result says so and carries no
 * verdict (`ok: null`): an audit that did not run must not read as a clean one.
 *
 * Results in bench/results/audit.json (+ latest.json / latest.md).
 */
import { spawnSync } from 'node:child_process'
import { atMost, info, writeSuite, type BenchResult } from './lib/results'

type AuditReport = { metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } }; message?: string; statusCode?: number }

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 })
let report: AuditReport = {}
try {
  report = JSON.parse(run.stdout) as AuditReport
} catch {
  report = { message: (run.stderr || run.stdout || 'no output').split('\n')[0] }
}
const counts = report.metadata?.vulnerabilities
const results: BenchResult[] = []
if (counts === undefined) {
  const why = report.statusCode ? `registry answered ${report.statusCode}: ${report.message ?? ''}` : (report.message ?? 'no report')
  results.push({ name: 'npm audit (runtime dependencies)', value: Number.NaN, unit: 'advisories', budget: '<= 0 critical', ok: null, notes: `not run — ${why}` })
} else {
  const prod = report.metadata?.dependencies?.prod
  results.push(atMost('npm audit critical (runtime)', counts.critical ?? 0, 'advisories', 0, `${prod ?? '?'} runtime packages`))
  results.push(info('npm audit high (runtime)', counts.high ?? 0, 'advisories', `moderate ${counts.moderate ?? 0}, low ${counts.low ?? 0}`))
}
writeSuite('audit', results)
for (const r of results) console.log(`${r.name}: ${Number.isNaN(r.value) ? '—' : r.value} (${r.notes})`)
