/**
 * Test-only high-precision reference for erfc, erfcx, the normal CDF and the Black-Scholes value,
 * independent of Cody's rational approximations: binary fixed-point arithmetic on BigInt (values are `v / 2^BITS`),
 * with
 * - π from Machin's formula π = 16·atan(1/5) − 4·atan(1/239);
 * - exp(a) by Taylor series on a/2^16, then 16 squarings;
 * - the everywhere-convergent, all-positive series (Abramowitz & Stegun 7.1.6)
 *   erf(z) = (2/√π)·exp(−z²)·Σₙ 2ⁿ z^(2n+1) / (1·3·…·(2n+1)),
 *   so erfcx(z) = exp(z²) − (2/√π)·Σₙ …, evaluated with 1,600 fractional bits — enough to absorb
 *   the cancellation of exp(z²) ≈ 2^1052 at z = 27 and keep > 400 significant bits.
 * Inputs are converted from doubles exactly, so the reference is the true function value at the
 * double argument, rounded once (to nearest) to a double.
 */

const BITS = 1600n
const ONE = 1n << BITS

function mul(a: bigint, b: bigint): bigint {
  return (a * b) >> BITS
}

function div(a: bigint, b: bigint): bigint {
  return (a << BITS) / b
}

function sqrt(a: bigint): bigint {
  // integer square root of a·2^BITS
  const n = a << BITS
  if (n === 0n) return 0n
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1)
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) return x
    x = y
  }
}

function atanInverse(k: bigint): bigint {
  // atan(1/k) = Σ (−1)ⁿ / ((2n+1)·k^(2n+1))
  let power = ONE / k
  let sum = 0n
  const k2 = k * k
  for (let n = 0n; power !== 0n; n++) {
    const term = power / (2n * n + 1n)
    sum += n % 2n === 0n ? term : -term
    power /= k2
  }
  return sum
}

const PI = 16n * atanInverse(5n) - 4n * atanInverse(239n)
const TWO_OVER_SQRT_PI = div(2n * ONE, sqrt(PI))
const SQRT_HALF = sqrt(ONE / 2n)

function exp(a: bigint): bigint {
  const negative = a < 0n
  const reduced = (negative ? -a : a) >> 16n
  let term = ONE
  let sum = ONE
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, reduced) / n
    sum += term
  }
  for (let i = 0; i < 16; i++) sum = mul(sum, sum)
  return negative ? div(ONE, sum) : sum
}

/** Exact conversion of a finite double to fixed point. */
function fromDouble(x: number): bigint {
  if (x === 0) return 0n
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const exponentBits = Number((bits >> 52n) & 0x7ffn)
  let mantissa = bits & ((1n << 52n) - 1n)
  if (exponentBits !== 0) mantissa |= 1n << 52n
  const exponent = BigInt((exponentBits === 0 ? 1 : exponentBits) - 1075) + BITS
  const magnitude = exponent >= 0n ? mantissa << exponent : mantissa >> -exponent
  return x < 0 ? -magnitude : magnitude
}

/** Nearest double to a fixed-point value (one rounding, up to a negligible double rounding). */
function toDouble(v: bigint): number {
  if (v === 0n) return 0
  const negative = v < 0n
  const magnitude = negative ? -v : v
  const length = magnitude.toString(2).length
  const shift = length > 64 ? length - 64 : 0
  const top = Number(magnitude >> BigInt(shift))
  const exponent = shift - Number(BITS)
  const half = Math.trunc(exponent / 2)
  const scaled = top * 2 ** half * 2 ** (exponent - half) // split: neither factor over/underflows
  return negative ? -scaled : scaled
}

/** erfcx(z) = exp(z²)·erfc(z), z ≥ 0, in fixed point. */
function erfcxFixed(z: bigint): bigint {
  const z2 = mul(z, z)
  let term = z
  let sum = z
  const twoZ2 = 2n * z2
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, twoZ2) / (2n * n + 1n)
    sum += term
  }
  return exp(z2) - mul(TWO_OVER_SQRT_PI, sum)
}

/** erfcx(x) at the exact double x, to about one rounding. Valid for −26 ≤ x ≤ 27. */
export function referenceErfcx(x: number): number {
  const z = fromDouble(x)
  if (z >= 0n) return toDouble(erfcxFixed(z))
  return toDouble(2n * exp(mul(z, z)) - erfcxFixed(-z))
}

