#!/usr/bin/env node
/**
 * Runs the forge binary that npm installed (@foundry-rs/forge) from the repository root, so
 * foundry.toml there applies: solc-js through scripts/solc.mjs, offline, sources in contracts/.
 *
 *   node scripts/forge.mjs build
 *   node scripts/forge.mjs test [forge test flags, e.g. --match-contract Liquidation]
 *
 * The exit code is forge's. `forge test` ends with forge's own summary line
 * ("Ran N test suites in …: X tests passed, Y failed, Z skipped (T total tests)").
 * A successful `build` also regenerates lib/chain/generated (scripts/gen-abis.mjs), so the
 * typed ABIs and devnet addresses always match the artifacts.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const forge = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'forge.cmd' : 'forge')

if (!existsSync(forge)) {
  console.error('forge is not installed: run `npm install` (it comes from @foundry-rs/forge).')
  process.exit(1)
}

// The npm wrapper picks its tool from TARGET_TOOL or npm_package_name; inside `npm run` the latter
// is this project's name, so say explicitly which tool we want.
const child = spawn(forge, process.argv.slice(2), {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TARGET_TOOL: 'forge', FOUNDRY_DISABLE_NIGHTLY_WARNING: '1' },
})

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))

child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal)
  else if (code === 0 && process.argv[2] === 'build') generateAbis()
  else process.exit(code ?? 1)
})

function generateAbis() {
  const generator = spawn(process.execPath, [join(root, 'scripts', 'gen-abis.mjs')], { cwd: root, stdio: 'inherit' })
  generator.on('exit', (code) => process.exit(code ?? 1))
}
