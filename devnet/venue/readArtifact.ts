import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

/** Where `forge build` writes artifacts (foundry.toml `out`). */
export const defaultArtifactsDir = join(fileURLToPath(new URL('../../', import.meta.url)), 'contracts', 'out')

export type ReadArtifactParameters = {
  /** Contract name; the artifact is `<dir>/<source>.sol/<contract>.json`. */
  contract: string
  /** Source file's base name when it differs from the contract's (e.g. several contracts per file). */
  source?: string
  /** Defaults to contracts/out. */
  artifactsDir?: string
}

export type ReadArtifactReturnType = {
  abi: Abi
  /** Creation bytecode (no constructor arguments). */
  bytecode: Hex
}

/**
 * A contract's ABI and creation bytecode from its forge artifact. Throws with the command to
 * run when the artifact is missing (the contracts were not built) or needs linking (the venue
 * uses no external libraries, so a link reference means the build is not this project's).
 *
 * @example
 * const { abi, bytecode } = readArtifact({ contract: 'MarginVenue' })
 */
export function readArtifact({ contract, source = contract, artifactsDir = defaultArtifactsDir }: ReadArtifactParameters): ReadArtifactReturnType {
  const path = join(artifactsDir, `${source}.sol`, `${contract}.json`)
  let json: { abi: Abi; bytecode: { object: string; linkReferences?: Record<string, unknown> } }
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new Error(`No forge artifact for ${contract} at ${path}: run \`npm run contracts:build\` first.`, { cause })
  }
  if (json.bytecode.linkReferences && Object.keys(json.bytecode.linkReferences).length > 0)
    throw new Error(`${contract} needs library linking, which the devnet deployer does not do.`)
  return { abi: json.abi, bytecode: json.bytecode.object as Hex }
}
