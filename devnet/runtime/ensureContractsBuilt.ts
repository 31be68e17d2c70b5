import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Runs `forge build` (offline, through scripts/forge.mjs): a no-op in a second or two when the
 * artifacts are current, a full compile (≈ 30–40 s) on a fresh clone. Resolves when done;
 * rejects with forge's exit code.
 */
export function ensureContractsBuilt({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/forge.mjs', 'build'], { cwd: root, stdio: quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'] })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`forge build failed (exit ${code}).`))))
  })
}
