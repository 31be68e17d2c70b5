import { existsSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { chromium } from '@playwright/test'

/**
 * Which Chromium the tests drive: a Playwright-managed build when one is installed, else the
 * system `chromium` (Debian's package, installed by .ci/run). Tests never download a browser.
 */
export function resolveChromiumExecutable(): string | undefined {
  const managed = chromium.executablePath()
  if (managed && existsSync(managed)) return undefined // Playwright finds its own build
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim()
      if (path) return path
    } catch {
      // not on PATH: try the next name
    }
  }
  throw new Error('No Chromium found: install Debian\'s `chromium` package (apt-get install chromium); .ci/run does this.')
}

/**
 * Flags for headless Chromium as root in a container with no outside network: no sandbox (root),
 * no GPU, and no background connections that this machine's closed network would refuse.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
