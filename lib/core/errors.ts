/**
 * Typed errors of the engine.
 *
 * Modelled on viem's `BaseError`: every error has a short, user-facing `shortMessage`, optional
 * `details`, an optional `cause`, and a stable `name` that callers (the worker protocol, the UI)
 * can switch on. Errors cross the worker boundary as `{ name, message, ... }` and are rebuilt
 * on the main thread, so subclasses carry only plain data.
 */

export type CoreErrorParameters = {
  /** Extra lines a developer may want; not shown to a trader. */
  details?: string
  cause?: unknown
}

/** Base of every error thrown by `lib/core`. */
export class CoreError extends Error {
  override name = 'CoreError'
  /** One sentence a trader can read. */
  readonly shortMessage: string
  readonly details?: string

  constructor(shortMessage: string, parameters: CoreErrorParameters = {}) {
    const message = parameters.details ? `${shortMessage}\n\nDetails: ${parameters.details}` : shortMessage
    super(message, parameters.cause === undefined ? undefined : { cause: parameters.cause })
    this.shortMessage = shortMessage
    this.details = parameters.details
  }
}

export type InvalidInputErrorType = InvalidInputError
/**
 * An input is NaN, infinite, out of its domain (non-positive price, strike or vol, negative
 * maturity, ...) or of the wrong shape. `field` names the offending input, e.g. `spot` or
 * `account.collateral.WETH`.
 */
export class InvalidInputError extends CoreError {
  override name = 'InvalidInputError'
  readonly field: string
  readonly value: unknown

  constructor(field: string, value: unknown, expectation: string, parameters: CoreErrorParameters = {}) {
    super(`Invalid ${field}: expected ${expectation}, got ${describe(value)}.`, parameters)
    this.field = field
    this.value = value
  }
}

export type UnknownMarketErrorType = UnknownMarketError
/** A position, price or parameter refers to a market the engine was not given. */
export class UnknownMarketError extends CoreError {
  override name = 'UnknownMarketError'
  readonly market: string

  constructor(market: string, parameters: CoreErrorParameters = {}) {
    super(`Unknown market "${market}".`, parameters)
    this.market = market
  }
}

export type UnknownAssetErrorType = UnknownAssetError
/** A collateral balance refers to an asset the engine has no price or parameters for. */
export class UnknownAssetError extends CoreError {
  override name = 'UnknownAssetError'
  readonly asset: string

  constructor(asset: string, parameters: CoreErrorParameters = {}) {
    super(`Unknown collateral asset "${asset}".`, parameters)
    this.asset = asset
  }
}

export type InconsistentAccountErrorType = InconsistentAccountError
/** An account is internally inconsistent (duplicate positions, negative collateral, ...). */
export class InconsistentAccountError extends CoreError {
  override name = 'InconsistentAccountError'
  constructor(reason: string, parameters: CoreErrorParameters = {}) {
    super(`Inconsistent account: ${reason}.`, parameters)
  }
}

export type ImpliedVolErrorReason = 'belowIntrinsic' | 'aboveMaximum' | 'flatVega'
export type ImpliedVolErrorType = ImpliedVolError
/** No implied volatility exists for the given price, or it cannot be determined reliably. */
export class ImpliedVolError extends CoreError {
  override name = 'ImpliedVolError'
  readonly reason: ImpliedVolErrorReason

  constructor(reason: ImpliedVolErrorReason, parameters: CoreErrorParameters = {}) {
    super(impliedVolMessages[reason], parameters)
    this.reason = reason
  }
}

const impliedVolMessages: Record<ImpliedVolErrorReason, string> = {
  belowIntrinsic: 'Option price is below its intrinsic value: no volatility explains it.',
  aboveMaximum: 'Option price is above the no-arbitrage maximum: no volatility explains it.',
  flatVega: 'Option price is insensitive to volatility here: implied volatility is undetermined.',
}

export type NoSolutionErrorType = NoSolutionError
/** A solver (root finder, target-leverage solver, ...) has no answer in a sane range. */
export class NoSolutionError extends CoreError {
  override name = 'NoSolutionError'
  constructor(what: string, reason: string, parameters: CoreErrorParameters = {}) {
    super(`No ${what}: ${reason}.`, parameters)
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
