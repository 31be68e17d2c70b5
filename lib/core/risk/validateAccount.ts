import {
  InconsistentAccountError,
  InvalidInputError,
  UnknownAssetError,
  UnknownMarketError,
} from '../errors'
import { SECONDS_PER_YEAR } from '../units'
import { assertInRange, assertOneOf } from '../validate'
import { settlementAsset } from './settlementAsset'
import type { Account, Markets, PerpPosition, RiskParams } from './types'
import { optionKinds } from '../pricing/types'

export type ValidateAccountReturnType = void
export type ValidateAccountErrorType =
  | InvalidInputError
  | UnknownMarketError
  | UnknownAssetError
  | InconsistentAccountError

/**
 * Largest magnitude accepted for any amount, price, index or time (1e18), and smallest non-zero
 * magnitude of a size or price (1e-18, one wei of an 18-decimal token). Products and quotients of
 * such numbers (size × price, PnL / entry notional) stay far from float64 overflow and underflow,
 * so no figure derived from valid input can become ±Infinity, 0/0 and then NaN; nothing real
 * comes close (1e18 USD is 10,000× world GDP).
 */
const maxMagnitude = 1e18
const minMagnitude = 1e-18
/**
 * A volatility index outside [0.0001, 100] (0.01 % to 10,000 %/yr) comes only from a broken feed;
 * the floor also keeps gamma, ~1/(S·sigma·√T), finite for every valid price and expiry.
 */
const minVol = 1e-4
const maxVol = 100
/** Options further out than this are not a listed product; it also keeps e^(−r·T) finite. */
const maxOptionYears = 100

/**
 * Checks that an account, the market state and the risk parameters form a valid input for the
 * margin model (DESIGN.md §4), and throws a typed error naming the first offending field.
 * `accountRisk` trusts its input for speed; `evaluateAccount` runs this check first.
 *
 * Rules:
 * - Every number is finite with magnitude ≤ 1e18 (`InvalidInputError`); sizes, prices, strikes
 *   and perp entry prices are non-zero with magnitude ≥ 1e-18.
 * - Markets: `price > 0`, `conf >= 0`, `0.0001 <= vol <= 100`, `fundingIndex` any; collateral
 *   `price > 0`, `conf >= 0`.
 * - Positions: `size != 0`; perp `entryPrice > 0`; option `strike > 0`, `kind` call or put,
 *   `entryPrice` 0 or in [1e-18, 1e18] when given, and expiry at most 100 years after `markets.now`. An option
 *   whose expiry is at or before `markets.now` is valid: it is expired but not yet settled and
 *   the model values it at intrinsic value `max(0, ±(S − K))` at the current (and in the
 *   scenarios, the shocked) oracle price — the payoff it is about to settle at, with no
 *   volatility or time value (see `prepareAccount`).
 * - Every position's underlying (cross and isolated) is in `markets.underlyings` and in
 *   `params.markets` (`UnknownMarketError`).
 * - Every collateral asset is in `markets.collateral` and `params.collateral`
 *   (`UnknownAssetError`); an account with isolated positions needs the settlement asset (USDC)
 *   there too, since isolated margin is USDC.
 * - Only USDC may be negative; isolated ids are unique (`InconsistentAccountError`).
 * - Params: `z >= 0`, `horizonSeconds >= 0`, `imMultiplier >= 1`, `imVolShockMultiplier >= 1`,
 *   `volUp >= 0`, `0 <= volDown < 1`, `0 <= maxImVolDown < 1` (so every shocked vol stays > 0),
 *   `shortOptionContingency >= 0`, `−1 <= riskFreeRate <= 1`, `liqBuffer >= 0`,
 *   `0 <= backstopRatio <= 1`, `0 <= liqFee < 1`; per market `mmFloor >= 0`, `sizeSlope >= 0`,
 *   `skewScale > 0`, `maxFundingVelocity >= 0`, `0 <= takerFee < 1`; per collateral
 *   `0 <= haircut <= 1`.
 *
 * Market and parameter entries no position uses are checked too: a bad number anywhere in the
 * input is reported, not silently carried.
 *
 * @param account The trader's account (sizes in base units, collateral in asset units).
 * @param markets Oracle state at `markets.now` (unix seconds); prices in USD.
 * @param params The risk model's parameters.
 * @throws {ValidateAccountErrorType}
 *
 * @example
 * validateAccount(
 *   { collateral: { USDC: 10_000 }, perps: [{ underlying: 'BTC', size: 0.5, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] },
 *   { now: 1_700_000_000, underlyings: { BTC: { price: 61_000, conf: 20, vol: 0.55, fundingIndex: 3 } }, collateral: { USDC: { price: 1, conf: 0 } } },
 *   defaultRiskParams,
 * ) // returns; a NaN, an unknown market or a negative WETH balance would throw
 */
