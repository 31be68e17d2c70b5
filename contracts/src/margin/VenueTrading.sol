// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {RiskMath} from "./RiskMath.sol";
import {VenueCore} from "./VenueCore.sol";
import {Book, Position, Snapshot} from "./VenueTypes.sol";

/// @title VenueTrading
/// @notice Perp trading (DESIGN.md §4.5) in the cross account and in isolated positions (§4.3),
/// and moving margin between them. Executed by delegatecall from `MarginVenue`, whose stubs carry
/// `nonReentrant` and `whenNotPaused`; this code must only ever run that way.
contract VenueTrading is VenueCore {
    struct Order {
        uint256 marketId;
        int256 sizeDelta;
        uint256 acceptablePrice;
        bool reduceOnly;
    }

    /// @notice Trades the cross perp of `marketId` by `sizeDelta` (WAD base units, + buys) at the
    /// skew-premium fill price, paying the taker fee. Reverts if the fill is worse than
    /// `acceptablePrice`. A trade that opens, grows or flips a position needs every feed the account
    /// is exposed to live and equity >= IM afterwards; a pure reduction always goes through.
    function trade(uint256 marketId, int256 sizeDelta, uint256 acceptablePrice, bool reduceOnly) external {
        _market(marketId);
        Snapshot memory s = _sync();
        Book memory b = _loadCross(msg.sender, s);
        bool increases = _fill(msg.sender, 0, b, s, Order(marketId, sizeDelta, acceptablePrice, reduceOnly));
        if (increases) {
            _requireLive(b, s);
            _requireInitialMargin(b, s);
        }
        _storeCross(msg.sender, b);
    }

    /// @notice Opens an isolated position: moves `margin` (USDC token units) from the cross account
    /// into a new position of `marketId` and trades it by `sizeDelta`.
    function openIsolated(uint256 marketId, uint256 margin, int256 sizeDelta, uint256 acceptablePrice)
        external
        returns (uint256 isolatedId)
    {
        _market(marketId);
        if (margin == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b;
        (isolatedId, b) = _newIsolated(marketId, margin, s);
        _fill(msg.sender, isolatedId, b, s, Order(marketId, sizeDelta, acceptablePrice, false));
        _requireLive(b, s);
        _requireInitialMargin(b, s);
        _storeIsolated(isolatedId, b);
    }

    /// @notice Trades an isolated position; closing it to zero returns its margin to the cross account.
    function tradeIsolated(uint256 isolatedId, int256 sizeDelta, uint256 acceptablePrice, bool reduceOnly) external {
        Isolated storage iso = _ownedIsolated(isolatedId);
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        bool increases =
            _fill(msg.sender, isolatedId, b, s, Order(iso.marketId, sizeDelta, acceptablePrice, reduceOnly));
        if (increases) {
            _requireLive(b, s);
            _requireInitialMargin(b, s);
        }
        if (b.positions[iso.marketId].size == 0) _closeIsolated(isolatedId, b, s);
        else _storeIsolated(isolatedId, b);
    }

    /// @notice Moves `amount` (USDC token units) from the cross account into an isolated position.
    function addIsolatedMargin(uint256 isolatedId, uint256 amount) external {
        _ownedIsolated(isolatedId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory cross = _loadCross(msg.sender, s);
        int256 wad = _toWad(amount, _state().collaterals[USDC].decimals);
        _takeFromCross(cross, s, wad, amount);
        Book memory b = _loadIsolated(isolatedId, s);
        b.balances[USDC] += wad;
        _storeCross(msg.sender, cross);
        _storeIsolated(isolatedId, b);
        emit IsolatedMarginMoved(msg.sender, isolatedId, wad);
    }

    /// @notice Moves `amount` (USDC token units) from an isolated position back to the cross
    /// account; the position must stay at or above its initial margin, on live data.
    function removeIsolatedMargin(uint256 isolatedId, uint256 amount) external {
        _ownedIsolated(isolatedId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        int256 wad = _toWad(amount, _state().collaterals[USDC].decimals);
        if (b.balances[USDC] < wad) revert InsufficientBalance(USDC, b.balances[USDC], amount);
        _requireLive(b, s);
        b.balances[USDC] -= wad;
        _requireInitialMargin(b, s);
        _storeIsolated(isolatedId, b);
        _state().balances[msg.sender][USDC] += wad;
        emit IsolatedMarginMoved(msg.sender, isolatedId, -wad);
    }

    /// @dev Registers a new isolated position of the caller funded with `margin` (USDC token
    /// units) taken from its cross account, which must allow it like a withdrawal.
    function _newIsolated(uint256 marketId, uint256 margin, Snapshot memory s)
        private
        returns (uint256 isolatedId, Book memory b)
    {
        uint256[] storage ids = _state().isolatedIds[msg.sender];
        if (ids.length >= MAX_ISOLATED_POSITIONS) revert TooManyIsolatedPositions(MAX_ISOLATED_POSITIONS);
        Book memory cross = _loadCross(msg.sender, s);
        int256 wad = _toWad(margin, _state().collaterals[USDC].decimals);
        _takeFromCross(cross, s, wad, margin);
        _storeCross(msg.sender, cross);

        isolatedId = _state().nextIsolatedId++;
        ids.push(isolatedId);
        Isolated storage iso = _state().isolated[isolatedId];
        iso.owner = msg.sender;
        iso.marketId = marketId;
        b = _emptyBook();
        b.balances[USDC] = wad;
        emit IsolatedPositionOpened(msg.sender, isolatedId, marketId);
        emit IsolatedMarginMoved(msg.sender, isolatedId, wad);
    }

    /// @dev A move of USDC out of the cross account (into isolated margin): a withdrawal by the rules.
    function _takeFromCross(Book memory cross, Snapshot memory s, int256 wad, uint256 amount) private view {
        if (cross.balances[USDC] < wad) revert InsufficientBalance(USDC, cross.balances[USDC], amount);
        bool risky = _hasRisk(cross);
        if (risky) _requireLive(cross, s);
        cross.balances[USDC] -= wad;
        if (risky) _requireInitialMargin(cross, s);
    }

    /// @dev Fills an order against the book at the skew-premium price; realized PnL and the fee
    /// settle into the book's USDC. Returns whether the trade increases risk (opens, grows or flips).
    function _fill(address account, uint256 isolatedId, Book memory b, Snapshot memory s, Order memory o)
        private
        returns (bool increases)
    {
        if (o.sizeDelta == 0) revert ZeroSize();
        Market storage mk = _state().markets[o.marketId];
        Position memory p = b.positions[o.marketId];
        int256 oldSize = p.size;
        int256 newSize = oldSize + o.sizeDelta;
        increases = !(oldSize != 0 && (newSize == 0 || (newSize > 0) == (oldSize > 0)) && _abs(newSize) < _abs(oldSize));
        if (o.reduceOnly && increases) revert ReduceOnlyWouldIncrease(oldSize, o.sizeDelta);

        uint256 fill = RiskMath.fillPrice(
            s.markets[o.marketId].price,
            int256(mk.longOpenInterest) - int256(mk.shortOpenInterest),
            o.sizeDelta,
            mk.params.skewScale
        );
        if (fill == 0) revert FillPriceNotPositive();
        if (o.sizeDelta > 0 ? fill > o.acceptablePrice : fill < o.acceptablePrice) {
            revert SlippageExceeded(fill, o.acceptablePrice);
        }
        uint256 fee = _takerFee(o.sizeDelta, fill, mk.params.takerFee);
        int256 realized = _applyFill(p, o.sizeDelta, fill);
        p.lastFundingIndex = p.size == 0 ? int256(0) : s.markets[o.marketId].fundingIndex;

        b.balances[USDC] += realized - int256(fee);
        _state().liquidityPool -= realized;
        _state().protocolFees += fee;
        _updateOpenInterest(mk, oldSize, p.size);
        emit Traded(account, isolatedId, o.marketId, o.sizeDelta, fill, fee, realized, p.size, p.entryPrice);
    }

    /// @dev Average-entry accounting: growing a position averages the entry; reducing realizes
    /// (fill − entry) on the closed part; flipping closes all and opens the rest at the fill.
    function _applyFill(Position memory p, int256 sizeDelta, uint256 fill) private pure returns (int256 realized) {
        int256 oldSize = p.size;
        int256 newSize = oldSize + sizeDelta;
        if (oldSize == 0 || (oldSize > 0) == (sizeDelta > 0)) {
            p.entryPrice = (_abs(oldSize) * p.entryPrice + _abs(sizeDelta) * fill) / _abs(newSize);
        } else {
            uint256 closing = Math.min(_abs(sizeDelta), _abs(oldSize));
            int256 closedSigned = oldSize > 0 ? int256(closing) : -int256(closing);
            realized = closedSigned * (int256(fill) - int256(p.entryPrice)) / IWAD;
            if (newSize == 0) p.entryPrice = 0;
            else if ((newSize > 0) != (oldSize > 0)) p.entryPrice = fill;
        }
        p.size = newSize;
    }

    function _ownedIsolated(uint256 isolatedId) private view returns (Isolated storage iso) {
        iso = _existingIsolated(isolatedId);
        if (iso.owner != msg.sender) revert NotPositionOwner(isolatedId, iso.owner);
    }

    function _takerFee(int256 sizeDelta, uint256 fill, uint256 takerFee) private pure returns (uint256) {
        return _abs(sizeDelta) * fill / WAD * takerFee / WAD;
    }
}
