// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskMath} from "./RiskMath.sol";
import {VenueCore} from "./VenueCore.sol";
import {Book, Health, OptionHolding, Position, Snapshot} from "./VenueTypes.sol";

/// @title VenueLiquidations
/// @notice Liquidation of cross accounts and isolated positions (DESIGN.md §4.4). Executed by
/// delegatecall from `MarginVenue`, whose stubs carry `nonReentrant` and `whenNotPaused`; this
/// code must only ever run that way (called directly it sees its own empty storage).
contract VenueLiquidations is VenueCore {
    /// @notice Liquidates `account`'s cross book when its equity is below maintenance margin
    /// (DESIGN.md §4.4), finding how much to close by bisection on-chain. The caller earns half the
    /// liquidation fee, credited to its cross account. For a book with many options the bisection
    /// costs more gas than a block holds; use `liquidateAt` with lib/core's `liquidationSize`.
    function liquidate(address account) external {
        _liquidateCross(account, false, 0);
    }

    /// @notice Liquidates `account`'s cross book closing `closing` (WAD; underlyings in liquidation
    /// order, each counting 1), as computed off-chain by lib/core `liquidationSize` (plus a little
    /// for the prices of the next block). The venue checks that it restores the book and that 1 %
    /// of an underlying less would not (two evaluations instead of forty), and closes everything
    /// instead when the backstop applies or nothing less restores the book.
    function liquidateAt(address account, uint256 closing) external {
        _liquidateCross(account, true, closing);
    }

    /// @notice Liquidates an isolated position whose equity is below its maintenance margin.
    function liquidateIsolated(uint256 isolatedId) external {
        Isolated storage iso = _existingIsolated(isolatedId);
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        _requireLive(b, s);
        (Health memory h, uint256[] memory order, uint256 closing) = _state().riskEngine.liquidation(b, s);
        bool fullyClosed = _liquidate(iso.owner, isolatedId, b, s, h, order, closing);
        if (fullyClosed) _closeIsolated(isolatedId, b, s);
        else _storeIsolated(isolatedId, b);
    }

    function _liquidateCross(address account, bool proposed, uint256 proposal) private {
        Snapshot memory s = _sync();
        Book memory b = _loadCross(account, s);
        _requireLive(b, s);
        (Health memory h, uint256[] memory order, uint256 closing) =
            proposed ? _state().riskEngine.checkedLiquidation(b, s, proposal) : _state().riskEngine.liquidation(b, s);
        _liquidate(account, 0, b, s, h, order, closing);
        _storeCross(account, b);
    }

    /// @dev DESIGN.md §4.4 and issue 8: the book's underlyings close in `order` (requirement per
    /// unit of notional, highest first), each proportionally across its perps and options, by the
    /// smallest `closing` that restores equity >= MM·(1 + liqBuffer) after the fee; below
    /// backstopRatio·MM, or when no partial close suffices, everything. Perps close at the oracle
    /// price, options at their mark (the trader pays no spread). Fee: liqFee of the closed notional
    /// (options: their underlying's), half to the liquidator, half to the insurance fund. A negative
    /// equity left by a full close is covered by the insurance fund, the rest recorded as bad debt.
    /// Mutates `b` in place. Returns whether the book was fully closed.
    function _liquidate(
        address account,
        uint256 isolatedId,
        Book memory b,
        Snapshot memory s,
        Health memory h,
        uint256[] memory order,
        uint256 closing
    ) internal returns (bool fullyClosed) {
        if (h.equity >= int256(h.maintenanceMargin)) {
            revert NotLiquidatable(h.equity, h.maintenanceMargin);
        }
        fullyClosed = closing == order.length * WAD;
        (Book memory closed, uint256 closedNotional) = _state().riskEngine.close(b, s, order, closing);
        _recordClose(account, isolatedId, b, closed, s);
        _copyInto(b, closed);
        uint256 fee = _chargeLiquidationFee(account, isolatedId, b, closedNotional * s.params.liqFee / WAD);
        emit Liquidated(account, isolatedId, msg.sender, closing, closedNotional, fee, fullyClosed);
        if (fullyClosed) _absorbShortfall(account, isolatedId, b, s);
    }

    /// @dev Open interest, the pool's side of realized PnL and option cash, and one event per
    /// closed position, from the book before and after the close.
    function _recordClose(
        address account,
        uint256 isolatedId,
        Book memory before,
        Book memory after_,
        Snapshot memory s
    ) private {
        _state().liquidityPool -= after_.balances[USDC] - before.balances[USDC];
        for (uint256 m; m < before.positions.length; ++m) {
            Position memory p = before.positions[m];
            int256 closed = p.size - after_.positions[m].size;
            if (closed == 0) continue;
            _updateOpenInterest(_state().markets[m], p.size, after_.positions[m].size);
            if (after_.positions[m].size == 0) after_.positions[m].lastFundingIndex = 0;
            uint256 price = s.markets[m].price;
            int256 realized = closed * (int256(price) - int256(p.entryPrice)) / IWAD;
            emit PositionLiquidated(account, isolatedId, m, closed, price, realized);
        }
        for (uint256 k; k < before.options.length; ++k) {
            OptionHolding memory o = before.options[k];
            int256 closed = o.size - after_.options[k].size;
            if (closed == 0) continue;
            _updateSeriesOpenInterest(_state().optionSeries[o.seriesId], o.size, after_.options[k].size);
            if (after_.options[k].size == 0) after_.options[k].entryPremium = 0;
            uint256 mark = RiskMath.optionMark(o, s);
            emit OptionLiquidated(account, o.seriesId, closed, mark, closed * int256(mark) / IWAD);
        }
    }

    function _copyInto(Book memory b, Book memory from) private pure {
        b.balances = from.balances;
        b.positions = from.positions;
        b.options = from.options;
    }

    /// @dev Takes the liquidation fee from the book: half to the liquidator's cross account, half
    /// to the insurance fund.
    function _chargeLiquidationFee(address account, uint256 isolatedId, Book memory b, uint256 fee)
        internal
        returns (uint256)
    {
        b.balances[USDC] -= int256(fee);
        uint256 toLiquidator = fee / 2;
        uint256 toInsurance = fee - toLiquidator;
        // A self-liquidating account's cross book is in memory and would overwrite a storage credit.
        if (msg.sender == account && isolatedId == 0) b.balances[USDC] += int256(toLiquidator);
        else _state().balances[msg.sender][USDC] += int256(toLiquidator);
        if (toInsurance != 0) {
            _state().insuranceFund += toInsurance;
            emit InsuranceFundChanged(int256(toInsurance), _state().insuranceFund);
        }
        return fee;
    }
}
