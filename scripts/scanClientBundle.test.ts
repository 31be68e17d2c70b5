import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error a plain .mjs script without types
import { scanClientBundle } from './scanClientBundle.mjs'

describe('scanClientBundle', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))
  const bundle = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
    dirs.push(dir)
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true })
      writeFileSync(join(dir, name), content)
    }
    return dir
  }

  it('finds a secret planted in a nested chunk, as text or base64, and says where', () => {
    const secret = 'canary-pyth-key-7f3a9c'
    const dir = bundle({
      'chunks/app.js': 'console.log(1)',
      'chunks/deep/page.js': `const k="${secret}"`,
      'css/app.css': `/* ${Buffer.from(secret).toString('base64')} */`,
    })
    const result = scanClientBundle(dir, [secret])
    expect(result.files).toBe(3)
    expect(result.hits.map((hit: string) => hit.slice(dir.length))).toEqual(['/chunks/deep/page.js', '/css/app.css'])
  })

  it('a clean bundle has no hits', () => {
    const dir = bundle({ 'chunks/app.js': 'fetch("/api/hermes/v2/updates")' })
    expect(scanClientBundle(dir, ['canary-pyth-key-7f3a9c']).hits).toEqual([])
  })
})
