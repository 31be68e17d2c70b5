#!/usr/bin/env node
/**
 * A solc-compatible command line backed by solc-js (the `solc` npm package), so forge compiles
 * offline with the compiler the lockfile pins instead of downloading a native one.
 *
 * Forge only needs two things from a compiler binary (foundry-compilers, `Solc::version` and
 * `Solc::compile`):
 *   --version          its last non-empty line must read `Version: <semver>`;
 *   --standard-json    Standard JSON input on stdin, Standard JSON output on stdout.
 * Forge passes every source inline, but `--base-path`, `--include-path` and `--allow-paths` are
 * honoured by the import callback anyway, like native solc, in case an import is left unresolved.
 */
import { readFileSync, existsSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, resolve, sep } from 'node:path'

const require = createRequire(import.meta.url)

function parseArguments(argv) {
  const options = { basePath: undefined, includePaths: [], allowPaths: [], mode: undefined }
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]
    const [flag, inlineValue] = argument.includes('=') ? argument.split(/=(.*)/s) : [argument, undefined]
    const value = () => inlineValue ?? argv[++i]
    switch (flag) {
      case '--version':
        options.mode = 'version'
        break
      case '--standard-json':
        options.mode = 'standard-json'
        break
      case '--base-path':
        options.basePath = value()
        break
      case '--include-path':
        options.includePaths.push(value())
        break
      case '--allow-paths':
        options.allowPaths.push(...value().split(','))
        break
      default:
        // Native solc accepts flags forge never sends to a standard-json run; ignore them rather
        // than fail a build over, e.g., `--no-color`.
        break
    }
  }
  return options
}

/** Loads an import the way solc's own file reader does: base path first, then include paths. */
function makeImportCallback({ basePath, includePaths, allowPaths }) {
  const roots = [basePath ?? process.cwd(), ...includePaths].map((root) => resolve(root))
  const allowed = [...roots, ...allowPaths.map((root) => resolve(root))]
  const isAllowed = (file) => {
    const real = realpathSync(file)
    return allowed.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))
  }
  return (sourceUnitName) => {
    const candidates = isAbsolute(sourceUnitName) ? [sourceUnitName] : roots.map((root) => join(root, sourceUnitName))
    for (const file of candidates) {
      if (!existsSync(file)) continue
      if (!isAllowed(file)) return { error: `File outside of allowed directories: ${sourceUnitName}` }
      return { contents: readFileSync(file, 'utf8') }
    }
    return { error: `File not found: ${sourceUnitName}` }
  }
}

function readStdin() {
  return readFileSync(0, 'utf8')
}

const options = parseArguments(process.argv.slice(2))
// solc-js installs an uncaught-exception handler that swallows errors; load it only when needed.
const solc = require('solc')

if (options.mode === 'version') {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`)
} else if (options.mode === 'standard-json') {
  const input = readStdin()
  const output = solc.compile(input, { import: makeImportCallback(options) })
  process.stdout.write(output)
} else {
  process.stderr.write('scripts/solc.mjs supports only --version and --standard-json (solc-js backed).\n')
  process.exit(1)
}
