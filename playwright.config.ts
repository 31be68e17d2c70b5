import { defineConfig, devices } from '@playwright/test'
import { chromiumArgs, resolveChromiumExecutable } from './e2e/chromium'

/**
 * Two servers: the production build (`npm test` builds first) for every spec, and `next dev` for
 * the `@dev` specs that prove the worker bundling path also works in development. Ports are not
 * 3000, so a running demo is left alone.
 */
const prodPort = Number(process.env.E2E_PORT ?? 3100)
const devPort = prodPort + 1
const serverEnv = { NEXT_TELEMETRY_DISABLED: '1' }

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: resolveChromiumExecutable(), args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'production', use: { baseURL: `http://127.0.0.1:${prodPort}` } },
    { name: 'dev', grep: /@dev/, use: { baseURL: `http://127.0.0.1:${devPort}` } },
  ],
  webServer: [
    {
      command: `npx next start -p ${prodPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${prodPort}`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: serverEnv,
    },
    {
      command: `npx next dev -p ${devPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${devPort}`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv,
    },
  ],
})
