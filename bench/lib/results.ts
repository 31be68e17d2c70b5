import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One benchmark result, the format of bench/results/*.json (issue 10). */
export type BenchResult = {
  name: string
  value: number
  unit: string
  /** The budget, as text with its comparison (e.g. ">= 100", "<= 0.5"); null when informational. */
  budget: string | null
  /** Whether the budget is met; null when there is no budget. */
  ok: boolean | null
  notes: string
}

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')

/** The machine the numbers were measured on. */
export function machineDescription(): string {
  const cpus = os.cpus()
  return `${cpus[0]?.model ?? 'unknown CPU'} ×${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`
}

/** A result with a `>=` budget. */
export function atLeast(name: string, value: number, unit: string, budget: number, notes: string): BenchResult {
  return { name, value, unit, budget: `>= ${budget}`, ok: value >= budget, notes }
}

/** A result with a `<=` budget. */
export function atMost(name: string, value: number, unit: string, budget: number, notes: string): BenchResult {
  return { name, value, unit, budget: `<= ${budget}`, ok: value <= budget, notes }
}

/** An informational result without a budget. */
export function info(name: string, value: number, unit: string, notes: string): BenchResult {
  return { name, value, unit, budget: null, ok: null, notes }
}

/**
 * Writes one suite's results to bench/results/<suite>.json, then merges every suite file into
 * bench/results/latest.json and a Markdown table in latest.md.
 */
export function writeSuite(suite: string, results: BenchResult[]): void {
  mkdirSync(resultsDir, { recursive: true })
  const machine = machineDescription()
  const stamped = { suite, machine, measuredAt: new Date().toISOString(), results }
  writeFileSync(join(resultsDir, `${suite}.json`), JSON.stringify(stamped, null, 2) + '\n')

  const suites = ['core', 'pipeline', 'browser', 'bundle', 'devnet', 'audit']
  const all: (BenchResult & { suite: string })[] = []
  const lines = ['# Benchmark results', '', `Machine: ${machine}`, '', '| suite | name | value | unit | budget | ok | notes |', '| --- | --- | --- | --- | --- | --- | --- |']
  for (const name of suites) {
    let file: typeof stamped
    try {
      file = JSON.parse(readFileSync(join(resultsDir, `${name}.json`), 'utf8'))
    } catch {
      continue
    }
    for (const r of file.results) {
      all.push({ suite: name, ...r })
      const ok = r.ok === null ? '—' : r.ok ? 'yes' : '**no**'
      lines.push(`| ${name} | ${r.name} | ${formatValue(r.value)} | ${r.unit} | ${r.budget ?? '—'} | ${ok} | ${r.notes} |`)
    }
  }
  writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(all.map(({ suite, ...r }) => ({ ...r, name: `${suite}/${r.name}` })), null, 2) + '\n')
  writeFileSync(join(resultsDir, 'latest.md'), lines.join('\n') + '\n')
}

/** A result's value in the Markdown table; `—` for a measurement that could not be made (NaN, stored as null in JSON). */
function formatValue(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(3)
  return Number(value.toPrecision(4)).toString()
}
