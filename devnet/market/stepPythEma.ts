import type { InvalidInputError } from '../../lib/core/errors'
import { assertPositive } from '../../lib/core/validate'

/**
 * A Pyth-style moving average of one feed, plain data: the averages in USD and the total weight
 * behind them (in 1/USD: time weights over confidence).
 */
export type PythEma = { price: number; conf: number; weight: number }

/** Pyth's EMA horizon: samples one hour old carry half the weight. */
export const pythEmaHalfLifeSeconds = 3_600

export type StepPythEmaParameters = {
  /** The average so far; `undefined` before the first sample (the past is then taken to be this sample). */
  ema: PythEma | undefined
  /** The new sample: price and confidence, USD (> 0). */
  price: number
  conf: number
  /** Time since the previous sample, seconds (> 0): the span this sample stands for. */
  seconds: number
  /** Half-life of the weights, seconds; {@link pythEmaHalfLifeSeconds} when omitted. */
  halfLifeSeconds?: number
}
export type StepPythEmaReturnType = PythEma
export type StepPythEmaErrorType = InvalidInputError

/**
 * Folds one sample into a Pyth-style EMA price and confidence: "a slot-weighted, inverse
 * confidence-weighted exponential moving average" with a one-hour half-life (Pyth docs, "EMA
 * Price Aggregation"). With time weights decaying as 2^(−age/H), a sample covering the last Δ
 * seconds weighs (1 − 2^(−Δ/H)) / conf, the past decays by d = 2^(−Δ/H):
 *
 *   W′ = d·W + (1 − d)/conf     price′ = (d·W·price + (1 − d)·price_new/conf) / W′   (conf alike)
 *
 * A sample's weight grows with the time it stood for — so one step over a long gap counts as
 * that price held for the gap — and a wide-confidence sample barely moves the average (Pyth's
 * robustness to dislocated prints). Before the first sample the average is the sample itself.
 *
 * @example
 * let ema = stepPythEma({ ema: undefined, price: 60_000, conf: 15, seconds: 1 })
 * ema = stepPythEma({ ema, price: 54_000, conf: 15, seconds: 3_600 }) // price 57_000: half the weight is the last hour
 */
export function stepPythEma(parameters: StepPythEmaParameters): StepPythEmaReturnType {
  const { ema, price, conf, seconds, halfLifeSeconds = pythEmaHalfLifeSeconds } = parameters
  assertPositive('price', price)
  assertPositive('conf', conf)
  assertPositive('seconds', seconds)
  assertPositive('halfLifeSeconds', halfLifeSeconds)
  if (ema === undefined) return { price, conf, weight: 1 / conf }
  assertPositive('ema.price', ema.price)
  assertPositive('ema.conf', ema.conf)
  assertPositive('ema.weight', ema.weight)
  const decay = 2 ** (-seconds / halfLifeSeconds)
  const past = decay * ema.weight
  const sample = -Math.expm1((-seconds / halfLifeSeconds) * Math.LN2) / conf
  const weight = past + sample
  return {
    price: (past * ema.price + sample * price) / weight,
    conf: (past * ema.conf + sample * conf) / weight,
    weight,
  }
}
