// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeedStatus} from "../oracle/FeedGuard.sol";

// Plain data of the venue. Units (DESIGN.md §3): USD amounts, prices, fractions and rates are WAD
// (1e18 = 1.0); sizes are WAD base units, signed (1e18 = one BTC long); collateral balances are
// WAD units of the asset (1e18 = 1 USDC, 1 WETH); times are unix seconds. Names follow
// lib/core/risk/types.ts so the contract and the engine speak the same words.

/// @notice The risk model's global parameters (DESIGN.md §4.2–4.4); lib/core `RiskParams`.
struct RiskParams {
    /// Horizon standard deviations covered by the maintenance range (3e18).
    uint256 z;
    /// Horizon of the range, seconds (3600, not WAD).
    uint256 horizonSeconds;
    /// IM range = imMultiplier × MM range (2e18).
    uint256 imMultiplier;
    /// Relative vol shock up of the MM scenarios (0.3e18).
    uint256 volUp;
    /// Relative vol shock down of the MM scenarios (0.2e18).
    uint256 volDown;
    /// `k`: IM vol shocks are k·volUp and min(k·volDown, maxImVolDown) (2e18).
    uint256 imVolShockMultiplier;
    /// Cap on the IM vol-down shock (0.5e18).
    uint256 maxImVolDown;
    /// Contingency per net short option contract, fraction of price (0.001e18).
    uint256 shortOptionContingency;
    /// Partial liquidation restores equity >= MM × (1 + liqBuffer) (0.1e18).
    uint256 liqBuffer;
    /// Below equity < backstopRatio × MM everything is closed (2/3 WAD).
    uint256 backstopRatio;
    /// Liquidation fee, fraction of closed notional; half to the liquidator (0.005e18).
    uint256 liqFee;
    /// Risk-free rate for option pricing, per year, continuous (0).
    int256 riskFreeRate;
}

/// @notice How the venue prices option trades (issue 8); lib/core `OptionTradingParams`.
struct OptionParams {
    /// Half-spread around the Black-Scholes mark, fraction of the mark (0.01e18): buys fill at
    /// mark·(1 + spread), sells at mark·(1 − spread).
    uint256 spread;
    /// Fee per contract, fraction of the underlying's price (0.0003e18) ...
    uint256 feeRate;
    /// ... capped at this fraction of the mark (0.125e18). Deribit's option fee rule.
    uint256 feeCap;
}

/// @notice An option position of a cross book (issue 8), with its series' terms. European,
/// cash-settled in USDC, 1 contract = 1 unit of the underlying; lib/core `OptionPosition`.
struct OptionHolding {
    uint256 seriesId;
    uint256 marketId;
    bool isCall;
    /// WAD USD per unit.
    uint256 strike;
    /// Unix seconds. At or after it the series is valued at intrinsic until it settles.
    uint64 expiry;
    /// Signed contracts, WAD (long > 0).
    int256 size;
    /// Average premium per contract at entry, WAD USD (informational: premiums settle in cash).
    uint256 entryPremium;
}

/// @notice Per-market parameters (DESIGN.md §4.2, §4.5); lib/core `MarketParams`.
struct MarketParams {
    /// Floor of the maintenance price range, fraction of price (BTC 0.005e18).
    uint256 mmFloor;
    /// Added to the range per USD of the book's gross notional (1e-9 → 1e9).
    uint256 sizeSlope;
    /// Skew (WAD base units) at which funding velocity and the fill premium saturate.
    uint256 skewScale;
    /// Maximum funding-rate velocity, per day per day (3e18).
    uint256 maxFundingVelocity;
    /// Taker fee, fraction of fill notional (0.0005e18).
    uint256 takerFee;
}

/// @notice A perp position (cross or isolated); lib/core `PerpPosition`.
struct Position {
    /// Signed size, WAD base units (long > 0).
    int256 size;
    /// Average entry price, WAD USD per unit (0 when flat).
    uint256 entryPrice;
    /// Market funding index when funding was last settled into the position, WAD USD per unit.
    int256 lastFundingIndex;
}

/// @notice Why a market or collateral cannot be used for risk-increasing actions (DESIGN.md §4.6).
enum HaltReason {
    None,
    StalePrice,
    UncertainPrice,
    PriceJumped,
    StaleVolatility,
    UncertainVolatility,
    VolatilityJumped
}

/// @notice One underlying's live state as the venue uses it at this instant.
struct MarketSnapshot {
    /// Trusted oracle price S, WAD USD.
    uint256 price;
    /// Its confidence interval, WAD USD.
    uint256 conf;
    uint64 publishTime;
    FeedStatus priceStatus;
    /// Volatility index sigma, WAD annualised.
    uint256 vol;
    uint256 volConf;
    uint64 volTime;
    FeedStatus volStatus;
    /// Funding rate now, WAD per day.
    int256 fundingRate;
    /// Funding index F accrued up to now, WAD USD per unit.
    int256 fundingIndex;
    MarketParams params;
}

/// @notice One collateral asset's valuation inputs at this instant.
struct CollateralSnapshot {
    /// WAD USD per unit (wstETH: ETH price × exchange rate).
    uint256 price;
    uint256 conf;
    uint256 haircut;
    FeedStatus status;
}

/// @notice Everything the risk model needs at one instant.
struct Snapshot {
    /// Valuation time, unix seconds (block.timestamp): options' time to expiry runs from it.
    uint256 timestamp;
    MarketSnapshot[] markets;
    CollateralSnapshot[] collaterals;
    RiskParams params;
    /// sqrt(horizonSeconds / 31,536,000), WAD.
    uint256 sqrtHorizon;
}

/// @notice A set of balances and positions margined together: the cross account, or one isolated
/// position with its USDC margin as `balances[0]`. Indexed by collateral id and by market id;
/// `options` (cross book only) in the order the account holds them.
struct Book {
    int256[] balances;
    Position[] positions;
    OptionHolding[] options;
}

/// @notice Margin of one underlying of a book (DESIGN.md §4.2). USD amounts WAD.
struct UnderlyingHealth {
    uint256 marketId;
    /// G = (|perp size| + Σ|option contracts|) × S.
    uint256 grossNotional;
    /// M_mm, fraction of price.
    uint256 maintenanceRange;
    /// M_im, fraction of price.
    uint256 initialRange;
    uint256 maintenanceMargin;
    uint256 initialMargin;
}

/// @notice Equity and requirements of one book (DESIGN.md §4.1–4.2). USD amounts WAD.
struct Health {
    /// A = collateralValue + unrealizedPnl − fundingOwed + optionValue.
    int256 equity;
    int256 collateralValue;
    int256 unrealizedPnl;
    int256 fundingOwed;
    /// Σ n × mark over option positions (Black-Scholes at the index vol; intrinsic once expired).
    int256 optionValue;
    uint256 maintenanceMargin;
    uint256 initialMargin;
    /// One entry per market in which the book holds a perp or an option.
    UnderlyingHealth[] underlyings;
}