export function validateAccount(account: Account, markets: Markets, params: RiskParams): ValidateAccountReturnType {
  validateParams(params)
  validateMarkets(markets)

  requireObject(root, 'account', account)
  requireObject(root, 'account.collateral', account.collateral)
  requireArray('account.perps', account.perps)
  requireArray('account.options', account.options)
  requireArray('account.isolated', account.isolated)

  const collateralPath = at('account.collateral')
  for (const asset of Object.keys(account.collateral)) {
    const balance = account.collateral[asset]
    requireAmount(collateralPath, asset, balance)
    requireAsset(asset, markets, params)
    if (balance < 0 && asset !== settlementAsset)
      throw new InconsistentAccountError(`the ${asset} balance is negative; only ${settlementAsset} may be negative`)
  }

  // Field names are formatted only when a check fails: ~1,000 of them per call would cost more
  // than the checks themselves (the engine validates on every tick).
  account.perps.forEach((perp, i) => validatePerp(at('account.perps', i), perp, markets, params))

  account.options.forEach((option, i) => {
    const path = at('account.options', i)
    requireObject(path, '', option)
    requireMarket(path, option.underlying, markets, params)
    if (option.kind !== 'call' && option.kind !== 'put') assertOneOf(fieldName(path, 'kind'), option.kind, optionKinds)
    requirePositiveAmount(path, 'strike', option.strike)
    requireAmount(path, 'expiry', option.expiry)
    if ((option.expiry - markets.now) / SECONDS_PER_YEAR > maxOptionYears)
      throw new InvalidInputError(fieldName(path, 'expiry'), option.expiry, `at most ${maxOptionYears} years after markets.now`)
    requireNonZeroAmount(path, 'size', option.size)
    if (option.entryPrice !== undefined && option.entryPrice !== 0) requirePositiveAmount(path, 'entryPrice', option.entryPrice)
    if (option.seriesId !== undefined && typeof option.seriesId !== 'string')
      throw new InvalidInputError(fieldName(path, 'seriesId'), option.seriesId, 'a string')
  })

  if (account.isolated.length > 0) requireAsset(settlementAsset, markets, params)
  const ids = new Set<string>()
  account.isolated.forEach((isolated, i) => {
    const path = at('account.isolated', i)
    requireObject(path, '', isolated)
    if (typeof isolated.id !== 'string' || isolated.id === '')
      throw new InvalidInputError(fieldName(path, 'id'), isolated.id, 'a non-empty string')
    if (ids.has(isolated.id)) throw new InconsistentAccountError(`isolated position id "${isolated.id}" appears twice`)
    ids.add(isolated.id)
    requireAmount(path, 'margin', isolated.margin)
    validatePerp(at('account.isolated', i, '.perp'), isolated.perp, markets, params)
  })
}

/**
 * Where a field lives, e.g. `{ owner: 'account.isolated', index: 2, sub: '.perp' }` for
 * `account.isolated[2].perp.size`; the name is formatted only when a check fails.
 */
type Path = { owner: string; index: number; sub: string }

function at(owner: string, index = -1, sub = ''): Path {
  return { owner, index, sub }
}

const root = at('')

function fieldName(path: Path, key: string): string {
  const owner = path.index >= 0 ? `${path.owner}[${path.index}]${path.sub}` : `${path.owner}${path.sub}`
  return owner === '' ? key : key === '' ? owner : `${owner}.${key}`
}

function validatePerp(path: Path, perp: PerpPosition, markets: Markets, params: RiskParams): void {
  requireObject(path, '', perp)
  requireMarket(path, perp.underlying, markets, params)
  requireNonZeroAmount(path, 'size', perp.size)
  requirePositiveAmount(path, 'entryPrice', perp.entryPrice)
  requireAmount(path, 'lastFundingIndex', perp.lastFundingIndex)
}

function validateMarkets(markets: Markets): void {
  requireObject(root, 'markets', markets)
  requireAmount(root, 'markets.now', markets.now)
  requireObject(root, 'markets.underlyings', markets.underlyings)
  requireObject(root, 'markets.collateral', markets.collateral)
  for (const underlying of Object.keys(markets.underlyings)) {
    const path = at(`markets.underlyings.${underlying}`)
    const market = markets.underlyings[underlying]
    requireObject(path, '', market)
    requirePositiveAmount(path, 'price', market.price)
    requireInRange(path, 'conf', market.conf, 0, maxMagnitude)
    requireInRange(path, 'vol', market.vol, minVol, maxVol)
    requireAmount(path, 'fundingIndex', market.fundingIndex)
  }
  for (const asset of Object.keys(markets.collateral)) {
    const path = at(`markets.collateral.${asset}`)
    const price = markets.collateral[asset]
    requireObject(path, '', price)
    requirePositiveAmount(path, 'price', price.price)
    requireInRange(path, 'conf', price.conf, 0, maxMagnitude)
    if (price.linkedUnderlying !== undefined && typeof price.linkedUnderlying !== 'string')
      throw new InvalidInputError(fieldName(path, 'linkedUnderlying'), price.linkedUnderlying, 'a string')
  }
}

