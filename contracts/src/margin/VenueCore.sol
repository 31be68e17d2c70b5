// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {FeedStatus} from "../oracle/FeedGuard.sol";
import {RiskMath} from "./RiskMath.sol";
import {VenueStorage} from "./VenueStorage.sol";
import {
    Book,
    CollateralSnapshot,
    HaltReason,
    Health,
    MarketSnapshot,
    OptionHolding,
    Position,
    Snapshot
} from "./VenueTypes.sol";

/// @title VenueCore
/// @notice The state-changing steps every venue action is made of: sync the oracles and funding,
/// load a book with its funding settled, check it, store it. Shared by `MarginVenue` and the
/// modules it delegates to (`VenueAdmin`, `VenueLiquidations`), which all run in the venue's storage.
abstract contract VenueCore is VenueStorage {
    /// At most this many option series held at once per account (the margin check's gas grows with it).
    uint256 public constant MAX_OPTION_POSITIONS = 24;
    /// At most this many isolated positions per account.
    uint256 public constant MAX_ISOLATED_POSITIONS = 16;

    /// @dev Reads every feed through the guards, stores what changed, accrues funding; the
    /// snapshot every action works from.
    function _sync() internal returns (Snapshot memory s) {
        FeedReading[] memory feeds = _readFeeds();
        for (uint256 i; i < feeds.length; ++i) {
            bytes32 id = _state().feedIds[i];
            if (feeds[i].changed) _state().feeds[id] = feeds[i].state;
            FeedStatus previous = _state().lastStatus[id];
            if (previous != feeds[i].status) {
                _state().lastStatus[id] = feeds[i].status;
                emit FeedStatusChanged(id, previous, feeds[i].status);
            }
        }
        s = _snapshot(feeds);
        for (uint256 m; m < _state().markets.length; ++m) {
            Market storage mk = _state().markets[m];
            if (mk.lastFundingTime == block.timestamp) continue;
            MarketSnapshot memory ms = s.markets[m];
            mk.fundingRate = ms.fundingRate;
            mk.fundingIndex = ms.fundingIndex;
            mk.lastFundingTime = uint64(block.timestamp);
            emit FundingAccrued(m, ms.fundingRate, ms.fundingIndex, ms.price);
        }
    }

    /// @dev The cross book with funding and settled options paid into its USDC balance: every
    /// action settles.
    function _loadCross(address account, Snapshot memory s) internal returns (Book memory b) {
        _payOutSettledOptions(account);
        b = _readCross(account);
        _settleFunding(account, 0, b, s);
    }

    /// @dev Pays every settled option position of `account` into its USDC balance (a writer's
    /// payoff is charged), from and into the liquidity pool, and forgets the position.
    function _payOutSettledOptions(address account) internal {
        uint256[] storage ids = _state().optionSeriesOf[account];
        for (uint256 i = ids.length; i > 0; --i) {
            uint256 id = ids[i - 1];
            if (_state().optionSeries[id].settled) _payOutOption(account, id, i - 1);
        }
    }

    /// @dev Pays one settled position (`index` into the account's series list).
    function _payOutOption(address account, uint256 seriesId, uint256 index) internal {
        VenueState storage $ = _state();
        OptionSeries storage se = $.optionSeries[seriesId];
        int256 size = $.optionPositions[account][seriesId].size;
        int256 amount = _settlementAmount(se, size);
        $.balances[account][USDC] += amount;
        $.liquidityPool -= amount;
        _updateSeriesOpenInterest(se, size, 0);
        delete $.optionPositions[account][seriesId];
        _removeSeriesOf(account, index);
        emit OptionSettled(account, seriesId, size, se.settlementPrice, amount);
    }

    function _removeSeriesOf(address account, uint256 index) internal {
        uint256[] storage ids = _state().optionSeriesOf[account];
        ids[index] = ids[ids.length - 1];
        ids.pop();
    }

    function _updateSeriesOpenInterest(OptionSeries storage se, int256 oldSize, int256 newSize) internal {
        if (oldSize > 0) se.longOpenInterest -= uint256(oldSize);
        else if (oldSize < 0) se.shortOpenInterest -= uint256(-oldSize);
        if (newSize > 0) se.longOpenInterest += uint256(newSize);
        else if (newSize < 0) se.shortOpenInterest += uint256(-newSize);
    }

    function _loadIsolated(uint256 isolatedId, Snapshot memory s) internal returns (Book memory b) {
        b = _readIsolated(isolatedId);
        _settleFunding(_state().isolated[isolatedId].owner, isolatedId, b, s);
    }

    /// @dev Funding owed q·(F − f) moves from the book's USDC to the liquidity pool (or back).
    function _settleFunding(address account, uint256 isolatedId, Book memory b, Snapshot memory s) internal {
        for (uint256 m; m < b.positions.length; ++m) {
            Position memory p = b.positions[m];
            if (p.size == 0) continue;
            int256 index = s.markets[m].fundingIndex;
            int256 owed = RiskMath.fundingOwed(p, index);
            p.lastFundingIndex = index;
            if (owed == 0) continue;
            b.balances[USDC] -= owed;
            _state().liquidityPool += owed;
            emit FundingSettled(account, isolatedId, m, owed);
        }
    }

    function _storeCross(address account, Book memory b) internal {
        VenueState storage $ = _state();
        for (uint256 c; c < b.balances.length; ++c) {
            if ($.balances[account][c] != b.balances[c]) $.balances[account][c] = b.balances[c];
        }
        for (uint256 m; m < b.positions.length; ++m) {
            Position memory p = b.positions[m];
            if (p.size != 0) $.cross[account][m] = p;
            else if ($.cross[account][m].size != 0) delete $.cross[account][m];
        }
        for (uint256 k; k < b.options.length; ++k) {
            OptionHolding memory o = b.options[k];
            OptionPosition storage stored = $.optionPositions[account][o.seriesId];
            if (stored.size == o.size && stored.entryPremium == o.entryPremium) continue;
            if (stored.size == 0 && o.size != 0) _addSeriesOf(account, o.seriesId);
            if (o.size == 0) {
                delete $.optionPositions[account][o.seriesId];
                _removeSeriesOf(account, _indexOfSeries(account, o.seriesId));
            } else {
                stored.size = o.size;
                stored.entryPremium = o.entryPremium;
            }
        }
    }

    function _addSeriesOf(address account, uint256 seriesId) internal {
        VenueState storage $ = _state();
        if ($.optionSeriesOf[account].length >= MAX_OPTION_POSITIONS) {
            revert TooManyOptionPositions(MAX_OPTION_POSITIONS);
        }
        $.optionSeriesOf[account].push(seriesId);
        if (!$.isSeriesHolder[account][seriesId]) {
            $.isSeriesHolder[account][seriesId] = true;
            $.seriesHolders[seriesId].push(account);
        }
    }

    function _indexOfSeries(address account, uint256 seriesId) internal view returns (uint256) {
        uint256[] storage ids = _state().optionSeriesOf[account];
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == seriesId) return i;
        }
        revert UnknownSeries(seriesId);
    }

    function _storeIsolated(uint256 isolatedId, Book memory b) internal {
        Isolated storage iso = _state().isolated[isolatedId];
        iso.margin = b.balances[USDC];
        iso.position = b.positions[iso.marketId];
    }

    function _updateOpenInterest(Market storage mk, int256 oldSize, int256 newSize) internal {
        if (oldSize > 0) mk.longOpenInterest -= uint256(oldSize);
        else if (oldSize < 0) mk.shortOpenInterest -= uint256(-oldSize);
        if (newSize > 0) mk.longOpenInterest += uint256(newSize);
        else if (newSize < 0) mk.shortOpenInterest += uint256(-newSize);
    }

    function _requireInitialMargin(Book memory b, Snapshot memory s) internal view {
        Health memory h = _evaluate(b, s, true);
        if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(h.equity, h.initialMargin);
    }

    /// @dev Every market the book holds and every collateral it has a balance in must be live.
    function _requireLive(Book memory b, Snapshot memory s) internal pure {
        for (uint256 m; m < b.positions.length; ++m) {
            if (!RiskMath.holdsUnderlying(b, m)) continue;
            HaltReason reason = _haltReason(s.markets[m]);
            if (reason != HaltReason.None) revert MarketHalted(m, reason);
        }
        for (uint256 c; c < b.balances.length; ++c) {
            if (b.balances[c] == 0) continue;
            FeedStatus status = s.collaterals[c].status;
            if (status != FeedStatus.Live) revert CollateralPriceHalted(c, _priceHalt(status));
        }
    }

    /// @dev An account with no position and no debt cannot fall below any margin requirement.
    function _hasRisk(Book memory b) internal pure returns (bool) {
        for (uint256 m; m < b.positions.length; ++m) {
            if (RiskMath.holdsUnderlying(b, m)) return true;
        }
        for (uint256 c; c < b.balances.length; ++c) {
            if (b.balances[c] < 0) return true;
        }
        return false;
    }

    /// @dev After a full close, brings equity back to zero if it is negative: the USDC balance is
    /// raised to the largest debt the remaining collateral covers (valued as in equity), paid by the
    /// insurance fund and, beyond it, recorded as bad debt (borne by the liquidity pool).
    function _absorbShortfall(address account, uint256 isolatedId, Book memory b, Snapshot memory s) internal {
        Health memory h = _evaluate(b, s, false);
        if (h.equity >= 0) return;
        CollateralSnapshot memory usdc = s.collaterals[USDC];
        int256 settlement = b.balances[USDC];
        int256 others = h.collateralValue - RiskMath.collateralValue(settlement, usdc);
        int256 target = -int256(Math.mulDiv(uint256(others), WAD, usdc.price + usdc.conf));
        if (target <= settlement) return;
        uint256 shortfall = uint256(target - settlement);
        b.balances[USDC] = target;

        uint256 covered = Math.min(shortfall, _state().insuranceFund);
        if (covered != 0) {
            _state().insuranceFund -= covered;
            emit ShortfallCovered(account, isolatedId, covered);
            emit InsuranceFundChanged(-int256(covered), _state().insuranceFund);
        }
        uint256 badDebt = shortfall - covered;
        if (badDebt != 0) {
            _state().totalBadDebt += badDebt;
            _state().liquidityPool -= int256(badDebt);
            emit BadDebtRecorded(account, isolatedId, badDebt, _state().totalBadDebt);
        }
    }

    /// @dev A closed isolated position: leftover margin returns to the cross account, a negative
    /// one is absorbed like a liquidation shortfall; the position is removed.
    function _closeIsolated(uint256 isolatedId, Book memory b, Snapshot memory s) internal {
        Isolated storage iso = _state().isolated[isolatedId];
        address owner_ = iso.owner;
        if (b.balances[USDC] < 0) _absorbShortfall(owner_, isolatedId, b, s);
        int256 margin = b.balances[USDC];
        _state().balances[owner_][USDC] += margin;
        emit IsolatedPositionClosed(owner_, isolatedId, margin);

        uint256[] storage ids = _state().isolatedIds[owner_];
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == isolatedId) {
                ids[i] = ids[ids.length - 1];
                ids.pop();
                break;
            }
        }
        delete _state().isolated[isolatedId];
    }

    function _toWad(uint256 amount, uint8 decimals) internal pure returns (int256) {
        return int256(amount * 10 ** (18 - decimals));
    }

    function _abs(int256 x) internal pure returns (uint256) {
        return uint256(x >= 0 ? x : -x);
    }
}