/** erfc(x) at the exact double x. Valid for −26 ≤ x ≤ 27. */
export function referenceErfc(x: number): number {
  const z = fromDouble(x)
  const magnitude = z < 0n ? -z : z
  const upper = mul(erfcxFixed(magnitude), exp(-mul(z, z)))
  return toDouble(z < 0n ? 2n * ONE - upper : upper)
}

/** Φ(x) = ½·erfc(−x/√2) at the exact double x. Valid for −38 ≤ x ≤ 38. */
export function referenceNormalCdf(x: number): number {
  const z = mul(fromDouble(-x), SQRT_HALF)
  const magnitude = z < 0n ? -z : z
  const upper = mul(erfcxFixed(magnitude), exp(-mul(z, z)))
  return toDouble((z < 0n ? 2n * ONE - upper : upper) / 2n)
}

/** Φ(x) − p at the exact doubles x and p, rounded once (to test quantiles without cancellation). */
export function referenceNormalCdfMinus(x: number, p: number): number {
  const z = mul(fromDouble(-x), SQRT_HALF)
  const magnitude = z < 0n ? -z : z
  const upper = mul(erfcxFixed(magnitude), exp(-mul(z, z)))
  return toDouble((z < 0n ? 2n * ONE - upper : upper) / 2n - fromDouble(p))
}

/** φ(x) = exp(−x²/2)/√(2π) at the exact double x. */
export function referenceNormalPdf(x: number): number {
  const v = fromDouble(x)
  return toDouble(div(exp(-mul(v, v) / 2n), sqrt(2n * PI)))
}

/** erf(x) = (2/√π)·exp(−x²)·Σₙ 2ⁿx^(2n+1)/(2n+1)!! at the exact double x (no cancellation). */
export function referenceErf(x: number): number {
  const z = fromDouble(x)
  const z2 = mul(z, z)
  let term = z
  let sum = z
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, 2n * z2) / (2n * n + 1n)
    sum += term
  }
  return toDouble(mul(mul(TWO_OVER_SQRT_PI, exp(-z2)), sum))
}

/**
 * Generalized Black-Scholes-Merton value at the exact doubles given (Haug §1.1.6), every step —
 * ln, exp, √, Φ — in 1,600-bit fixed point: an independent reference for `optionPrice`.
 * ln uses Halley's iteration y ← y + 2(a − eʸ)/(a + eʸ) from the double estimate.
 */
export function referenceOptionPrice(parameters: {
  kind: 'call' | 'put'
  spot: number
  strike: number
  years: number
  rate: number
  dividendYield: number
  vol: number
}): number {
  const { kind, spot, strike, years, rate, dividendYield, vol } = parameters
  const s = fromDouble(spot)
  const k = fromDouble(strike)
  const t = fromDouble(years)
  const r = fromDouble(rate)
  const q = fromDouble(dividendYield)
  const v = fromDouble(vol)
  const stdDev = mul(v, sqrt(t))
  const logMoneyness = log(div(s, k)) + mul(r - q, t)
  const d1 = div(logMoneyness, stdDev) + stdDev / 2n
  const d2 = d1 - stdDev
  const forward = mul(s, exp(-mul(q, t)))
  const bond = mul(k, exp(-mul(r, t)))
  const value =
    kind === 'call' ? mul(forward, cdfFixed(d1)) - mul(bond, cdfFixed(d2)) : mul(bond, cdfFixed(-d2)) - mul(forward, cdfFixed(-d1))
  return toDouble(value)
}

function log(a: bigint): bigint {
  let y = fromDouble(Math.log(toDouble(a)))
  for (let i = 0; i < 5; i++) {
    const e = exp(y)
    y += div(2n * (a - e), a + e)
  }
  return y
}

/** Φ(x) for x in fixed point. */
function cdfFixed(x: bigint): bigint {
  const z = mul(-x, SQRT_HALF)
  const magnitude = z < 0n ? -z : z
  const upper = mul(erfcxFixed(magnitude), exp(-mul(z, z)))
  return (z < 0n ? 2n * ONE - upper : upper) / 2n
}