function validateParams(params: RiskParams): void {
  const path = at('params')
  requireObject(root, 'params', params)
  requireInRange(path, 'z', params.z, 0, maxMagnitude)
  requireInRange(path, 'horizonSeconds', params.horizonSeconds, 0, maxMagnitude)
  requireInRange(path, 'imMultiplier', params.imMultiplier, 1, maxMagnitude)
  requireInRange(path, 'volUp', params.volUp, 0, maxMagnitude)
  requireBelowOne(path, 'volDown', params.volDown)
  requireInRange(path, 'imVolShockMultiplier', params.imVolShockMultiplier, 1, maxMagnitude)
  requireBelowOne(path, 'maxImVolDown', params.maxImVolDown)
  requireInRange(path, 'shortOptionContingency', params.shortOptionContingency, 0, maxMagnitude)
  requireInRange(path, 'liqBuffer', params.liqBuffer, 0, maxMagnitude)
  requireInRange(path, 'backstopRatio', params.backstopRatio, 0, 1)
  requireBelowOne(path, 'liqFee', params.liqFee)
  requireInRange(path, 'riskFreeRate', params.riskFreeRate, -1, 1)
  requireObject(path, 'markets', params.markets)
  requireObject(path, 'collateral', params.collateral)
  for (const underlying of Object.keys(params.markets)) {
    const marketPath = at(`params.markets.${underlying}`)
    const market = params.markets[underlying]
    requireObject(marketPath, '', market)
    requireInRange(marketPath, 'mmFloor', market.mmFloor, 0, maxMagnitude)
    requireInRange(marketPath, 'sizeSlope', market.sizeSlope, 0, maxMagnitude)
    requirePositiveAmount(marketPath, 'skewScale', market.skewScale)
    requireInRange(marketPath, 'maxFundingVelocity', market.maxFundingVelocity, 0, maxMagnitude)
    requireBelowOne(marketPath, 'takerFee', market.takerFee)
  }
  for (const asset of Object.keys(params.collateral)) {
    const collateralPath = at(`params.collateral.${asset}`)
    const collateral = params.collateral[asset]
    requireObject(collateralPath, '', collateral)
    requireInRange(collateralPath, 'haircut', collateral.haircut, 0, 1)
  }
}

function requireMarket(path: Path, underlying: unknown, markets: Markets, params: RiskParams): void {
  if (typeof underlying !== 'string') throw new InvalidInputError(fieldName(path, 'underlying'), underlying, 'a market name')
  if (!Object.hasOwn(markets.underlyings, underlying) || !Object.hasOwn(params.markets, underlying))
    throw new UnknownMarketError(underlying, {
      details: `${fieldName(path, 'underlying')} is not in markets.underlyings and params.markets`,
    })
}

function requireAsset(asset: string, markets: Markets, params: RiskParams): void {
  if (!Object.hasOwn(markets.collateral, asset) || !Object.hasOwn(params.collateral, asset))
    throw new UnknownAssetError(asset, { details: `${asset} is not in markets.collateral and params.collateral` })
}

function requireObject<T>(path: Path, key: string, value: T): asserts value is NonNullable<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidInputError(fieldName(path, key), value, 'an object')
}

function requireArray(field: string, value: unknown): void {
  if (!Array.isArray(value)) throw new InvalidInputError(field, value, 'an array')
}

function requireInRange(path: Path, key: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) assertInRange(fieldName(path, key), value, min, max)
}

function requireAmount(path: Path, key: string, value: unknown): asserts value is number {
  requireInRange(path, key, value, -maxMagnitude, maxMagnitude)
}

function requireNonZeroAmount(path: Path, key: string, value: unknown): asserts value is number {
  requireAmount(path, key, value)
  if (Math.abs(value) < minMagnitude)
    throw new InvalidInputError(fieldName(path, key), value, `a non-zero size of magnitude at least ${minMagnitude} (close the position instead)`)
}

function requirePositiveAmount(path: Path, key: string, value: unknown): asserts value is number {
  requireInRange(path, key, value, minMagnitude, maxMagnitude)
}

function requireBelowOne(path: Path, key: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1))
    throw new InvalidInputError(fieldName(path, key), value, 'a number of at least 0 and below 1')
}
