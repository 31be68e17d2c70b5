import { defineConfig, devices } from '@playwright/test'
import { chromiumArgs, resolveChromiumExecutable } from './e2e/chromium'
import { e2eAnvilPort, e2eRpcUrl, e2eServicesPort, e2eServicesUrl } from './e2e/devnetPorts'

/**
 * Three servers: the devnet (chain, venue, keeper, price stream) the pages read; the production
 * build (`npm test` builds first) for every spec; and `next dev` for the `@dev` specs that prove
 * the worker bundling path also works in development. Ports are not the demo's (3000, 8545,
 * 8787), so a running demo is left alone.
 */
const prodPort = Number(process.env.E2E_PORT ?? 3100)
const devPort = prodPort + 1
const serverEnv = {
  NEXT_TELEMETRY_DISABLED: '1',
  MARGINFLOW_SERVICES_URL: e2eServicesUrl,
  MARGINFLOW_RPC_URL: e2eRpcUrl,
}

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
      // The demo runtime without the app: anvil, venue, keeper, stream, bot. /health answers 200
      // once the keeper has published; SIGTERM lets it stop anvil (its own process group).
      command: `npx tsx devnet/demo.ts --no-app --seed 5`,
      url: `${e2eServicesUrl}/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { MARGINFLOW_ANVIL_PORT: String(e2eAnvilPort), MARGINFLOW_SERVICES_PORT: String(e2eServicesPort) },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
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
