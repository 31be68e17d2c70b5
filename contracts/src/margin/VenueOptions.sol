// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {PythStructs} from "@pythnetwork/pyth-sdk-solidity/PythStructs.sol";

import {VenueCore} from "./VenueCore.sol";
import {Book, Health, OptionHolding, Snapshot} from "./VenueTypes.sol";

/// @title VenueOptions
/// @notice European options on the venue (issue 8): series listed by option listers (the
/// keeper), traded against the venue at the Black-Scholes mark from the volatility index plus a
/// spread and a fee, held in the cross account and margined on the same 27-scenario grid as perps,
/// and settled in USDC at the first oracle price published at or after expiry. Executed by
/// delegatecall from `MarginVenue`, whose stubs carry `nonReentrant` and `whenNotPaused`.
contract VenueOptions is VenueCore {
    /// @dev An option fill, WAD USD: model mark and premium per contract, total fee.
    struct OptionQuote {
        uint256 mark;
        uint256 premium;
        uint256 fee;
    }

    /// @notice Lists a series of `marketId` (options must be enabled there); the caller must be an
    /// option lister. Strike > 0, expiry in the future and within 366 days; one series per terms.
    function listSeries(uint256 marketId, bool isCall, uint256 strike, uint64 expiry)
        external
        returns (uint256 seriesId)
    {
        VenueState storage $ = _state();
        if (!$.optionListers[msg.sender]) revert NotOptionLister(msg.sender);
        _market(marketId);
        if (!$.optionsEnabled[marketId]) revert OptionsNotEnabled(marketId);
        if (strike == 0) revert InvalidSeries("strike");
        if (expiry <= block.timestamp || expiry > block.timestamp + 366 days) revert InvalidSeries("expiry");
        bytes32 terms = keccak256(abi.encode(marketId, isCall, strike, expiry));
        if ($.seriesIdPlusOne[terms] != 0) revert AlreadyListed();
        seriesId = $.optionSeries.length;
        OptionSeries storage se = $.optionSeries.push();
        se.marketId = marketId;
        se.isCall = isCall;
        se.strike = strike;
        se.expiry = expiry;
        $.seriesIdPlusOne[terms] = seriesId + 1;
        emit SeriesListed(seriesId, marketId, isCall, strike, expiry);
    }

    /// @notice Buys (`size` > 0) or sells (`size` < 0) contracts of a live series (WAD) against the
    /// venue. Fill per contract: mark·(1 + spread) to buy, mark·(1 − spread) to sell, the mark being
    /// Black-Scholes at the oracle price and volatility index; fee per contract
    /// min(feeRate·S, feeCap·mark). Reverts past `limitPremium` per contract (a ceiling when buying,
    /// a floor when selling). A trade that opens, grows or flips the position needs live feeds and
    /// equity >= IM afterwards; a reduction goes through unless it leaves equity below IM *and*
    /// raises maintenance margin (closing the long leg of a hedge is not risk-reducing).
    function tradeOption(uint256 seriesId, int256 size, uint256 limitPremium) external {
        OptionSeries storage se = _series(seriesId);
        if (size == 0) revert ZeroSize();
        if (block.timestamp >= se.expiry) revert SeriesExpired(seriesId, se.expiry);
        Snapshot memory s = _sync();
        Book memory b = _loadCross(msg.sender, s);
        OptionHolding memory o = _holding(b, seriesId, se);
        int256 oldSize = o.size;
        bool reduces = oldSize != 0 && (oldSize + size == 0 || (oldSize + size > 0) == (oldSize > 0))
            && _abs(oldSize + size) < _abs(oldSize);
        uint256 maintenanceBefore = reduces ? _evaluate(b, s, false).maintenanceMargin : 0;
        OptionQuote memory q = _quote(se, size, s);
        if (size > 0 ? q.premium > limitPremium : q.premium < limitPremium) {
            revert PremiumLimitExceeded(q.premium, limitPremium);
        }
        _fillOption(b, o, se, size, q);
        if (!reduces) {
            _requireLive(b, s);
            _requireInitialMargin(b, s);
        } else {
            Health memory h = _evaluate(b, s, true);
            if (h.equity < int256(h.initialMargin) && h.maintenanceMargin > maintenanceBefore) {
                revert InsufficientMargin(h.equity, h.initialMargin);
            }
        }
        _storeCross(msg.sender, b);
    }

    /// @dev Fills `size` contracts into the holding `o` of book `b`: premium and fee from USDC
    /// (to the pool and the fees), average entry premium, open interest, the event.
    function _fillOption(
        Book memory b,
        OptionHolding memory o,
        OptionSeries storage se,
        int256 size,
        OptionQuote memory q
    ) private {
        int256 cash = size * int256(q.premium) / IWAD;
        b.balances[USDC] -= cash + int256(q.fee);
        _state().liquidityPool += cash;
        _state().protocolFees += q.fee;
        int256 oldSize = o.size;
        _applyOptionFill(o, size, q.premium);
        _updateSeriesOpenInterest(se, oldSize, o.size);
        emit OptionTraded(msg.sender, o.seriesId, size, q.mark, q.premium, q.fee, o.size, o.entryPremium);
    }

    /// @notice Fixes an expired series' settlement price from a Pyth update of the underlying's
    /// feed: the first one published at or after expiry. Anyone may call it, paying Pyth's fee as
    /// `msg.value`. `parsePriceFeedUpdatesUnique` proves on Pyth that no earlier update at or after
    /// expiry exists (so no caller can pick a friendlier later price); the update must also fall
    /// within the oracle guard's `maxAge` after expiry (MockPyth, used on the devnet, does not check
    /// uniqueness, so this window is what bounds the choice there), be positive and within the
    /// guard's confidence ratio. Positions are then paid by `payOutSeries` or on their owner's next
    /// action. If no update was published in that window the series cannot settle: it stays valued
    /// at intrinsic on the live price (documented in contracts/README.md).
    function settleSeries(uint256 seriesId, bytes[] calldata updateData) external payable {
        VenueState storage $ = _state();
        OptionSeries storage se = _series(seriesId);
        if (se.settled) revert SeriesAlreadySettled(seriesId);
        if (block.timestamp < se.expiry) revert SeriesNotExpired(seriesId, se.expiry);
        bytes32[] memory ids = new bytes32[](1);
        ids[0] = $.markets[se.marketId].priceId;
        PythStructs.PriceFeed[] memory feeds = $.pyth.parsePriceFeedUpdatesUnique{value: msg.value}(
            updateData, ids, se.expiry, se.expiry + $.guard.maxAge
        );
        PythStructs.Price memory p = feeds[0].price;
        (bool wellFormed, uint256 value, uint256 conf) = _pythToWad(p);
        if (!wellFormed || value == 0 || conf > Math.mulDiv(value, $.guard.maxConfRatio, WAD)) {
            revert SettlementPriceRejected(seriesId);
        }
        se.settled = true;
        se.settlementPrice = value;
        se.settlementPublishTime = uint64(p.publishTime);
        emit SeriesSettled(seriesId, value, uint64(p.publishTime));
    }

    /// @notice Pays up to `maxAccounts` holders of a settled series into their USDC balance (a
    /// writer's payoff is charged), continuing where the last call stopped. Anyone may call it.
    /// @return remaining Holders not yet visited.
    function payOutSeries(uint256 seriesId, uint256 maxAccounts) external returns (uint256 remaining) {
        VenueState storage $ = _state();
        OptionSeries storage se = _series(seriesId);
        if (!se.settled) revert SeriesNotExpired(seriesId, se.expiry);
        address[] storage holders = $.seriesHolders[seriesId];
        uint256 i = se.payoutCursor;
        uint256 end = Math.min(holders.length, i + maxAccounts);
        for (; i < end; ++i) {
            address account = holders[i];
            if ($.optionPositions[account][seriesId].size != 0) {
                _payOutOption(account, seriesId, _indexOfSeries(account, seriesId));
            }
        }
        se.payoutCursor = end;
        return holders.length - end;
    }

    /// @dev Average-entry accounting of the premium: growing averages it, reducing keeps it,
    /// flipping restarts it at the fill, closing clears it.
    function _applyOptionFill(OptionHolding memory o, int256 size, uint256 premium) private pure {
        int256 oldSize = o.size;
        int256 newSize = oldSize + size;
        if (oldSize == 0 || (oldSize > 0) == (size > 0)) {
            o.entryPremium = (_abs(oldSize) * o.entryPremium + _abs(size) * premium) / _abs(newSize);
        } else if (newSize == 0) {
            o.entryPremium = 0;
        } else if ((newSize > 0) != (oldSize > 0)) {
            o.entryPremium = premium;
        }
        o.size = newSize;
    }

    /// @dev The book's holding of the series, appended (size 0) if the account holds none yet.
    function _holding(Book memory b, uint256 seriesId, OptionSeries storage se)
        private
        view
        returns (OptionHolding memory)
    {
        uint256 n = b.options.length;
        for (uint256 k; k < n; ++k) {
            if (b.options[k].seriesId == seriesId) return b.options[k];
        }
        OptionHolding[] memory grown = new OptionHolding[](n + 1);
        for (uint256 k; k < n; ++k) {
            grown[k] = b.options[k];
        }
        grown[n] = OptionHolding(seriesId, se.marketId, se.isCall, se.strike, se.expiry, 0, 0);
        b.options = grown;
        return grown[n];
    }

    /// @dev Mark, fill premium and fee of a trade of `size` contracts now (all WAD).
    function _quote(OptionSeries storage se, int256 size, Snapshot memory s)
        private
        view
        returns (OptionQuote memory q)
    {
        (q.mark, q.premium, q.fee) = _quoteOption(se, size, s);
    }
}
