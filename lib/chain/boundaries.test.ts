import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * DESIGN.md §1–2: lib/chain runs in the engine worker and in the page (the browser bundles it),
 * so it imports only viem, lib/core and itself — nothing from devnet/ or contracts/, no Node
 * built-in — and touches no DOM. Tests and `.testing.ts` helpers may use anvil, devnet/ and Node.
 */
const root = fileURLToPath(new URL('.', import.meta.url))
const core = resolve(root, '../core')

const chainFiles = readdirSync(root)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.testing.ts'))
  .map((name) => join(root, name))

describe('lib/chain boundaries', () => {
  it('has modules to check', () => {
    expect(chainFiles.length).toBeGreaterThanOrEqual(12)
  })

  it.each(chainFiles.map((file) => [relative(root, file), file]))('%s imports only viem, lib/core and lib/chain', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
      if (specifier === 'viem' || specifier?.startsWith('viem/')) continue
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//)
      const target = resolve(file, '..', specifier!)
      const inside = (dir: string) => !relative(dir, target).startsWith('..')
      expect(inside(root) || inside(core), `${file} reaches outside lib/chain and lib/core: ${specifier}`).toBe(true)
    }
    expect(text).not.toMatch(/\b(window|document|localStorage|process\.|require\()/)
  })
})
