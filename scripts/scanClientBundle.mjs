#!/usr/bin/env node
/**
 * Server secrets never reach the browser (issue 10, security): scans every file of the client
 * build output (`.next/static`: what any visitor can download) for given secret values, as
 * text and base64. `npm test` builds with a known canary `PYTH_API_KEY` and runs this after the
 * build; it fails on a hit, and when there is no client output to scan (a scan of nothing proves
 * nothing).
 *
 *   node scripts/scanClientBundle.mjs <dir> <secret>...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Every file under `dir` that contains one of `secrets` (plain or base64-encoded), with the
 * number of files and bytes scanned.
 * @param {string} dir
 * @param {string[]} secrets
 */
export function scanClientBundle(dir, secrets) {
  const needles = secrets.flatMap((secret) => [Buffer.from(secret), Buffer.from(Buffer.from(secret).toString('base64'))])
  const hits = []
  let files = 0
  let bytes = 0
  const walk = (path) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      if (statSync(full).isDirectory()) walk(full)
      else {
        const content = readFileSync(full)
        files += 1
        bytes += content.length
        if (needles.some((needle) => content.includes(needle))) hits.push(full)
      }
    }
  }
  walk(dir)
  return { files, bytes, hits }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, ...secrets] = process.argv.slice(2)
  if (!dir || secrets.length === 0 || secrets.some((s) => s.length < 12)) {
    console.error('usage: scanClientBundle.mjs <dir> <secret (>= 12 characters)>...')
    process.exit(2)
  }
  const { files, bytes, hits } = scanClientBundle(dir, secrets)
  console.log(`scanned ${files} client files (${(bytes / 1024).toFixed(0)} KiB) for ${secrets.length} secret(s): ${hits.length} hit(s)`)
  for (const hit of hits) console.error(`  secret found in ${hit}`)
  process.exit(files === 0 || hits.length > 0 ? 1 : 0)
}
