/**
 * The venue's settlement asset (DESIGN.md §4): realized PnL, fees and funding settle into it,
 * option payoffs are paid in it, and isolated margin is held in it. It is the only collateral
 * balance that may be negative (a liability).
 */
export const settlementAsset = 'USDC'
