/**
 * `npm run bench:core`: the engine's speed and accuracy budgets (issue 3), measured side by side
 * in one run and written to bench/results/core.json (+ latest.json / latest.md).
 *
 * - optionGreeks (price + delta, gamma, vega, theta) vs the npm `black-scholes` + `greeks` pair and
 *   vs `@uqee/black-scholes` in its double-precision mode; max abs price error of each against a
 *   1,600-bit BigInt reference (lib/core/math/highPrecisionNormal.testing.ts, `referenceOptionPrice`).
 * - impliedVol vs the npm `implied-volatility` package; absolute solves per second.
 * - evaluateAccount on a power-user book (3 perps, 200 options on BTC and ETH, 3 collateral
 *   assets): full evaluation, one underlying ticked, and liquidation prices.
 *
 * Inputs come from a low-discrepancy (Weyl) sequence, so every run measures the same options.
 */
import { createRequire } from 'node:module'
import { optionGreeks } from '../lib/core/pricing/optionGreeks'
import { optionPrice } from '../lib/core/pricing/optionPrice'
import { impliedVol } from '../lib/core/pricing/impliedVol'
import { referenceOptionPrice } from '../lib/core/math/highPrecisionNormal.testing'
import { impliedVolUncertainty } from '../lib/core/pricing/impliedVolUncertainty.testing'
import { measureSideBySide } from './lib/measure'
import { atLeast, atMost, info, writeSuite, type BenchResult } from './lib/results'
import { benchAccount } from './core/benchAccount'

const require = createRequire(import.meta.url)
const bsPackage = require('black-scholes') as { blackScholes: (s: number, k: number, t: number, v: number, r: number, callPut: string) => number }
const greeksPackage = require('greeks') as Record<'getDelta' | 'getGamma' | 'getVega' | 'getTheta', (...args: unknown[]) => number>
const impliedVolatilityPackage = require('implied-volatility') as { getImpliedVolatility: (price: number, s: number, k: number, t: number, r: number, callPut: string) => number }
const { BlackScholes: UqeeBlackScholes } = require('@uqee/black-scholes') as {
  BlackScholes: new (options: { sigmaToPricePrecision: 'single' | 'double' }) => { option: (o: { rate: number; sigma: number; strike: number; time: number; type: 'call' | 'put'; underlying: number }) => { price: number; delta: number; gamma: number; vega: number; theta: number } }
}

type Input = { kind: 'call' | 'put'; spot: number; strike: number; years: number; rate: number; dividendYield: number; vol: number }

/** fract(i·α) for the i-th point of a Weyl sequence with irrational step α. */
const weyl = (i: number, alpha: number) => (i * alpha) % 1

/** Options a crypto desk prices: moneyness 0.6–1.6, 1 day–2 years, vol 20–150 %, rate 0–8 %; no dividend (the packages have none). */
function makeInputs(count: number): Input[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: i % 2 === 0 ? 'call' : 'put',
    spot: 100,
    strike: 100 * (0.6 + weyl(i, 0.7548776662466927)),
    years: 1 / 365 + 2 * weyl(i, 0.5698402909980532),
    rate: 0.08 * weyl(i, 0.3819660112501051),
    dividendYield: 0,
    vol: 0.2 + 1.3 * weyl(i, 0.2360679774997897),
  }))
}

const results: BenchResult[] = []
const inputs = makeInputs(4096)
const mask = inputs.length - 1

// --- optionGreeks vs the npm packages -------------------------------------------------------
const uqee = new UqeeBlackScholes({ sigmaToPricePrecision: 'double' })
const [ours, pair, uqeeTime] = measureSideBySide([
  (calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      const g = optionGreeks(inputs[i & mask]!)
      acc += g.price + g.delta + g.gamma + g.vega + g.theta
    }
    return acc
  },
  (calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      const o = inputs[i & mask]!
      acc += bsPackage.blackScholes(o.spot, o.strike, o.years, o.vol, o.rate, o.kind)
      acc += greeksPackage.getDelta(o.spot, o.strike, o.years, o.vol, o.rate, o.kind)
      acc += greeksPackage.getGamma(o.spot, o.strike, o.years, o.vol, o.rate)
      acc += greeksPackage.getVega(o.spot, o.strike, o.years, o.vol, o.rate)
      acc += greeksPackage.getTheta(o.spot, o.strike, o.years, o.vol, o.rate, o.kind)
    }
    return acc
  },
  (calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      const o = inputs[i & mask]!
      const g = uqee.option({ rate: o.rate, sigma: o.vol, strike: o.strike, time: o.years, type: o.kind, underlying: o.spot })
      acc += g.price + g.delta + g.gamma + g.vega + g.theta
    }
    return acc
  },
])

