import type { VenueCallSource } from '@/components/collateral/useVenueWrite'
import type { WhatIfChange, WhatIfStep } from '@/lib/core/solvers/applyWhatIf'
import { depositWithPermitCall } from '@/lib/chain/writes/depositWithPermitCall'
import { devnetCollaterals } from '@/lib/chain/writes/devnetCollaterals'
import { devnetMarketIds } from '@/lib/chain/writes/devnetMarkets'
import { venueCall } from '@/lib/chain/writes/venueCall'

/** Worst fill accepted when a planned trade is executed, as a fraction of the what-if fill (1 %, as the order ticket). */
export const executionSlippage = 0.01

/**
 * The real transaction for one what-if change: a deposit (signed permit, then `depositWithPermit`),
 * a withdrawal, a perp order (cross `trade` or `tradeIsolated`) or an option order
 * (`tradeOption`). Trades carry a limit 1 % worse than the fill the what-if showed at the last
 * tick (`step`), so the transaction cannot fill far from what the trader saw.
 *
 * @throws {Error} an asset or market the devnet venue does not list, or a trade without its
 *   what-if fill (the changes did not apply: nothing to execute).
 */
export function whatIfCall(change: WhatIfChange, step: WhatIfStep | undefined): VenueCallSource {
  switch (change.type) {
    case 'collateral': {
      const collateral = devnetCollaterals.find((c) => c.symbol === change.asset)
      if (collateral === undefined) throw new Error(`The venue does not take ${change.asset} as collateral.`)
      const amount = Math.abs(change.amount)
      if (change.amount > 0) return ({ walletClient, publicClient, owner }) => depositWithPermitCall({ walletClient, publicClient, owner, collateral, amount })
      return venueCall({ kind: 'withdraw', collateralId: collateral.id, decimals: collateral.decimals, amount })
    }
    case 'perpTrade': {
      if (step?.type !== 'perpTrade') throw new Error('This trade has no what-if fill yet: nothing to execute.')
      const { underlying, size, isolatedId } = change.trade
      const limitPrice = step.fill.fillPrice * (1 + Math.sign(size) * executionSlippage)
      if (isolatedId !== undefined) return venueCall({ kind: 'tradeIsolated', isolatedId: BigInt(isolatedId), size, limitPrice })
      const marketId = devnetMarketIds[underlying]
      if (marketId === undefined) throw new Error(`The venue has no ${underlying} market.`)
      return venueCall({ kind: 'trade', marketId, size, limitPrice })
    }
    case 'optionTrade': {
      if (step?.type !== 'optionTrade') throw new Error('This option order has no what-if fill yet: nothing to execute.')
      const { seriesId, size } = change.trade
      if (seriesId === undefined) throw new Error('This option is not a listed series: it cannot be traded.')
      const limitPremium = step.fill.premium * (1 + Math.sign(size) * executionSlippage)
      return venueCall({ kind: 'tradeOption', seriesId: BigInt(seriesId), size, limitPremium })
    }
  }
}
