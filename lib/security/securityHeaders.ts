import type { EngineSetup } from '../engine/engineConfigFromEnv'

export type SecurityHeadersParameters = {
  /** The page's wiring (`engineConfigFromEnv`): the stream and chain endpoints the page may reach. */
  setup: EngineSetup
  /** `next dev`: React's development build evaluates code (`'unsafe-eval'`); production never does. */
  development?: boolean
}

/** The origin of an absolute URL (`http://127.0.0.1:8787`), or nothing for a relative one (the app's own origin: `'self'`). */
function origin(url: string | undefined): string[] {
  if (url === undefined || !/^(https?|wss?):\/\//.test(url)) return []
  return [new URL(url).origin]
}

/**
 * The security headers of every page (issue 10). The Content-Security-Policy lets the page load
 * code, styles, fonts and workers from its own origin only, and connect only to its own origin
 * and the endpoints it is configured with — the devnet's price stream and RPC (HTTP and
 * WebSocket) in the demo; in live mode the app's own `/api/hermes` relay, so nothing else. No
 * framing (`frame-ancestors 'none'`), no plugins, no `<base>` rewrites, forms post to the app only.
 *
 * Two allowances, and why: `script-src 'unsafe-inline'` — the App Router streams its payload in
 * inline scripts and the pages are prerendered, so a per-request nonce would make every page
 * dynamic; origins stay locked, which is what stops a script from elsewhere. `style-src
 * 'unsafe-inline'` — React `style` attributes (gauge and heatmap geometry, chart canvases).
 * No SharedArrayBuffer is used, so no COOP/COEP isolation is needed (and none is set: it would
 * block nothing we load but costs cross-origin popups such as wallet windows).
 *
 * @example
 * securityHeaders({ setup: engineConfigFromEnv(process.env) })['Content-Security-Policy']
 * // "default-src 'self'; script-src 'self' 'unsafe-inline'; …; connect-src 'self' http://127.0.0.1:8787 http://127.0.0.1:8545 ws://127.0.0.1:8545; …"
 */
export function securityHeaders({ setup, development = false }: SecurityHeadersParameters): Record<string, string> {
  const { config } = setup
  const connect = [...new Set(["'self'", ...origin(config.priceStreamUrl), ...origin(config.volatilityStreamUrl), ...origin(config.rpcUrl), ...origin(config.wsUrl)])]
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  }
}
