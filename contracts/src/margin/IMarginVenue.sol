// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeedStatus} from "../oracle/FeedGuard.sol";
import {FeedGuard} from "../oracle/FeedGuard.sol";
import {HaltReason, Health, MarketParams, OptionParams, RiskParams} from "./VenueTypes.sol";

/// @title IMarginVenue
/// @notice Events, errors and view types of the margin venue. Amounts: token units where a wallet
/// sends or receives tokens (deposit, withdraw, margin moves: USDC has 6 decimals), WAD everywhere
/// else (USD values, prices, sizes in base units, internal balances).
interface IMarginVenue {
    // ------------------------------------------------------------------ views

    struct PositionView {
        uint256 marketId;
        int256 size;
        uint256 entryPrice;
        int256 lastFundingIndex;
    }

    struct IsolatedView {
        uint256 id;
        uint256 marketId;
        /// Isolated margin, WAD USDC (may be negative after losses).
        int256 margin;
        int256 size;
        uint256 entryPrice;
        int256 lastFundingIndex;
    }

    /// @notice An option position as stored. A settled series' position is paid out into USDC on
    /// the account's next action (or by `payOutSeries`); until then `settled` is true.
    struct OptionPositionView {
        uint256 seriesId;
        uint256 marketId;
        bool isCall;
        uint256 strike;
        uint64 expiry;
        /// Signed contracts, WAD.
        int256 size;
        /// Average premium per contract at entry, WAD USD.
        uint256 entryPremium;
        bool settled;
        uint256 settlementPrice;
    }

    struct AccountView {
        /// Balance per collateral id, WAD units of the asset (1e18 = 1 USDC / 1 WETH).
        int256[] collateral;
        PositionView[] perps;
        IsolatedView[] isolated;
        OptionPositionView[] options;
    }

    /// @notice A listed option series with its mark, quotes and Greeks per contract now (WAD):
    /// Black-Scholes-Merton at the oracle price and volatility index, or intrinsic once expired.
    struct SeriesView {
        uint256 id;
        uint256 marketId;
        bool isCall;
        uint256 strike;
        uint64 expiry;
        bool expired;
        bool settled;
        uint256 settlementPrice;
        uint256 longOpenInterest;
        uint256 shortOpenInterest;
        /// USD per contract: the model mark, and what a buy / sell of one contract fills at.
        uint256 mark;
        uint256 bid;
        uint256 ask;
        /// Units of the underlying per contract.
        int256 delta;
        /// Per USD.
        uint256 gamma;
        /// USD per 1.00 of volatility.
        uint256 vega;
        /// USD per year.
        int256 theta;
    }

    struct MarketView {
        uint256 id;
        string symbol;
        bytes32 priceId;
        bytes32 volatilityKey;
        /// Trusted oracle price and conf, WAD USD; the publish time; the guard's verdict.
        uint256 price;
        uint256 conf;
        uint64 publishTime;
        FeedStatus priceStatus;
        /// Volatility index, WAD annualised; conf; time; verdict.
        uint256 volatility;
        uint256 volatilityConf;
        uint64 volatilityTime;
        FeedStatus volatilityStatus;
        /// `None` when the market is tradable; otherwise why it is halted.
        HaltReason halt;
        /// Funding rate now, WAD per day; funding index accrued up to now, WAD USD per unit.
        int256 fundingRate;
        int256 fundingIndex;
        /// Open interest, WAD base units; skew = long − short.
        uint256 longOpenInterest;
        uint256 shortOpenInterest;
        MarketParams params;
    }

    struct CollateralView {
        uint256 id;
        address token;
        string symbol;
        uint8 decimals;
        bytes32 priceId;
        /// Exchange-rate source for yield-bearing assets (wstETH), else address(0).
        address rateProvider;
        /// WAD: units of the priced asset per token (1e18 when there is no rate provider).
        uint256 exchangeRate;
        /// USD per unit (price feed × exchange rate) and its conf, WAD.
        uint256 price;
        uint256 conf;
        FeedStatus priceStatus;
        uint256 haircut;
    }

    struct IsolatedHealth {
        uint256 id;
        uint256 marketId;
        Health health;
        bool liquidatable;
    }

    struct AccountHealth {
        /// The cross account: all collateral and cross positions.
        Health cross;
        bool liquidatable;
        IsolatedHealth[] isolated;
    }

    // ------------------------------------------------------------------ events

    event CollateralListed(uint256 indexed collateralId, address token, bytes32 priceId, address rateProvider);
    event MarketListed(uint256 indexed marketId, string symbol, bytes32 priceId, bytes32 volatilityKey);
    event RiskParamsUpdated(RiskParams params);
    event MarketParamsUpdated(uint256 indexed marketId, MarketParams params);
    event HaircutUpdated(uint256 indexed collateralId, uint256 haircut);
    event OracleGuardParamsUpdated(FeedGuard.Params params);

