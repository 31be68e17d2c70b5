import type { PreparedAccount } from './prepareAccount'
import type { Account, Markets } from './types'

/**
 * The underlyings whose price moves the cross account's equity or margin: those its positions
 * are in, and those its collateral is linked to (a WETH balance makes the account exposed to
 * ETH even without an ETH position). In order of first appearance, positions first.
 *
 * @example
 * exposedUnderlyings({ collateral: { WETH: 2 }, perps: [btcLong], options: [], isolated: [] }, markets, prepared)
 * // ['BTC', 'ETH']
 */
export function exposedUnderlyings(account: Account, markets: Markets, prepared: PreparedAccount): string[] {
  const exposed = new Set(Object.keys(prepared.underlyings))
  for (const asset of Object.keys(account.collateral)) {
    const linked = markets.collateral[asset]?.linkedUnderlying
    if (linked !== undefined && account.collateral[asset] !== 0 && Object.hasOwn(markets.underlyings, linked)) exposed.add(linked)
  }
  return [...exposed]
}
