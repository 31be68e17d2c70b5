// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskMath} from "./RiskMath.sol";
import {VenueCore} from "./VenueCore.sol";
import {Book, Health, Position, Snapshot} from "./VenueTypes.sol";

/// @title VenueLiquidations
/// @notice Liquidation of cross accounts and isolated positions (DESIGN.md §4.4). Executed by
/// delegatecall from `MarginVenue`, whose stubs carry `nonReentrant` and `whenNotPaused`; this
/// code must only ever run that way (called directly it sees its own empty storage).
contract VenueLiquidations is VenueCore {
    /// @notice Liquidates `account`'s cross book when its equity is below maintenance margin
    /// (DESIGN.md §4.4). The caller earns half the liquidation fee, credited to its cross account.
    function liquidate(address account) external {
        Snapshot memory s = _sync();
        Book memory b = _loadCross(account, s);
        _requireLive(b, s);
        _liquidate(account, 0, b, s);
        _storeCross(account, b);
    }

    /// @notice Liquidates an isolated position whose equity is below its maintenance margin.
    function liquidateIsolated(uint256 isolatedId) external {
        Isolated storage iso = _existingIsolated(isolatedId);
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        _requireLive(b, s);
        bool fullyClosed = _liquidate(iso.owner, isolatedId, b, s);
        if (fullyClosed) _closeIsolated(isolatedId, b, s);
        else _storeIsolated(isolatedId, b);
    }

    /// @dev DESIGN.md §4.4: partial liquidation closes the smallest fraction of every position
    /// that restores equity >= MM·(1 + liqBuffer) after the fee; below backstopRatio·MM, or when no
    /// partial close suffices, everything is closed. Positions close at the oracle price (the
    /// liquidated trader pays no skew premium). Fee: liqFee of closed notional, half to the
    /// liquidator, half to the insurance fund. A negative equity left by a full close is covered by
    /// the insurance fund, the rest recorded as bad debt. Returns whether the book was fully closed.
    function _liquidate(address account, uint256 isolatedId, Book memory b, Snapshot memory s)
        internal
        returns (bool fullyClosed)
    {
        Health memory h = RiskMath.evaluate(b, s, false);
        if (h.equity >= int256(h.maintenanceMargin)) revert NotLiquidatable(h.equity, h.maintenanceMargin);
        uint256 fraction = RiskMath.liquidationFraction(b, s, h);
        fullyClosed = fraction == WAD;
        uint256 closedNotional = _closeAtOracle(account, isolatedId, b, s, fraction);
        uint256 fee = _chargeLiquidationFee(account, isolatedId, b, closedNotional * s.params.liqFee / WAD);
        emit Liquidated(account, isolatedId, msg.sender, fraction, closedNotional, fee, fullyClosed);
        if (fullyClosed) _absorbShortfall(account, isolatedId, b, s);
    }

    /// @dev Closes `fraction` of every position at the oracle price; realized PnL comes from the pool.
    function _closeAtOracle(address account, uint256 isolatedId, Book memory b, Snapshot memory s, uint256 fraction)
        internal
        returns (uint256 closedNotional)
    {
        uint256 nm = b.positions.length;
        Position[] memory before = new Position[](nm);
        for (uint256 m; m < nm; ++m) {
            Position memory p = b.positions[m];
            before[m] = Position(p.size, p.entryPrice, p.lastFundingIndex);
        }
        int256 settlementBefore = b.balances[USDC];
        closedNotional = RiskMath.closeFraction(b, s, fraction);
        _state().liquidityPool -= b.balances[USDC] - settlementBefore;
        for (uint256 m; m < nm; ++m) {
            int256 closed = before[m].size - b.positions[m].size;
            if (closed == 0) continue;
            _updateOpenInterest(_state().markets[m], before[m].size, b.positions[m].size);
            if (b.positions[m].size == 0) b.positions[m].lastFundingIndex = 0;
            uint256 price = s.markets[m].price;
            int256 realized = closed * (int256(price) - int256(before[m].entryPrice)) / IWAD;
            emit PositionLiquidated(account, isolatedId, m, closed, price, realized);
        }
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
