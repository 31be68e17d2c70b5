import { BaseError, ContractFunctionRevertedError, decodeErrorResult, UserRejectedRequestError, type Hex } from 'viem'
import { devnetTokenAbi } from '../generated/abis'
import { fromWad } from '../fromWad'

/** Why a write failed, in a trader's words, with the venue's own error name when there is one. */
export type VenueErrorDescription = {
  /** One sentence to show next to the form. */
  message: string
  /** The venue's custom error (e.g. `InsufficientMargin`), `UserRejected`, or `Unknown`. */
  name: string
  /** The wallet refused (the user said no): nothing happened, nothing to retry automatically. */
  rejected: boolean
}

const haltReasons = ['none', 'the price is stale', 'the price is uncertain (wide confidence)', 'the price jumped and awaits confirmation', 'the volatility index is stale', 'the volatility index is uncertain', 'the volatility index jumped']
const usd = (wad: bigint) => `${fromWad(wad).toLocaleString('en-US', { maximumFractionDigits: 2 })} USD`

/**
 * Turns a failed simulation, signature or transaction into a sentence (scaffold-eth-2's habit:
 * decode the revert before the wallet opens). Venue errors are decoded from the ABI by viem
 * (`ContractFunctionRevertedError`); amounts are WAD on-chain (contracts/README.md).
 *
 * @example
 * describeVenueError(error) // { name: 'InsufficientMargin', message: 'Equity after (1,200 USD) would be below the initial margin it needs (1,950 USD).', rejected: false }
 */
export function describeVenueError(error: unknown, { markets = [] as readonly string[] } = {}): VenueErrorDescription {
  if (error instanceof BaseError) {
    if (error.walk((cause) => cause instanceof UserRejectedRequestError || (cause as { code?: number }).code === 4001))
      return { name: 'UserRejected', message: 'You rejected the request in your wallet; nothing was sent.', rejected: true }
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError)
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      const name = reverted.data.errorName
      const args = (reverted.data.args ?? []) as readonly bigint[]
      const market = (id: bigint | undefined) => markets[Number(id)] ?? `market #${id}`
      const message = (() => {
        switch (name) {
          case 'InsufficientMargin':
            return `Equity after (${usd(args[0]!)}) would be below the initial margin it needs (${usd(args[1]!)}).`
          case 'InsufficientBalance':
            return 'Not enough of that collateral in the account for this amount.'
          case 'MarketHalted':
            return `The ${market(args[0])} market takes no risk-increasing orders now: ${haltReasons[Number(args[1])] ?? 'it is halted'}.`
          case 'CollateralPriceHalted':
            return `A collateral you hold has no live price now (${haltReasons[Number(args[1])] ?? 'halted'}): withdrawals wait for it.`
          case 'SlippageExceeded':
            return `The fill price moved beyond your limit (fill ${usd(args[0]!)}, limit ${usd(args[1]!)}).`
          case 'ReduceOnlyWouldIncrease':
            return 'A reduce-only order cannot open, grow or flip a position.'
          case 'NotLiquidatable':
            return 'The account is not below its maintenance margin.'
          case 'ZeroAmount':
          case 'ZeroSize':
            return 'The amount must be more than zero.'
          case 'TooManyIsolatedPositions':
            return `At most ${args[0]} isolated positions per account.`
          case 'InsufficientLiquidity':
            return 'The venue’s liquidity pool cannot pay this out right now.'
          case 'EnforcedPause':
            return 'The venue is paused.'
          default:
            return `The venue refused: ${name}.`
        }
      })()
      return { name, message, rejected: false }
    }
    // A revert inside the token the venue called (e.g. the wallet lacks the tokens to deposit).
    const raw = reverted instanceof ContractFunctionRevertedError ? (reverted.raw as Hex | undefined) : undefined
    if (raw) {
      try {
        const decoded = decodeErrorResult({ abi: devnetTokenAbi, data: raw })
        if (decoded.errorName === 'ERC20InsufficientBalance')
          return { name: decoded.errorName, message: 'Your wallet does not hold enough of this token for the deposit (the faucet in demo mode funds it).', rejected: false }
        if (decoded.errorName === 'ERC20InsufficientAllowance') return { name: decoded.errorName, message: 'The venue is not allowed to take this amount (the permit did not apply).', rejected: false }
        return { name: decoded.errorName, message: `The token refused: ${decoded.errorName}.`, rejected: false }
      } catch {
        // not a token error either
      }
    }
    return { name: 'Unknown', message: error.shortMessage, rejected: false }
  }
  return { name: 'Unknown', message: error instanceof Error ? error.message.split('\n')[0]! : String(error), rejected: false }
}
