import { NextResponse } from 'next/server'
import { engineConfigFromEnv } from '@/lib/engine/engineConfigFromEnv'
import { securityHeaders } from '@/lib/security/securityHeaders'

/**
 * Every page gets the security headers (issue 10, lib/security/securityHeaders): set here, at
 * request time, because the endpoints the policy allows come from the server's environment
 * (`MARGINFLOW_*`), which one build serves with any devnet ports.
 */
export function proxy() {
  const response = NextResponse.next()
  const headers = securityHeaders({ setup: engineConfigFromEnv(process.env), development: process.env.NODE_ENV === 'development' })
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

export const config = {
  // Pages and API routes; not the build's static files (immutable, no document to protect).
  matcher: ['/((?!_next/static|_next/image|favicon.svg).*)'],
}
