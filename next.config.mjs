/**
 * Next.js configuration.
 *
 * - No network at build time: fonts are system stacks (no next/font/google).
 * - `reactStrictMode` catches effects that are not idempotent (the engine worker must survive a
 *   double mount in development).
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
}

export default nextConfig
