// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeedGuard} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";
import {IMarginVenue} from "./IMarginVenue.sol";
import {OptionParams, RiskParams} from "./VenueTypes.sol";

/// @title IMarginVenueViews
/// @notice The venue's read functions. They are served at the venue's own address (its fallback
/// delegates to `MarginVenueViews`), so callers use one address and one ABI for everything.
interface IMarginVenueViews is IMarginVenue {
    /// @notice Balances, cross positions and isolated positions of `account`, as stored: funding
    /// since each position's `lastFundingIndex` is owed but not yet settled (see `getMarkets`).
    function getAccount(address account) external view returns (AccountView memory);

    /// @notice Every market with its trusted price, volatility, guard status, funding accrued to
    /// now, open interest and parameters, exactly as a transaction in this block would use them.
    function getMarkets() external view returns (MarketView[] memory);

    /// @notice Every collateral with its price (× exchange rate), guard status and haircut.
    function getCollaterals() external view returns (CollateralView[] memory);

    /// @notice Equity, IM and MM of the cross account (per underlying) and of each isolated
    /// position. `liquidatable`: equity < MM and every feed the book is exposed to is live.
    function accountHealth(address account) external view returns (AccountHealth memory);

    /// @notice Whether `liquidate(account)` would go through now.
    function isLiquidatable(address account) external view returns (bool);

    /// @notice Whether `liquidateIsolated(isolatedId)` would go through now.
    function isIsolatedLiquidatable(uint256 isolatedId) external view returns (bool);

    /// @notice Fill price and taker fee (WAD USD) of a trade of `sizeDelta` in `marketId` now.
    function quoteTrade(uint256 marketId, int256 sizeDelta) external view returns (uint256 fillPrice, uint256 fee);

    /// @notice Number of option series ever listed (ids 0 … seriesCount − 1).
    function seriesCount() external view returns (uint256);

    /// @notice Series `from` … `from + count − 1` (clipped) with their mark, bid/ask and Greeks now.
    function getOptionSeries(uint256 from, uint256 count) external view returns (SeriesView[] memory);

    /// @notice Mark, fill premium per contract and total fee (WAD USD) of an option trade now.
    function quoteOption(uint256 seriesId, int256 size)
        external
        view
        returns (uint256 mark, uint256 premium, uint256 fee);

    function optionParams() external view returns (OptionParams memory);
    function optionsEnabled(uint256 marketId) external view returns (bool);
    function isOptionLister(address account) external view returns (bool);
    /// @notice Every account that ever held the series (for paying out its settlement).
    function seriesHolders(uint256 seriesId) external view returns (address[] memory);
    /// @notice The `RiskEngine` contract the venue evaluates books with.
    function riskEngine() external view returns (address);

    function riskParams() external view returns (RiskParams memory);
    function oracleGuardParams() external view returns (FeedGuard.Params memory);
    /// @notice The guard state the venue has stored for a Pyth feed.
    function feedState(bytes32 priceId) external view returns (FeedGuard.State memory);
    function marketCount() external view returns (uint256);
    function collateralCount() external view returns (uint256);
    function isolatedPositionsOf(address account) external view returns (uint256[] memory);
    function isolatedOwner(uint256 isolatedId) external view returns (address);
    function nextIsolatedId() external view returns (uint256);
    /// @notice USDC (WAD) that covers liquidation shortfalls before they become bad debt.
    function insuranceFund() external view returns (uint256);
    /// @notice Taker fees collected, USDC WAD.
    function protocolFees() external view returns (uint256);
    /// @notice The venue's USDC (WAD) that is counterparty to traders' net PnL and funding.
    function liquidityPool() external view returns (int256);
    /// @notice Cumulative shortfall the insurance fund could not cover, USDC WAD.
    function totalBadDebt() external view returns (uint256);
    function pyth() external view returns (IPyth);
    function volatilityIndex() external view returns (VolatilityIndex);
}