// Accuracy against the high-precision reference, on a sample (the reference is slow).
const accuracySample = inputs.slice(0, 1024)
let ourError = 0
let pairError = 0
let uqeeError = 0
for (const o of accuracySample) {
  const truth = referenceOptionPrice(o)
  ourError = Math.max(ourError, Math.abs(optionGreeks(o).price - truth))
  pairError = Math.max(pairError, Math.abs(bsPackage.blackScholes(o.spot, o.strike, o.years, o.vol, o.rate, o.kind) - truth))
  uqeeError = Math.max(uqeeError, Math.abs(uqee.option({ rate: o.rate, sigma: o.vol, strike: o.strike, time: o.years, type: o.kind, underlying: o.spot }).price - truth))
}

results.push(
  info('optionGreeks ns/call', ours!.medianNs, 'ns', 'price + delta, gamma, vega, theta (+ rho); median of interleaved rounds'),
  atLeast('optionGreeks speed vs black-scholes+greeks', pair!.medianNs / ours!.medianNs, '×', 100, `pair ${pair!.medianNs.toFixed(0)} ns/call for the same five figures`),
  atLeast('optionGreeks speed vs @uqee/black-scholes (double)', uqeeTime!.medianNs / ours!.medianNs, '×', 1, `@uqee ${uqeeTime!.medianNs.toFixed(0)} ns/call`),
  atMost('optionGreeks max abs price error', ourError, 'USD', 1e-12, `vs a 1,600-bit BigInt reference, ${accuracySample.length} options, spot 100`),
  info('black-scholes max abs price error', pairError, 'USD', 'same reference and sample, for context'),
  info('@uqee/black-scholes (double) max abs price error', uqeeError, 'USD', 'same reference and sample, for context'),
)

// --- impliedVol vs implied-volatility ------------------------------------------------------
// Object literals, not `{ ...o, price }`: V8 on Node 20 reads spread-built objects ~10× slower,
// which would measure object layout rather than the solver (the packages take positional arguments).
const priced = inputs.map((o) => ({ kind: o.kind, spot: o.spot, strike: o.strike, years: o.years, rate: o.rate, dividendYield: o.dividendYield, price: optionPrice(o), vol: o.vol }))
// Options whose price carries no information about vol (flat vega: deep out of the money, a day
// to expiry) get a typed error by design; they are counted, and the timing uses the rest.
const solvable = priced.filter((o) => {
  try {
    impliedVol(o)
    return true
  } catch {
    return false
  }
})
const ivInputs = Array.from({ length: 4096 }, (_, i) => {
  const o = solvable[i % solvable.length]!
  return { kind: o.kind, spot: o.spot, strike: o.strike, years: o.years, rate: o.rate, dividendYield: o.dividendYield, price: o.price }
})
const [ourIv, packageIv] = measureSideBySide(
  [
    (calls) => {
      let acc = 0
      for (let i = 0; i < calls; i++) acc += impliedVol(ivInputs[i & mask]!)
      return acc
    },
    (calls) => {
      let acc = 0
      for (let i = 0; i < calls; i++) {
        const o = ivInputs[i & mask]!
        acc += impliedVolatilityPackage.getImpliedVolatility(o.price, o.spot, o.strike, o.years, o.rate, o.kind)
      }
      return acc
    },
  ],
  { rounds: 15 },
)
// The issue's bar: round trip to 1e-12 wherever vega is not negligible, i.e. where one rounding
// of the price moves the vol by at most 1e-12 relative (impliedVolUncertainty, shared with the tests).
let ivError = 0
let sensitive = 0
for (const o of solvable) {
  if (impliedVolUncertainty(o, o.vol) > 1e-12) continue
  sensitive++
  ivError = Math.max(ivError, Math.abs(impliedVol(o) - o.vol) / o.vol)
}
results.push(
  atLeast('impliedVol solves/s', 1e9 / ourIv!.medianNs, 'solves/s', 1_000_000, `${ourIv!.medianNs.toFixed(0)} ns/solve`),
  atLeast('impliedVol speed vs implied-volatility', packageIv!.medianNs / ourIv!.medianNs, '×', 1000, `package ${(packageIv!.medianNs / 1000).toFixed(1)} µs/solve (it stops at a cent)`),
  atMost('impliedVol round-trip error where vega is not negligible', ivError, 'relative', 1e-12, `${sensitive} of ${priced.length} options (one price ulp moves vol <= 1e-12); ${priced.length - solvable.length} raise ImpliedVolError (flat vega); the rest carry less vol information than 1e-12`),
)

// --- evaluateAccount on the power-user book --------------------------------------------------
results.push(...benchAccount())

writeSuite('core', results)
for (const r of results)
  console.log(`${r.ok === false ? 'MISS' : r.ok ? ' ok ' : '    '} ${r.name}: ${Number(r.value.toPrecision(4))} ${r.unit}${r.budget ? ` (budget ${r.budget})` : ''} — ${r.notes}`)
