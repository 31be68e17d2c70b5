/**
 * An independent, slow, high-precision Black-Scholes-Merton reference for benchmarks and tests.
 *
 * Everything is computed in BigInt fixed point with 60 decimal digits, from scratch (no use of
 * lib/core, no Math.exp/log/erf): exp by argument reduction + Taylor series, ln by
 * 2·atanh((m−1)/(m+1)), sqrt by integer Newton, pi by Machin's formula, and the normal CDF by its
 * Taylor series N(x) = 1/2 + φ(x)·Σ x^(2n+1)/(2n+1)!!  (Abramowitz & Stegun 26.2.11), whose terms
 * are summed at 60 digits so the cancellation for negative x costs nothing that matters.
 * Inputs are taken as the exact binary values of the doubles passed in; the result is rounded to
 * a double only at the end. Accurate to far better than 1e-20 absolute for |d1|, |d2| <= 12.
 */

const DIGITS = 60n
const ONE = 10n ** DIGITS

const mul = (a: bigint, b: bigint) => (a * b) / ONE
const div = (a: bigint, b: bigint) => (a * ONE) / b

/** The exact value of a double, as fixed point (exact up to the 60-digit truncation). */
export function toFixed(x: number): bigint {
  if (!Number.isFinite(x)) throw new Error(`not finite: ${x}`)
  if (x === 0) return 0n
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const sign = bits >> 63n ? -1n : 1n
  const exponentBits = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n)
  const exponent = (exponentBits === 0 ? -1074 : exponentBits - 1075)
  const scaled = exponent >= 0 ? mantissa * ONE * (1n << BigInt(exponent)) : (mantissa * ONE) >> BigInt(-exponent)
  return sign * scaled
}

/** Rounds fixed point to the nearest double. */
export function toNumber(a: bigint): number {
  const negative = a < 0n
  const abs = negative ? -a : a
  const whole = abs / ONE
  const frac = abs % ONE
  const text = `${whole}.${frac.toString().padStart(Number(DIGITS), '0')}`
  return (negative ? -1 : 1) * Number(text)
}

function atanhInverse(n: bigint): bigint {
  // atanh(1/n) = Σ 1/((2k+1)·n^(2k+1))
  let power = ONE / n
  const n2 = n * n
  let sum = 0n
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k
    power /= n2
  }
  return sum
}

function atanInverse(n: bigint): bigint {
  let power = ONE / n
  const n2 = n * n
  let sum = 0n
  let sign = 1n
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += (sign * power) / k
    power /= n2
    sign = -sign
  }
  return sum
}

const LN2 = 2n * atanhInverse(3n)
const PI = 16n * atanInverse(5n) - 4n * atanInverse(239n)

export function sqrtFixed(a: bigint): bigint {
  if (a < 0n) throw new Error('sqrt of negative')
  if (a === 0n) return 0n
  const n = a * ONE
  let x = BigInt(Math.floor(Math.sqrt(Number(n)))) || 1n
  for (;;) {
    const y = (x + n / x) / 2n
    if (y >= x - 1n && y <= x + 1n) return y
    x = y
  }
}

export function expFixed(a: bigint): bigint {
  // a = k·ln2 + r, |r| <= ln2/2; exp(a) = 2^k · exp(r)
  const k = (a * 2n + (a >= 0n ? LN2 : -LN2)) / (2n * LN2)
  const r = a - k * LN2
  let term = ONE
  let sum = ONE
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, r) / n
    sum += term
  }
  return k >= 0n ? sum * (1n << k) : sum >> -k
}

export function lnFixed(a: bigint): bigint {
  if (a <= 0n) throw new Error('ln of non-positive')
  // a = m·2^k with m in [1, 2)
  let k = 0n
  let m = a
  while (m >= 2n * ONE) {
    m /= 2n
    k++
  }
  while (m < ONE) {
    m *= 2n
    k--
  }
  const t = div(m - ONE, m + ONE)
  const t2 = mul(t, t)
  let power = t
  let sum = 0n
  for (let n = 1n; power !== 0n; n += 2n) {
    sum += power / n
    power = mul(power, t2)
  }
  return 2n * sum + k * LN2
}

/** Standard normal CDF at fixed-point x (A&S 26.2.11 series). */
export function normalCdfFixed(x: bigint): bigint {
  const x2 = mul(x, x)
  let term = x
  let sum = x
  for (let n = 3n; term !== 0n; n += 2n) {
    term = mul(term, x2) / n
    sum += term
  }
  const density = div(expFixed(-x2 / 2n), sqrtFixed(2n * PI))
  return ONE / 2n + mul(density, sum)
}

export type HighPrecisionParameters = {
  kind: 'call' | 'put'
  spot: number
  strike: number
  years: number
  rate: number
  dividendYield: number
  vol: number
}

/** Generalized Black-Scholes-Merton price, computed at 60 digits and rounded to a double. */
export function highPrecisionBlackScholes({ kind, spot, strike, years, rate, dividendYield, vol }: HighPrecisionParameters): number {
  const S = toFixed(spot)
  const K = toFixed(strike)
  const T = toFixed(years)
  const r = toFixed(rate)
  const q = toFixed(dividendYield)
  const sigma = toFixed(vol)
  const sqrtT = sqrtFixed(T)
  const sigmaSqrtT = mul(sigma, sqrtT)
  const d1 = div(lnFixed(div(S, K)) + mul(r - q + mul(sigma, sigma) / 2n, T), sigmaSqrtT)
  const d2 = d1 - sigmaSqrtT
  const spotDiscounted = mul(S, expFixed(-mul(q, T)))
  const strikeDiscounted = mul(K, expFixed(-mul(r, T)))
  const price =
    kind === 'call'
      ? mul(spotDiscounted, normalCdfFixed(d1)) - mul(strikeDiscounted, normalCdfFixed(d2))
      : mul(strikeDiscounted, normalCdfFixed(-d2)) - mul(spotDiscounted, normalCdfFixed(-d1))
  return toNumber(price)
}