    event Deposited(address indexed account, uint256 indexed collateralId, uint256 amount);
    event Withdrawn(address indexed account, uint256 indexed collateralId, uint256 amount);
    /// @notice A fill. `isolatedId` is 0 for the cross account. Fee and realized PnL WAD USD.
    event Traded(
        address indexed account,
        uint256 indexed isolatedId,
        uint256 indexed marketId,
        int256 sizeDelta,
        uint256 fillPrice,
        uint256 fee,
        int256 realizedPnl,
        int256 newSize,
        uint256 newEntryPrice
    );
    event FundingAccrued(uint256 indexed marketId, int256 fundingRate, int256 fundingIndex, uint256 price);
    /// @notice Funding settled into a balance: positive `amount` was paid by the account.
    event FundingSettled(address indexed account, uint256 indexed isolatedId, uint256 indexed marketId, int256 amount);
    event IsolatedPositionOpened(address indexed account, uint256 indexed isolatedId, uint256 indexed marketId);
    event IsolatedPositionClosed(address indexed account, uint256 indexed isolatedId, int256 marginReturned);
    /// @notice Margin moved between the cross account and an isolated position, WAD USDC:
    /// positive into the isolated position, negative back to cross.
    event IsolatedMarginMoved(address indexed account, uint256 indexed isolatedId, int256 amount);
    event Liquidated(
        address indexed account,
        uint256 indexed isolatedId,
        address indexed liquidator,
        /// How much was closed, WAD: underlyings in liquidation order, each counting 1 (see `RiskMath.closeUnderlyings`).
        uint256 closing,
        uint256 closedNotional,
        uint256 fee,
        bool fullyClosed
    );
    event PositionLiquidated(
        address indexed account,
        uint256 indexed isolatedId,
        uint256 indexed marketId,
        int256 closedSize,
        uint256 price,
        int256 realizedPnl
    );
    /// @notice An option position closed by a liquidation at its mark (WAD USD per contract).
    event OptionLiquidated(
        address indexed account, uint256 indexed seriesId, int256 closedSize, uint256 mark, int256 cashFlow
    );
    event InsuranceFundDeposited(address indexed from, uint256 amount);
    event InsuranceFundChanged(int256 delta, uint256 balance);
    event ShortfallCovered(address indexed account, uint256 indexed isolatedId, uint256 amount);
    event BadDebtRecorded(address indexed account, uint256 indexed isolatedId, uint256 amount, uint256 totalBadDebt);
    event LiquidityDeposited(address indexed from, uint256 amount);
    event LiquidityWithdrawn(address indexed to, uint256 amount);
    event FeesWithdrawn(address indexed to, uint256 amount);
    event OptionsEnabled(uint256 indexed marketId, bool enabled);
    event OptionListerSet(address indexed lister, bool allowed);
    event OptionParamsUpdated(OptionParams params);
    event SeriesListed(uint256 indexed seriesId, uint256 indexed marketId, bool isCall, uint256 strike, uint64 expiry);
    /// @notice An option fill: `size` contracts (+ bought), at `premium` per contract around the
    /// model `mark`, paying `fee`; the trader's USDC changed by −size·premium − fee. WAD.
    event OptionTraded(
        address indexed account,
        uint256 indexed seriesId,
        int256 size,
        uint256 mark,
        uint256 premium,
        uint256 fee,
        int256 newSize,
        uint256 newEntryPremium
    );
    /// @notice A series' settlement price is fixed: the first oracle price at or after expiry.
    event SeriesSettled(uint256 indexed seriesId, uint256 settlementPrice, uint64 publishTime);
    /// @notice A settled position paid into (or, for a writer, charged to) the account's USDC, WAD.
    event OptionSettled(
        address indexed account, uint256 indexed seriesId, int256 size, uint256 settlementPrice, int256 amount
    );

    /// @notice The venue saw a feed change state (a halt starting or ending).
    event FeedStatusChanged(bytes32 indexed priceId, FeedStatus previous, FeedStatus current);

    // ------------------------------------------------------------------ errors

    /// The action would leave equity below the initial margin it needs.
    error InsufficientMargin(int256 equityAfter, uint256 initialMarginAfter);
    /// Not enough of this collateral in the account (or margin in the isolated position).
    error InsufficientBalance(uint256 collateralId, int256 balance, uint256 requested);
    /// The market's price or volatility cannot be trusted right now; only risk-reducing trades go through.
    error MarketHalted(uint256 marketId, HaltReason reason);
    /// The collateral's price cannot be trusted right now.
    error CollateralPriceHalted(uint256 collateralId, HaltReason reason);
    /// The fill price is worse than the acceptable price.
    error SlippageExceeded(uint256 fillPrice, uint256 acceptablePrice);
    /// A reduce-only order would open, grow or flip the position.
    error ReduceOnlyWouldIncrease(int256 size, int256 sizeDelta);
    /// Equity is at or above maintenance margin.
    error NotLiquidatable(int256 equity, uint256 maintenanceMargin);
    error ZeroAmount();
    error ZeroSize();
    error UnknownMarket(uint256 marketId);
    error UnknownCollateral(uint256 collateralId);
    error UnknownIsolatedPosition(uint256 isolatedId);
    error NotPositionOwner(uint256 isolatedId, address owner);
    error TooManyIsolatedPositions(uint256 max);
    error FillPriceNotPositive();
    error InvalidParameter(string name);
    /// The liquidity pool or the collected fees hold less than asked (both USDC WAD).
    error InsufficientLiquidity(int256 available, uint256 requested);
    error InsufficientFees(uint256 available, uint256 requested);
    error AlreadyListed();
    error UnknownSeries(uint256 seriesId);
    /// Options are not listed on this market.
    error OptionsNotEnabled(uint256 marketId);
    error NotOptionLister(address caller);
    /// Strike or expiry out of the venue's bounds.
    error InvalidSeries(string reason);
    error SeriesExpired(uint256 seriesId, uint64 expiry);
    error SeriesNotExpired(uint256 seriesId, uint64 expiry);
    error SeriesAlreadySettled(uint256 seriesId);
    /// The settlement price update is not usable (non-positive, malformed, or too uncertain).
    error SettlementPriceRejected(uint256 seriesId);
    /// The option fill is worse than the trader's limit premium per contract.
    error PremiumLimitExceeded(uint256 premium, uint256 limitPremium);
    error TooManyOptionPositions(uint256 max);
    /// The liquidation closing proposed to `liquidateAt` does not restore the book, or a smaller one would.
    error ClosingNotMinimal(uint256 closing);
}
