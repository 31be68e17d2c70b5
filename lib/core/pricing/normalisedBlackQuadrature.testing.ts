/**
 * Test-only reference for the normalised Black call b(x, s), x ≤ 0, independent of Φ, erfcx
 * and any cancellation: since b(x, 0) = 0 and ∂b/∂s = e^(−(x²/u² + u²/4)/2)/√(2π),
 *
 *   b(x, s) / (∂b/∂s)(x, s) = ∫₀ˢ exp(−x²(s² − u²)/(2u²s²) + (s² − u²)/8) du,
 *
 * an integral of a positive, smooth integrand that peaks at u = s. It is summed with 20-point
 * Gauss–Legendre panels from u = s downwards, each panel narrower than the integrand's local
 * e-folding length (and at most a quarter of u, to resolve the rise near u ≈ |x|), until the
 * remaining contribution is below 1e-22 of the total. Writing the exponent as differences
 * (s − u)(s + u) keeps it exact where the integrand matters.
 */
export function normalisedBlackQuadrature(x: number, s: number): number {
  const integrand = (u: number) => {
    const gap = (s - u) * (s + u)
    return Math.exp((-0.5 * x * x * gap) / (u * u * s * s) + gap / 8)
  }
  let total = 0
  let upper = s
  for (;;) {
    const rate = (x * x) / (upper * upper * upper) + upper / 4
    const width = Math.min(0.25 * upper, 1 / rate)
    const lower = upper - width
    let panel = 0
    for (let k = 0; k < NODES.length; k++) panel += (WEIGHTS[k] as number) * integrand(lower + 0.5 * width * ((NODES[k] as number) + 1))
    panel *= 0.5 * width
    total += panel
    if (lower <= 1e-300 || panel < 1e-22 * total) return total
    upper = lower
  }
}

const NODES: number[] = []
const WEIGHTS: number[] = []
{
  // Gauss–Legendre nodes and weights of order 20: roots of P₂₀ by Newton's method.
  const n = 20
  const legendre = (z: number): [number, number] => {
    let p = 1
    let previous = 0
    for (let j = 1; j <= n; j++) {
      const older = previous
      previous = p
      p = ((2 * j - 1) * z * previous - (j - 1) * older) / j
    }
    return [p, (n * (z * p - previous)) / (z * z - 1)]
  }
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5))
    for (let iteration = 0; iteration < 100; iteration++) {
      const [p, derivative] = legendre(z)
      const dz = p / derivative
      z -= dz
      if (Math.abs(dz) < 1e-16) break
    }
    const derivative = legendre(z)[1]
    NODES.push(z)
    WEIGHTS.push(2 / ((1 - z * z) * derivative * derivative))
  }
}
