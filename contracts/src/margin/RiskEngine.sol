// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OptionMath} from "../options/OptionMath.sol";
import {IMarginVenue} from "./IMarginVenue.sol";
import {RiskMath} from "./RiskMath.sol";
import {Book, Health, Snapshot} from "./VenueTypes.sol";

/// @title RiskEngine
/// @notice The venue's risk model (`RiskMath`, with options priced by `OptionMath`) deployed once
/// as stateless code the venue and its modules call. It is a contract of its own because the
/// margin grid with on-chain Black-Scholes does not fit beside the venue's actions under the
/// EIP-170 code-size limit; every function is `pure`, so calling it cannot change anything.
contract RiskEngine {
    uint256 internal constant WAD = 1e18;
    /// A liquidator-proposed closing must be minimal to within 1 % of an underlying's book: prices
    /// move every block between the liquidator's read and its transaction, so an exact minimum
    /// computed off-chain would rarely still be one; the liquidator may over-close by at most this.
    uint256 public constant CLOSING_TOLERANCE = WAD / 100;

    /// @notice Equity, MM and (with `withInitial`) IM of a book, per underlying and in total.
    function evaluate(Book memory book, Snapshot memory s, bool withInitial) external pure returns (Health memory) {
        return RiskMath.evaluate(book, s, withInitial);
    }

    /// @notice The liquidation of a book: its health before, the order its underlyings close in,
    /// and the closing amount (WAD, in [0, underlyings]) found by bisection on-chain.
    function liquidation(Book memory book, Snapshot memory s)
        external
        pure
        returns (Health memory before, uint256[] memory order, uint256 closing)
    {
        before = RiskMath.evaluate(book, s, false);
        order = RiskMath.liquidationOrder(before);
        if (before.equity >= int256(before.maintenanceMargin)) return (before, order, 0);
        closing = RiskMath.liquidationClosing(book, s, before, order);
    }

    /// @notice The liquidation of a book with a closing amount computed off-chain (lib/core
    /// `liquidationSize`): accepted when it restores the buffer and `closing − CLOSING_TOLERANCE`
    /// does not (so it over-closes by less than 1 % of an underlying's book); replaced by
    /// everything when the book must be closed in full. Two evaluations instead of a bisection's
    /// forty — what makes option books liquidatable within a block's gas.
    function checkedLiquidation(Book memory book, Snapshot memory s, uint256 proposed)
        external
        pure
        returns (Health memory before, uint256[] memory order, uint256 closing)
    {
        before = RiskMath.evaluate(book, s, false);
        order = RiskMath.liquidationOrder(before);
        if (before.equity >= int256(before.maintenanceMargin)) return (before, order, 0);
        if (RiskMath.mustCloseAll(book, s, before, order)) return (before, order, order.length * WAD);
        bool minimal = proposed <= order.length * WAD && RiskMath.restoresAfterClosing(book, s, order, proposed)
            && (proposed < CLOSING_TOLERANCE
                || !RiskMath.restoresAfterClosing(book, s, order, proposed - CLOSING_TOLERANCE));
        if (!minimal) revert IMarginVenue.ClosingNotMinimal(proposed);
        closing = proposed;
    }

    /// @notice The book after closing `closing` over `order` (see `RiskMath.closeUnderlyings`).
    function close(Book memory book, Snapshot memory s, uint256[] memory order, uint256 closing)
        external
        pure
        returns (Book memory, uint256 closedNotional)
    {
        closedNotional = RiskMath.closeUnderlyings(book, s, order, closing);
        return (book, closedNotional);
    }

    /// @notice Black-Scholes-Merton value per contract, WAD USD (see `OptionMath.price`).
    function optionPrice(bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 time, int256 rate)
        external
        pure
        returns (uint256)
    {
        return OptionMath.price(isCall, spot, strike, vol, time, rate);
    }

    /// @notice Per-contract Greeks (see `OptionMath.greeks`).
    function optionGreeks(bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 time, int256 rate)
        external
        pure
        returns (int256 delta, uint256 gamma, uint256 vega, int256 theta)
    {
        return OptionMath.greeks(isCall, spot, strike, vol, time, rate);
    }
}
