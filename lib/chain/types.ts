/**
 * Types of the venue reads (DESIGN.md §2, §3). The `*View` types are the venue's view structs as
 * viem decodes them from `marginVenueAbi` (WAD fixed point as `bigint`, enums as numbers); the
 * others are what lib/chain converts them to for the engine and the page (plain numbers in
 * DESIGN.md §3 units: USD, base units, unix seconds, fractions).
 */
import type { Address, ContractFunctionReturnType } from 'viem'
import type { FeedStatusKind } from '../core/oracle/types'
import type { Account, Markets, RiskParams } from '../core/risk/types'
import type { OptionTradingParams } from '../core/market/types'
import type { marginVenueAbi } from './generated/abis'

type VenueAbi = typeof marginVenueAbi

/** `getAccount(address)`: balances per collateral id, cross perps, isolated positions (WAD). */
export type AccountView = ContractFunctionReturnType<VenueAbi, 'view', 'getAccount'>
/** One entry of `getMarkets()`: price, vol, guard verdicts, funding, open interest, params (WAD). */
export type MarketView = ContractFunctionReturnType<VenueAbi, 'view', 'getMarkets'>[number]
/** One entry of `getCollaterals()`: price × exchange rate, conf, guard verdict, haircut (WAD). */
export type CollateralView = ContractFunctionReturnType<VenueAbi, 'view', 'getCollaterals'>[number]
/** `riskParams()`: the global risk parameters (WAD, except `horizonSeconds`). */
export type RiskParamsView = ContractFunctionReturnType<VenueAbi, 'view', 'riskParams'>
/** `accountHealth(address)`: the venue's own equity, IM and MM of every book (WAD USD). */
export type AccountHealthView = ContractFunctionReturnType<VenueAbi, 'view', 'accountHealth'>

/**
 * Why a market takes no risk-increasing trades (the venue's `HaltReason`, DESIGN.md §4.6);
 * `'none'` when it is tradable.
 */
export type HaltReason = 'none' | 'stalePrice' | 'uncertainPrice' | 'priceJumped' | 'staleVolatility' | 'uncertainVolatility' | 'volatilityJumped'

/** What the venue says about one market, beyond the prices the engine uses. */
export type MarketStatus = {
  /** The oracle guard's verdict on the price feed at the read block. */
  priceStatus: FeedStatusKind
  /** Publish time of the trusted price, unix seconds. */
  publishTime: number
  /** The guard's verdict on the volatility-index feed. */
  volatilityStatus: FeedStatusKind
  /** Publish time of the trusted volatility, unix seconds. */
  volatilityTime: number
  /** Why the market is halted, or `'none'`. */
  halt: HaltReason
  /** Funding rate now, per day (0.001 = 0.1 %/day; longs pay when > 0). */
  fundingRate: number
  /** Open interest, base units (1 = one BTC); skew = long − short. */
  longOpenInterest: number
  shortOpenInterest: number
}

/** Margin of one book in one underlying, as the venue computes it (USD, fractions of price). */
export type VenueUnderlyingHealth = {
  /** G = (|perp size| + Σ|option contracts|) × S, USD. */
  grossNotional: number
  /** M_mm and M_im, fractions of price. */
  maintenanceRange: number
  initialRange: number
  maintenanceMargin: number
  initialMargin: number
}

/** Equity and requirements of one book (the cross account or an isolated position), USD. */
export type VenueBookHealth = {
  /** A = collateralValue + unrealizedPnl − fundingOwed + optionValue. */
  equity: number
  collateralValue: number
  unrealizedPnl: number
  fundingOwed: number
  /** Σ n × mark over option positions. */
  optionValue: number
  maintenanceMargin: number
  initialMargin: number
  /** Per underlying symbol the book holds a position in. */
  underlyings: Record<string, VenueUnderlyingHealth>
}

/**
 * The venue's own verdict on an account (`accountHealth`), in USD. `liquidatable` is the venue's
 * `A < MM` on live feeds only (contracts/README.md, choice 3), so it can be false below MM while
 * a market is halted.
 */
export type VenueAccountHealth = {
  cross: VenueBookHealth
  liquidatable: boolean
  /** Keyed by isolated-position id, the same string as lib/core's `IsolatedPosition.id`. */
  isolated: Record<string, { underlying: string; health: VenueBookHealth; liquidatable: boolean }>
}

/**
 * Everything the engine worker needs from the chain, read at one block and converted to lib/core
 * units (DESIGN.md §2, §3): `markets`, `params` and `accounts` go straight into
 * `evaluateAccount`; `marketStatus` tells which markets are halted and why.
 */
export type VenueState = {
  /** The block every view was read at. */
  blockNumber: bigint
  /** Its timestamp, unix seconds; also `markets.now` (funding is accrued to it). */
  chainTime: number
  markets: Markets
  params: RiskParams
  /** How the venue fills option trades (`optionParams`): spread and fee rule, fractions. */
  optionTradingParams: OptionTradingParams
  /** Watched accounts by lower-case address (addresses compare case-insensitively). */
  accounts: Record<Lowercase<Address>, Account>
  /** The venue's own `accountHealth` per watched account, when asked for; same keys as `accounts`. */
  venueHealth?: Record<Lowercase<Address>, VenueAccountHealth>
  /** Per market symbol: feed verdicts, halt reason, funding rate, open interest. */
  marketStatus: Record<string, MarketStatus>
  /** Per collateral symbol: the guard's verdict on its price (holding it is exposure to that feed). */
  collateralStatus: Record<string, FeedStatusKind>
}
