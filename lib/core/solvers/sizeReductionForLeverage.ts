import type { InvalidInputError, NoSolutionError } from '../errors'
import { bracketRoot } from '../math/bracketRoot'
import { brent } from '../math/brent'
import { accountRisk, type AccountRiskReturnType } from '../risk/accountRisk'
import type { Account, Markets, RiskParams } from '../risk/types'
import { validateAccount, type ValidateAccountErrorType } from '../risk/validateAccount'
import { assertFinite, assertOneOf, assertPositive } from '../validate'
import { reduceBook, type OptionReduction, type PerpReduction } from './reduceBook'
import type { Change } from './riskChanges'

export type SizeReductionForLeverageParameters = {
  account: Account
  markets: Markets
  params: RiskParams
  /** Target leverage, a multiple (> 0). */
  targetLeverage: number
  /** Gross (Σ|notional| / A, default) or net (delta-adjusted). */
  measure?: 'gross' | 'net'
  /** Each market's current skew, base units (long − short open interest; default 0). */
  skews?: Record<string, number>
}

export type SizeReductionForLeverageReturnType = {
  /** Fraction of every cross position to close, in [0, 1] (0: already at or below target). */
  fraction: number
  /** The perp trades (one per market), with their fill prices and fees. */
  perps: PerpReduction[]
  /** The option trades, at the model mark. */
  options: OptionReduction[]
  /** The account after the trades. */
  account: Account
  /** Leverage before and after (a re-evaluation of the changed account). */
  leverage: Change<number>
  /** Equity before and after, USD: the premium and fees the reduction costs. */
  equity: Change<number>
}

export type SizeReductionForLeverageErrorType = ValidateAccountErrorType | InvalidInputError | NoSolutionError

/**
 * How much to close to bring the cross account's leverage down to a target: the smallest
 * fraction k of every cross position (the same fraction of each, as the venue's partial
 * liquidation does) whose closing trades leave `exposure(k) <= targetLeverage·A(k)`. Closing
 * costs the skew premium and taker fee on the perps (DESIGN.md §4.5, `applyPerpTrade`) and
 * reprices nothing else; options close at their model mark.
 *
 * `g(k) = exposure(k) − target·A(k)` is evaluated on the re-booked, re-evaluated account. The
 * first k where it turns <= 0 is bracketed by a scan from 0 (steps from 1/64, ×1.5) and closed by
 * Brent's method to 1e-12. If even closing everything leaves equity negative, k = 1 (an empty
 * book has leverage 0).
 *
 * @throws {SizeReductionForLeverageErrorType} invalid input, non-positive target, non-finite skew.
 *
 * @example
 * sizeReductionForLeverage({ account, markets, params: defaultRiskParams, targetLeverage: 2, skews: { BTC: 150 } })
 * // 1 BTC long on 4,000 USDC + 2 WETH (6.38×):
 * // { fraction: 0.66737…, perps: [{ underlying: 'BTC', size: −0.66737…, fill: { fillPrice: 60_897.99…, … } }],
 * //   leverage: { before: 6.38…, after: 2 }, … }
 */
export function sizeReductionForLeverage(parameters: SizeReductionForLeverageParameters): SizeReductionForLeverageReturnType {
  const { account, markets, params, targetLeverage } = parameters
  const measure = parameters.measure ?? 'gross'
  const skews = parameters.skews ?? {}
  validateAccount(account, markets, params)
  assertPositive('targetLeverage', targetLeverage)
  assertOneOf('measure', measure, ['gross', 'net'] as const)
  for (const [market, skew] of Object.entries(skews)) assertFinite(`skews.${market}`, skew)

  const before = accountRisk(account, markets, params)
  const optionMarks = before.options.map((option) => option.mark)
  const exposureOf = (risk: AccountRiskReturnType) => (measure === 'gross' ? risk.grossNotional : risk.netDeltaNotional)
  const leverageOf = (risk: AccountRiskReturnType) => (measure === 'gross' ? risk.grossLeverage : risk.netLeverage)
  const reduce = (fraction: number) => {
    const reduced = reduceBook({ account, markets, params, fraction, skews, optionMarks })
    return { reduced, risk: accountRisk(reduced.account, markets, params) }
  }
  const excess = (fraction: number) => {
    const { risk } = reduce(fraction)
    return exposureOf(risk) - targetLeverage * risk.equity
  }

  let fraction = 0
  if (exposureOf(before) - targetLeverage * before.equity > 0) {
    const bracket = bracketRoot({ f: excess, start: 0, end: 1, firstStep: 1 / 64, growth: 1.5 })
    // No sign change means even a full close leaves equity < 0: close everything.
    if (bracket === null) fraction = 1
    else {
      const root = brent({
        f: excess,
        lower: bracket.near,
        upper: bracket.far,
        lowerValue: bracket.nearValue,
        upperValue: bracket.farValue,
        absoluteTolerance: 1e-13,
      })
      // Brent's last bracket straddles the crossing; take its end that meets the target.
      fraction = root.value <= 0 ? root.root : Math.min(1, root.root + root.bracketWidth)
    }
  }

  const { reduced, risk: after } = fraction === 0 ? { reduced: reduceBook({ account, markets, params, fraction: 0, skews, optionMarks }), risk: before } : reduce(fraction)
  return {
    fraction,
    perps: reduced.perps,
    options: reduced.options,
    account: fraction === 0 ? account : reduced.account,
    leverage: { before: leverageOf(before), after: leverageOf(after) },
    equity: { before: before.equity, after: after.equity },
  }
}
