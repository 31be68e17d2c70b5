/**
 * `npm run bench:check`: fails (exit 1) when the last `npm run bench` missed a budget, listing
 * each miss; informational results (no budget) never fail. Kept out of `npm test`: absolute
 * timings depend on the machine and its load (issue 10).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { resultsDir, type BenchResult } from './lib/results'

const results = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as BenchResult[]
const budgeted = results.filter((r) => r.ok !== null)
const missed = budgeted.filter((r) => r.ok === false)
for (const r of missed) console.error(`MISSED ${r.name}: ${r.value} ${r.unit}, budget ${r.budget} — ${r.notes}`)
console.log(`${budgeted.length - missed.length} of ${budgeted.length} budgets met (${results.length - budgeted.length} informational results)`)
process.exit(missed.length === 0 && budgeted.length > 0 ? 0 : 1)
