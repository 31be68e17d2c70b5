/**
 * Ports of the devnet the e2e suite starts (playwright.config.ts) and its specs talk to: derived
 * from the app's e2e port (3100 by default → anvil 8645, services 8887), away from the demo's
 * 8545 and 8787, so a running `npm run demo` is left alone.
 */
const appPort = Number(process.env.E2E_PORT ?? 3100)

export const e2eAnvilPort = appPort + 5545
export const e2eServicesPort = appPort + 5787
export const e2eRpcUrl = `http://127.0.0.1:${e2eAnvilPort}`
export const e2eServicesUrl = `http://127.0.0.1:${e2eServicesPort}`
