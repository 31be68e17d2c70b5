// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";

import {FeedGuard} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {IMarginVenueViews} from "./IMarginVenueViews.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {RiskMath} from "./RiskMath.sol";
import {VenueStorage} from "./VenueStorage.sol";
import {
    Book,
    CollateralSnapshot,
    Health,
    MarketSnapshot,
    OptionParams,
    Position,
    RiskParams,
    Snapshot
} from "./VenueTypes.sol";

/// @title MarginVenueViews
/// @notice The venue's read functions, executed in the venue's storage by delegatecall from
/// `MarginVenue`'s fallback. Every function is `view`: the compiler guarantees this code never
/// writes the state it reads. Called directly (not through the venue) it only sees empty state.
contract MarginVenueViews is VenueStorage, IMarginVenueViews {
    function getAccount(address account) external view returns (AccountView memory view_) {
        VenueState storage $ = _state();
        uint256 nc = $.collaterals.length;
        view_.collateral = new int256[](nc);
        for (uint256 c; c < nc; ++c) {
            view_.collateral[c] = $.balances[account][c];
        }
        uint256 nm = $.markets.length;
        uint256 open;
        for (uint256 m; m < nm; ++m) {
            if ($.cross[account][m].size != 0) ++open;
        }
        view_.perps = new PositionView[](open);
        uint256 k;
        for (uint256 m; m < nm; ++m) {
            Position storage p = $.cross[account][m];
            if (p.size != 0) view_.perps[k++] = PositionView(m, p.size, p.entryPrice, p.lastFundingIndex);
        }
        uint256[] storage ids = $.isolatedIds[account];
        view_.isolated = new IsolatedView[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            Isolated storage iso = $.isolated[ids[i]];
            view_.isolated[i] = IsolatedView(
                ids[i],
                iso.marketId,
                iso.margin,
                iso.position.size,
                iso.position.entryPrice,
                iso.position.lastFundingIndex
            );
        }
        uint256[] storage series = $.optionSeriesOf[account];
        view_.options = new OptionPositionView[](series.length);
        for (uint256 i; i < series.length; ++i) {
            OptionSeries storage se = $.optionSeries[series[i]];
            OptionPosition storage p = $.optionPositions[account][series[i]];
            view_.options[i] = OptionPositionView(
                series[i],
                se.marketId,
                se.isCall,
                se.strike,
                se.expiry,
                p.size,
                p.entryPremium,
                se.settled,
                se.settlementPrice
            );
        }
    }

    function getMarkets() external view returns (MarketView[] memory views) {
        VenueState storage $ = _state();
        Snapshot memory s = _viewSnapshot();
        uint256 nm = $.markets.length;
        views = new MarketView[](nm);
        for (uint256 m; m < nm; ++m) {
            Market storage mk = $.markets[m];
            MarketSnapshot memory ms = s.markets[m];
            views[m] = MarketView({
                id: m,
                symbol: mk.symbol,
                priceId: mk.priceId,
                volatilityKey: mk.volatilityKey,
                price: ms.price,
                conf: ms.conf,
                publishTime: ms.publishTime,
                priceStatus: ms.priceStatus,
                volatility: ms.vol,
                volatilityConf: ms.volConf,
                volatilityTime: ms.volTime,
                volatilityStatus: ms.volStatus,
                halt: _haltReason(ms),
                fundingRate: ms.fundingRate,
                fundingIndex: ms.fundingIndex,
                longOpenInterest: mk.longOpenInterest,
                shortOpenInterest: mk.shortOpenInterest,
                params: mk.params
            });
        }
    }

    function getCollaterals() external view returns (CollateralView[] memory views) {
        VenueState storage $ = _state();
        Snapshot memory s = _viewSnapshot();
        uint256 nc = $.collaterals.length;
        views = new CollateralView[](nc);
        for (uint256 c; c < nc; ++c) {
            Collateral storage col = $.collaterals[c];
            CollateralSnapshot memory cs = s.collaterals[c];
            views[c] = CollateralView({
                id: c,
                token: address(col.token),
                symbol: col.symbol,
                decimals: col.decimals,
                priceId: $.feedIds[col.feedIndex],
                rateProvider: col.rateProvider,
                exchangeRate: _exchangeRate(col),
                price: cs.price,
                conf: cs.conf,
                priceStatus: cs.status,
                haircut: col.haircut
            });
        }
    }

    function accountHealth(address account) external view returns (AccountHealth memory health) {
        VenueState storage $ = _state();
        Snapshot memory s = _viewSnapshot();
        Book memory b = _readCross(account);
        health.cross = _evaluate(b, s, true);
        health.liquidatable = health.cross.equity < int256(health.cross.maintenanceMargin) && _isLive(b, s);
        uint256[] storage ids = $.isolatedIds[account];
        health.isolated = new IsolatedHealth[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            Book memory ib = _readIsolated(ids[i]);
            Health memory h = _evaluate(ib, s, true);
            health.isolated[i] = IsolatedHealth(
                ids[i], $.isolated[ids[i]].marketId, h, h.equity < int256(h.maintenanceMargin) && _isLive(ib, s)
            );
        }
    }

    function isLiquidatable(address account) external view returns (bool) {
        Snapshot memory s = _viewSnapshot();
        Book memory b = _readCross(account);
        Health memory h = _evaluate(b, s, false);
        return h.equity < int256(h.maintenanceMargin) && _isLive(b, s);
    }

    function isIsolatedLiquidatable(uint256 isolatedId) external view returns (bool) {
        _existingIsolated(isolatedId);
        Snapshot memory s = _viewSnapshot();
        Book memory b = _readIsolated(isolatedId);
        Health memory h = _evaluate(b, s, false);
        return h.equity < int256(h.maintenanceMargin) && _isLive(b, s);
    }

    function quoteTrade(uint256 marketId, int256 sizeDelta) external view returns (uint256 fillPrice, uint256 fee) {
        Market storage mk = _market(marketId);
        Snapshot memory s = _viewSnapshot();
        int256 skew = int256(mk.longOpenInterest) - int256(mk.shortOpenInterest);
        fillPrice = RiskMath.fillPrice(s.markets[marketId].price, skew, sizeDelta, mk.params.skewScale);
        uint256 size = uint256(sizeDelta >= 0 ? sizeDelta : -sizeDelta);
        fee = size * fillPrice / WAD * mk.params.takerFee / WAD;
    }

    function seriesCount() external view returns (uint256) {
        return _state().optionSeries.length;
    }

    function getOptionSeries(uint256 from, uint256 count) external view returns (SeriesView[] memory views) {
        VenueState storage $ = _state();
        uint256 end = Math.min($.optionSeries.length, from + count);
        uint256 n = end > from ? end - from : 0;
        views = new SeriesView[](n);
        if (n == 0) return views;
        Snapshot memory s = _viewSnapshot();
        OptionParams memory op = $.optionParams;
        for (uint256 i; i < n; ++i) {
            uint256 id = from + i;
            OptionSeries storage se = $.optionSeries[id];
            SeriesView memory v = views[i];
            v.id = id;
            v.marketId = se.marketId;
            v.isCall = se.isCall;
            v.strike = se.strike;
            v.expiry = se.expiry;
            v.expired = block.timestamp >= se.expiry;
            v.settled = se.settled;
            v.settlementPrice = se.settlementPrice;
            v.longOpenInterest = se.longOpenInterest;
            v.shortOpenInterest = se.shortOpenInterest;
            MarketSnapshot memory m = s.markets[se.marketId];
            uint256 time = RiskMath.yearsToExpiry(se.expiry, s.timestamp);
            int256 rate = s.params.riskFreeRate;
            v.mark = $.riskEngine.optionPrice(se.isCall, m.price, se.strike, m.vol, time, rate);
            (v.delta, v.gamma, v.vega, v.theta) =
                $.riskEngine.optionGreeks(se.isCall, m.price, se.strike, m.vol, time, rate);
            v.bid = v.mark * (WAD - op.spread) / WAD;
            v.ask = v.mark * (WAD + op.spread) / WAD;
        }
    }

    function quoteOption(uint256 seriesId, int256 size)
        external
        view
        returns (uint256 mark, uint256 premium, uint256 fee)
    {
        return _quoteOption(_series(seriesId), size, _viewSnapshot());
    }

    function optionParams() external view returns (OptionParams memory) {
        return _state().optionParams;
    }

    function optionsEnabled(uint256 marketId) external view returns (bool) {
        return _state().optionsEnabled[marketId];
    }

    function isOptionLister(address account) external view returns (bool) {
        return _state().optionListers[account];
    }

    function seriesHolders(uint256 seriesId) external view returns (address[] memory) {
        return _state().seriesHolders[seriesId];
    }

    function riskEngine() external view returns (address) {
        return address(_state().riskEngine);
    }

    function riskParams() external view returns (RiskParams memory) {
        return _state().params;
    }

    function oracleGuardParams() external view returns (FeedGuard.Params memory) {
        return _state().guard;
    }

    function feedState(bytes32 priceId) external view returns (FeedGuard.State memory) {
        return _state().feeds[priceId];
    }

    function marketCount() external view returns (uint256) {
        return _state().markets.length;
    }

    function collateralCount() external view returns (uint256) {
        return _state().collaterals.length;
    }

    function isolatedPositionsOf(address account) external view returns (uint256[] memory) {
        return _state().isolatedIds[account];
    }

    function isolatedOwner(uint256 isolatedId) external view returns (address) {
        return _state().isolated[isolatedId].owner;
    }

    function nextIsolatedId() external view returns (uint256) {
        return _state().nextIsolatedId;
    }

    function insuranceFund() external view returns (uint256) {
        return _state().insuranceFund;
    }

    function protocolFees() external view returns (uint256) {
        return _state().protocolFees;
    }

    function liquidityPool() external view returns (int256) {
        return _state().liquidityPool;
    }

    function totalBadDebt() external view returns (uint256) {
        return _state().totalBadDebt;
    }

    function pyth() external view returns (IPyth) {
        return _state().pyth;
    }

    function volatilityIndex() external view returns (VolatilityIndex) {
        return _state().volatilityIndex;
    }
}
