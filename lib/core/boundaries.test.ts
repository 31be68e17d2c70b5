import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * DESIGN.md §1: lib/core is pure TypeScript that runs in a worker, in Node and in tests — it
 * imports nothing from the rest of the project, no package, no Node built-in, and touches no DOM
 * or React. Tests and `.testing.ts` helpers may use vitest, fast-check and Node.
 */
const root = fileURLToPath(new URL('.', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )
}

const engineFiles = sourceFiles(root).filter((file) => !file.endsWith('.test.ts') && !file.endsWith('.testing.ts'))

describe('lib/core boundaries', () => {
  it('has engine files to check', () => {
    expect(engineFiles.length).toBeGreaterThan(40)
  })

  it.each(engineFiles.map((file) => [relative(root, file), file]))('%s imports only lib/core modules', (_name, file) => {
    // Comments may mention anything ("a Poisson process."); only code counts.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//)
      const target = resolve(file, '..', specifier!)
      expect(relative(root, target).startsWith('..'), `${file} reaches outside lib/core: ${specifier}`).toBe(false)
    }
    expect(text).not.toMatch(/\b(window|document|localStorage|process\.|require\()/)
  })
})
