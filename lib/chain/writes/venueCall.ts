import { maxUint256, parseUnits } from 'viem'
import type { marginVenueAbi } from '../generated/abis'
import type { ContractFunctionArgs, ContractFunctionName } from 'viem'

type VenueWriteName = ContractFunctionName<typeof marginVenueAbi, 'nonpayable' | 'payable'>

/** A venue write as the contract takes it. */
export type VenueCall = {
  [F in VenueWriteName]: { functionName: F; args: ContractFunctionArgs<typeof marginVenueAbi, 'nonpayable' | 'payable', F> }
}[VenueWriteName]

/** A trader's action in trader units (DESIGN.md §3): whole tokens, base units, USD. */
export type VenueAction =
  | { kind: 'withdraw'; collateralId: bigint; decimals: number; amount: number }
  | { kind: 'moveToIsolated'; isolatedId: bigint; amount: number }
  | { kind: 'moveToCross'; isolatedId: bigint; amount: number }
  /** A perp order: `size` signed base units; `limitPrice` the worst acceptable fill, USD (none: market order). */
  | { kind: 'trade'; marketId: bigint; size: number; limitPrice?: number; reduceOnly?: boolean }
  | { kind: 'tradeIsolated'; isolatedId: bigint; size: number; limitPrice?: number; reduceOnly?: boolean }
  /** An option order: `size` signed contracts of a series; `limitPremium` the worst premium per contract, USD (none: any). */
  | { kind: 'tradeOption'; seriesId: bigint; size: number; limitPremium?: number }

/** USDC has 6 decimals: margin moves are in token units (contracts/README.md). */
const usdcDecimals = 6

/**
 * The contract call for a trader's action: amounts to token units (the token's decimals), sizes
 * and prices to WAD, through the shortest decimal of each number (so 16.5 becomes exactly
 * 16.5e18, not a binary neighbour). A market order's bound is the contract's widest
 * (buy: max, sell: 0).
 *
 * @example
 * venueCall({ kind: 'trade', marketId: 1n, size: -2.5 }) // { functionName: 'trade', args: [1n, -2500000000000000000n, 0n, false] }
 */
export function venueCall(action: VenueAction): VenueCall {
  switch (action.kind) {
    case 'withdraw':
      return { functionName: 'withdraw', args: [action.collateralId, parseUnits(decimal(action.amount, action.decimals), action.decimals)] }
    case 'moveToIsolated':
      return { functionName: 'addIsolatedMargin', args: [action.isolatedId, parseUnits(decimal(action.amount, usdcDecimals), usdcDecimals)] }
    case 'moveToCross':
      return { functionName: 'removeIsolatedMargin', args: [action.isolatedId, parseUnits(decimal(action.amount, usdcDecimals), usdcDecimals)] }
    case 'trade':
      return { functionName: 'trade', args: [action.marketId, wad(action.size), bound(action.size, action.limitPrice), action.reduceOnly ?? false] }
    case 'tradeIsolated':
      return { functionName: 'tradeIsolated', args: [action.isolatedId, wad(action.size), bound(action.size, action.limitPrice), action.reduceOnly ?? false] }
    case 'tradeOption':
      return { functionName: 'tradeOption', args: [action.seriesId, wad(action.size), bound(action.size, action.limitPremium)] }
  }
}

function bound(size: number, limitPrice: number | undefined): bigint {
  if (limitPrice === undefined) return size > 0 ? maxUint256 : 0n
  return wad(limitPrice)
}

function wad(value: number): bigint {
  return parseUnits(decimal(value, 18), 18)
}

/** The shortest decimal of a number, at most `digits` fraction digits (no exponent notation). */
function decimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite amount: ${value}`)
  const text = String(value)
  if (!text.includes('e')) return text
  return value.toFixed(Math.min(digits, 20)).replace(/\.?0+$/, '')
}
