import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import base from '../playwright.config'

/**
 * The browser benchmarks (`npm run bench:browser`: devnet action latency, tick → paint, long
 * tasks, frames, heap soak): the e2e suite's devnet and production server
 * (not `next dev`: numbers are for the build traders get), one worker, specs in bench/browser.
 * They write their results with bench/lib/results (bench/results/<suite>.json, latest.*).
 */
// Their commands are written for the repository root; Playwright runs them from the config's folder.
const root = fileURLToPath(new URL('..', import.meta.url))
const servers = (Array.isArray(base.webServer) ? base.webServer.slice(0, 2) : []).map((server) => ({ ...server, cwd: root }))

export default defineConfig({
  ...base,
  // No Playwright trace: its screencast asks the compositor for a copy of every frame (a full
  // software redraw and readback per frame, ~40 % of a core here), which no trader's browser pays.
  use: { ...base.use, trace: 'off', screenshot: 'off', video: 'off' },
  testDir: './browser',
  testMatch: /\.bench\.spec\.ts$/,
  outputDir: '../test-results/bench',
  timeout: 300_000,
  projects: [{ name: 'production', use: base.projects?.[0]?.use ?? {} }],
  webServer: servers,
})
