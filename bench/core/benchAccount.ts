import { correlatedMoveLiquidation } from '../../lib/core/risk/correlatedMoveLiquidation'
import { evaluateAccount } from '../../lib/core/risk/evaluateAccount'
import { liquidationPrice } from '../../lib/core/risk/liquidationPrice'
import { prepareAccount } from '../../lib/core/risk/prepareAccount'
import { defaultRiskParams } from '../../lib/core/risk/params'
import type { Markets } from '../../lib/core/risk/types'
import { powerUserBook } from '../fixtures/powerUserBook'
import { measure } from '../lib/measure'
import { atMost, info, type BenchResult } from '../lib/results'

/**
 * evaluateAccount on the power-user book: a cold full evaluation (nothing cached), and a tick of
 * one underlying (book prepared once, previous result reused for the underlyings that did not
 * move), as the worker runs it.
 */
export function benchAccount(): BenchResult[] {
  const { account, markets } = powerUserBook()
  const params = defaultRiskParams

  const full = measure((calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      // A different BTC price each call so nothing can be memoised across calls.
      const ticked: Markets = { ...markets, underlyings: { ...markets.underlyings, BTC: { ...markets.underlyings.BTC!, price: 95_000 + (i % 100) } } }
      acc += evaluateAccount(account, ticked, params).maintenanceMargin
    }
    return acc
  })

  const prepared = prepareAccount(account, markets, params)
  let previous = evaluateAccount(account, markets, params, { prepared })
  const tick = measure((calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      const ticked: Markets = { ...markets, underlyings: { ...markets.underlyings, BTC: { ...markets.underlyings.BTC!, price: 95_000 + (i % 100) } } }
      previous = evaluateAccount(account, ticked, params, { prepared, previous })
      acc += previous.maintenanceMargin
    }
    return acc
  })

  const liquidation = measure((calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) {
      const ticked: Markets = { ...markets, underlyings: { ...markets.underlyings, BTC: { ...markets.underlyings.BTC!, price: 95_000 + (i % 100) } } }
      const below = liquidationPrice({ account, markets: ticked, params }).underlyings.BTC!.below
      acc += below.price ?? 0
    }
    return acc
  }, { rounds: 9, roundMs: 100 })
  const correlated = measure((calls) => {
    let acc = 0
    for (let i = 0; i < calls; i++) acc += correlatedMoveLiquidation({ account, markets, params }).down.move ?? 0
    return acc
  }, { rounds: 9, roundMs: 100 })

  const book = `${account.perps.length} perps, ${account.options.length} options (BTC, ETH), ${Object.keys(account.collateral).length} collateral assets`
  return [
    atMost('evaluateAccount full (cold)', full.medianNs / 1e6, 'ms', 0.5, `${book}; validation + both grids for every underlying, nothing cached`),
    atMost('evaluateAccount one underlying ticked', tick.medianNs / 1e6, 'ms', 0.15, `${book}; BTC price moved, book prepared once, ETH/SOL reused`),
    atMost('liquidation prices', liquidation.medianNs / 1e6, 'ms', 3, `${book}; both sides of every underlying and isolated position (liquidationPrice)`),
    info('correlated-move liquidation', correlated.medianNs / 1e6, 'ms', `${book}; one % move of all underlyings, both directions`),
  ]
}
