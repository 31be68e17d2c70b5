import { describe, expect, it } from 'vitest'
import { engineConfigFromEnv } from '../engine/engineConfigFromEnv'
import { securityHeaders } from './securityHeaders'

/** The policy as directive → sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ')
      return [name!, sources]
    }),
  )
}

describe('securityHeaders', () => {
  it('demo: connects only to the app and the configured stream and RPC (HTTP and WebSocket) origins', () => {
    const setup = engineConfigFromEnv({ MARGINFLOW_SERVICES_URL: 'http://127.0.0.1:8887/', MARGINFLOW_RPC_URL: 'http://127.0.0.1:8645' })
    const csp = directives(securityHeaders({ setup })['Content-Security-Policy']!)
    expect(csp['connect-src']).toEqual(["'self'", 'http://127.0.0.1:8887', 'http://127.0.0.1:8645', 'ws://127.0.0.1:8645'])
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['worker-src']).toEqual(["'self'", 'blob:'])
    expect(csp['script-src']).not.toContain("'unsafe-eval'")
    for (const sources of Object.values(csp)) for (const source of sources) expect(source).not.toMatch(/\*|^https?:$/) // no wildcard, no scheme-wide source
  })

  it('live: the relay is the app itself, so the page connects to its own origin only', () => {
    const csp = directives(securityHeaders({ setup: engineConfigFromEnv({ MARGINFLOW_MODE: 'live' }) })['Content-Security-Policy']!)
    expect(csp['connect-src']).toEqual(["'self'"])
  })

  it("development allows eval (React's dev build), production does not; the other headers are set", () => {
    const setup = engineConfigFromEnv({})
    expect(directives(securityHeaders({ setup, development: true })['Content-Security-Policy']!)['script-src']).toContain("'unsafe-eval'")
    expect(securityHeaders({ setup })).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' })
  })
})
