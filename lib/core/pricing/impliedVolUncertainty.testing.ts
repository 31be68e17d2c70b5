import { normalCdf } from '../math/normalCdf'
import type { OptionMarket } from './types'

/**
 * What the price itself can say about the vol. `optionPrice` forms S·e^(−qT)·Φ(ωd₁) − K·e^(−rT)·Φ(ωd₂);
 * each term carries a rounding of about ε·(1 + d²) relative (the d² from rounding d itself), so
 * the price is uncertain by about ε·(1 + d₁² + d₂²)·(sum of the terms), and the vol by that over
 * σ·vega. Where this `u` is at most 1e-12 the vega is "not negligible": the round trip must
 * recover σ to 1e-12. Elsewhere no method can, and only a typed error or a vol within a few u
 * is acceptable. Vega in closed form: S·e^(−qT)·φ(d₁)·√T (Hull, "The Greek letters").
 */
export function impliedVolUncertainty(market: OptionMarket, vol: number): number {
  const { kind, spot, strike, years, rate, dividendYield } = market
  const omega = kind === 'call' ? 1 : -1
  const totalVol = vol * Math.sqrt(years)
  const d1 = (Math.log(spot / strike) + (rate - dividendYield) * years) / totalVol + totalVol / 2
  const d2 = d1 - totalVol
  const discountedForward = spot * Math.exp(-dividendYield * years)
  const terms = discountedForward * normalCdf(omega * d1) + strike * Math.exp(-rate * years) * normalCdf(omega * d2)
  const vega = (discountedForward * Math.exp(-0.5 * d1 * d1) * Math.sqrt(years)) / Math.sqrt(2 * Math.PI)
  return Math.max(Number.EPSILON * (1 + d1 * d1 + d2 * d2) * terms, Number.MIN_VALUE) / (vol * vega)
}
