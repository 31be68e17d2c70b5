// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../../src/margin/IMarginVenue.sol";
import {VenueFixture} from "../base/VenueFixture.sol";

/// @notice Drives the venue with random traders, prices, vols and time for the invariant suite,
/// and checks the per-action rules as it goes (recorded in `violations`): no risk-increasing
/// action or withdrawal leaves an account below IM; a liquidation happens only below MM and
/// leaves the book at or above MM·(1 + buffer) or fully closed; bad debt appears only when the
/// insurance fund is exhausted.
contract VenueHandler is VenueFixture {
    address[] public actors;
    uint256 public violations;
    string public lastViolation;
    mapping(bytes32 => uint256) public calls;

    constructor() {
        setUpVenueWith(20_000e6);
        _listAround(1 days);
        for (uint256 i; i < 5; ++i) {
            address actor = makeAddr(string(abi.encodePacked("actor", bytes1(uint8(48 + i)))));
            actors.push(actor);
            fund(actor, 20_000e6);
            if (i % 2 == 0) fundWeth(actor, 10e18);
            if (i == 3) fundWsteth(actor, 5e18);
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function venueAddress() external view returns (address) {
        return address(venue);
    }

    function tokens() external view returns (address, address, address) {
        return (address(usdc), address(weth), address(wsteth));
    }

    // ------------------------------------------------------------------ trader actions

    function deposit(uint256 actorSeed, uint256 assetSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 asset = assetSeed % 3;
        amount = bound(amount, 1, asset == USDC ? 20_000e6 : 5e18);
        if (asset == USDC) usdc.mint(actor, amount);
        else if (asset == WETH) weth.mint(actor, amount);
        else wsteth.mint(actor, amount);
        vm.startPrank(actor);
        (asset == USDC ? usdc : asset == WETH ? weth : wsteth).approve(address(venue), amount);
        try venue.deposit(asset, amount) {
            calls["deposit"]++;
        } catch {}
        vm.stopPrank();
    }

    function withdraw(uint256 actorSeed, uint256 assetSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 asset = assetSeed % 3;
        amount = bound(amount, 1, asset == USDC ? 30_000e6 : 5e18);
        vm.prank(actor);
        try venue.withdraw(asset, amount) {
            calls["withdraw"]++;
            _checkInitialMargin(actor, "withdraw");
        } catch {}
    }

    function trade(uint256 actorSeed, uint256 marketSeed, int256 size, bool reduceOnly) external {
        address actor = _actor(actorSeed);
        uint256 marketId = marketSeed % 3;
        size = bound(size, -_maxSize(marketId), _maxSize(marketId));
        if (size == 0) return;
        int256 before = crossPosition(actor, marketId).size;
        vm.prank(actor);
        try venue.trade(marketId, size, size > 0 ? type(uint256).max : 0, reduceOnly) {
            calls["trade"]++;
            int256 afterSize = before + size;
            bool reduces =
                before != 0 && (afterSize == 0 || (afterSize > 0) == (before > 0)) && abs(afterSize) < abs(before);
            if (!reduces) _checkInitialMargin(actor, "trade");
        } catch {}
    }

    /// Opens as much as the account's free collateral allows (95 % of it), to bring books near
    /// their limits where liquidations happen.
    function leverUp(uint256 actorSeed, uint256 marketSeed, bool long) external {
        address actor = _actor(actorSeed);
        uint256 marketId = marketSeed % 3;
        IMarginVenue.AccountHealth memory h = health(actor);
        if (h.cross.equity <= int256(h.cross.initialMargin)) return;
        uint256 free = uint256(h.cross.equity) - h.cross.initialMargin;
        IMarginVenue.MarketView memory m = views.getMarkets()[marketId];
        // IM per unit ≈ 2·(vol range + premium and fee headroom)·S; 5 % of price is ample
        uint256 size = free * 95 / 100 * WAD / (m.price / 20);
        int256 signed = long ? int256(size) : -int256(size);
        vm.prank(actor);
        try venue.trade(marketId, signed, long ? type(uint256).max : 0, false) {
            calls["leverUp"]++;
            _checkInitialMargin(actor, "leverUp");
        } catch {}
    }

    /// Opens an isolated position of 50–100 % of what its margin can hold (IM per unit taken as
    /// 5 % of price), so that price moves bring some of them to liquidation.
    function openIsolated(uint256 actorSeed, uint256 marketSeed, uint256 margin, uint256 leverage, bool long) external {
        address actor = _actor(actorSeed);
        uint256 marketId = marketSeed % 3;
        margin = bound(margin, 100e6, 10_000e6);
        IMarginVenue.MarketView memory m = views.getMarkets()[marketId];
        uint256 size = margin * 1e12 * WAD / (m.price / 20) * bound(leverage, 50, 100) / 100;
        if (size == 0) return;
        int256 signed = long ? int256(size) : -int256(size);
        vm.prank(actor);
        try venue.openIsolated(marketId, margin, signed, long ? type(uint256).max : 0) returns (uint256 id) {
            calls["openIsolated"]++;
            _checkInitialMargin(actor, "openIsolated (cross)");
            _checkIsolatedInitialMargin(actor, id, "openIsolated");
        } catch {}
    }

    function tradeIsolated(uint256 actorSeed, uint256 positionSeed, int256 size) external {
        address actor = _actor(actorSeed);
        (bool found, IMarginVenue.IsolatedView memory iso) = _isolated(actor, positionSeed);
        if (!found) return;
        // from closing twice the position (a flip) to doubling it, in the position's direction
        int256 magnitude = int256(abs(iso.size));
        size = bound(size, -2 * magnitude, magnitude);
        if (iso.size < 0) size = -size;
        if (size == 0) return;
        vm.prank(actor);
        try venue.tradeIsolated(iso.id, size, size > 0 ? type(uint256).max : 0, false) {
            calls["tradeIsolated"]++;
            int256 afterSize = iso.size + size;
            bool reduces = (afterSize == 0 || (afterSize > 0) == (iso.size > 0)) && abs(afterSize) < abs(iso.size);
            if (!reduces) _checkIsolatedInitialMargin(actor, iso.id, "tradeIsolated");
        } catch {}
    }

    function moveMargin(uint256 actorSeed, uint256 positionSeed, uint256 amount, bool intoIsolated) external {
        address actor = _actor(actorSeed);
        (bool found, IMarginVenue.IsolatedView memory iso) = _isolated(actor, positionSeed);
        if (!found) return;
        amount = bound(amount, 1, 5_000e6);
        vm.prank(actor);
        if (intoIsolated) {
            try venue.addIsolatedMargin(iso.id, amount) {
                calls["addIsolatedMargin"]++;
                _checkInitialMargin(actor, "addIsolatedMargin (cross)");
            } catch {}
        } else {
            try venue.removeIsolatedMargin(iso.id, amount) {
                calls["removeIsolatedMargin"]++;
                _checkIsolatedInitialMargin(actor, iso.id, "removeIsolatedMargin");
            } catch {}
        }
    }

    /// Liquidates a liquidatable account if there is one (else tries the seeded one, which reverts).
    function liquidate(uint256 actorSeed, uint256 keeperSeed) external {
        address actor = _actor(actorSeed);
        for (uint256 i; i < actors.length; ++i) {
            if (views.isLiquidatable(actors[i])) actor = actors[i];
        }
        address keeper = _actor(keeperSeed);
        IMarginVenue.AccountHealth memory before = health(actor);
        uint256 fundBefore = views.insuranceFund();
        uint256 badDebtBefore = views.totalBadDebt();
        vm.prank(keeper);
        try venue.liquidate(actor) {
            calls["liquidate"]++;
            if (before.cross.equity >= int256(before.cross.maintenanceMargin)) _violation("liquidated at or above MM");
            IMarginVenue.AccountHealth memory after_ = health(actor);
            IMarginVenue.AccountView memory left = views.getAccount(actor);
            bool closed = left.perps.length == 0 && left.options.length == 0;
            uint256 buffered = after_.cross.maintenanceMargin * (WAD + views.riskParams().liqBuffer) / WAD;
            if (!closed && after_.cross.equity < int256(buffered)) _violation("partial liquidation left A < MM(1+b)");
            _checkBadDebt(fundBefore, badDebtBefore);
        } catch {}
    }

    /// Liquidates a liquidatable isolated position if there is one (else tries a seeded one).
    function liquidateIsolated(uint256 actorSeed, uint256 positionSeed, uint256 keeperSeed) external {
        address actor = _actor(actorSeed);
        (bool found, IMarginVenue.IsolatedView memory iso) = _isolated(actor, positionSeed);
        for (uint256 i; i < actors.length; ++i) {
            IMarginVenue.IsolatedView[] memory list = views.getAccount(actors[i]).isolated;
            for (uint256 k; k < list.length; ++k) {
                if (views.isIsolatedLiquidatable(list[k].id)) (actor, iso, found) = (actors[i], list[k], true);
            }
        }
        if (!found) return;
        IMarginVenue.IsolatedHealth memory before = _isolatedHealth(actor, iso.id);
        uint256 fundBefore = views.insuranceFund();
        uint256 badDebtBefore = views.totalBadDebt();
        vm.prank(_actor(keeperSeed));
        try venue.liquidateIsolated(iso.id) {
            calls["liquidateIsolated"]++;
            if (before.health.equity >= int256(before.health.maintenanceMargin)) {
                _violation("isolated liquidated at or above MM");
            }
            if (views.isolatedOwner(iso.id) != address(0)) {
                IMarginVenue.IsolatedHealth memory after_ = _isolatedHealth(actor, iso.id);
                uint256 buffered = after_.health.maintenanceMargin * (WAD + views.riskParams().liqBuffer) / WAD;
                if (after_.health.equity < int256(buffered)) {
                    _violation("partial isolated liquidation left A < MM(1+b)");
                }
            }
            _checkBadDebt(fundBefore, badDebtBefore);
        } catch {}
    }

    // ------------------------------------------------------------------ options (issue 8)

    /// Buys or writes up to 2 BTC / 40 ETH contracts of a live series.
    function tradeOption(uint256 actorSeed, uint256 seriesSeed, int256 size) external {
        address actor = _actor(actorSeed);
        uint256 count = views.seriesCount();
        uint256 id = seriesSeed % count;
        IMarginVenue.SeriesView memory series = views.getOptionSeries(id, 1)[0];
        if (series.expired) return;
        int256 cap = series.marketId == BTC ? int256(2e18) : int256(40e18);
        size = bound(size, -cap, cap);
        if (size == 0) return;
        int256 before = _optionSize(actor, id);
        vm.prank(actor);
        try venue.tradeOption(id, size, size > 0 ? type(uint256).max : 0) {
            calls["tradeOption"]++;
            int256 afterSize = before + size;
            bool reduces =
                before != 0 && (afterSize == 0 || (afterSize > 0) == (before > 0)) && abs(afterSize) < abs(before);
            if (!reduces) _checkInitialMargin(actor, "tradeOption");
        } catch {}
    }

    /// Lists a fresh set of series (so trading goes on as time passes).
    function listSeries(uint256 days_) external {
        _listAround(bound(days_, 1, 3) * 1 days);
        calls["listSeries"]++;
    }

    /// Settles every expired series at the current price (published at its expiry) and pays it
    /// out, checking each holder is paid exactly size × payoff.
    function settleExpired() external {
        uint256 count = views.seriesCount();
        for (uint256 id; id < count; ++id) {
            IMarginVenue.SeriesView memory series = views.getOptionSeries(id, 1)[0];
            if (!series.expired || series.settled || block.timestamp > series.expiry + 60) continue;
            bytes32 feed = feedIds[series.marketId];
            bytes[] memory update = new bytes[](1);
            update[0] = pyth.createPriceFeedUpdateData(
                feed, price8[feed], conf8[feed], -8, price8[feed], conf8[feed], series.expiry, series.expiry - 1
            );
            venue.settleSeries(id, update);
            uint256 price = priceWad(feed);
            uint256 payoff = series.isCall
                ? (price > series.strike ? price - series.strike : 0)
                : (series.strike > price ? series.strike - price : 0);
            int256[] memory before = new int256[](actors.length);
            int256[] memory sizes = new int256[](actors.length);
            for (uint256 i; i < actors.length; ++i) {
                before[i] = balanceOf(actors[i], USDC);
                sizes[i] = _optionSize(actors[i], id);
            }
            venue.payOutSeries(id, 100);
            for (uint256 i; i < actors.length; ++i) {
                if (balanceOf(actors[i], USDC) - before[i] != sizes[i] * int256(payoff) / int256(WAD)) {
                    _violation("settlement paid something else than size x payoff");
                }
            }
            calls["settleSeries"]++;
        }
    }

    function _listAround(uint256 tenor) internal {
        uint64 expiry = uint64(block.timestamp + tenor);
        for (uint256 m; m < 2; ++m) {
            uint256 spot = priceWad(feedIds[m]);
            uint256 step = m == BTC ? 2_000e18 : 100e18;
            uint256 atm = spot / step * step;
            for (uint256 k; k < 3; ++k) {
                uint256 strike = atm + k * step - step;
                try venue.listSeries(m, true, strike, expiry) {} catch {}
                try venue.listSeries(m, false, strike, expiry) {} catch {}
            }
        }
    }

    function _optionSize(address actor, uint256 seriesId) internal view returns (int256) {
        IMarginVenue.OptionPositionView[] memory options = views.getAccount(actor).options;
        for (uint256 k; k < options.length; ++k) {
            if (options[k].seriesId == seriesId) return options[k].size;
        }
        return 0;
    }

    // ------------------------------------------------------------------ the world

    /// Moves one price by up to ±8 % (under the 10 % jump guard) and republishes everything.
    function movePriceBy(uint256 feedSeed, int256 bps) external {
        bytes32 id = feedIds[feedSeed % 3];
        bps = bound(bps, -800, 800);
        price8[id] = int64(int256(price8[id]) * (10_000 + bps) / 10_000);
        if (price8[id] < 1e8) price8[id] = 1e8;
        advance(1);
        calls["movePrice"]++;
    }

    function setVolatility(uint256 keySeed, uint256 vol) external {
        bytes32 key = volKeys[keySeed % 3];
        uint256 current = volWad[key];
        volWad[key] = bound(vol, current * 92 / 100, current * 108 / 100);
        if (volWad[key] < 0.05e18) volWad[key] = 0.05e18;
        advance(1);
        calls["setVolatility"]++;
    }

    /// Passes up to 6 hours, stopping at the first option expiry on the way (so settlement, which
    /// needs a price published within a minute of expiry, can happen).
    function passTime(uint256 seconds_) external {
        uint256 target = block.timestamp + bound(seconds_, 1, 6 hours);
        uint256 count = views.seriesCount();
        for (uint256 id; id < count; ++id) {
            uint64 expiry = views.getOptionSeries(id, 1)[0].expiry;
            if (expiry > block.timestamp && expiry < target) target = expiry;
        }
        advance(target - block.timestamp);
        calls["passTime"]++;
    }

    // ------------------------------------------------------------------ checks

    function _checkInitialMargin(address actor, string memory action) internal {
        IMarginVenue.AccountHealth memory h = health(actor);
        IMarginVenue.AccountView memory a = views.getAccount(actor);
        bool risky = a.perps.length != 0 || a.options.length != 0 || a.collateral[USDC] < 0;
        if (risky && h.cross.equity < int256(h.cross.initialMargin)) {
            _violation(string.concat(action, " left cross below IM"));
        }
    }

    function _checkIsolatedInitialMargin(address actor, uint256 id, string memory action) internal {
        if (views.isolatedOwner(id) == address(0)) return;
        IMarginVenue.IsolatedHealth memory h = _isolatedHealth(actor, id);
        if (h.health.equity < int256(h.health.initialMargin)) {
            _violation(string.concat(action, " left isolated below IM"));
        }
    }

    function _checkBadDebt(uint256 fundBefore, uint256 badDebtBefore) internal {
        fundBefore;
        if (views.totalBadDebt() > badDebtBefore && views.insuranceFund() != 0) {
            _violation("bad debt with insurance left");
        }
    }

    function _violation(string memory what) internal {
        ++violations;
        lastViolation = what;
    }

    // ------------------------------------------------------------------ helpers

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _maxSize(uint256 marketId) internal pure returns (int256) {
        return marketId == BTC ? int256(5e18) : marketId == ETH ? int256(100e18) : int256(2_000e18);
    }

    function _isolated(address actor, uint256 seed) internal view returns (bool, IMarginVenue.IsolatedView memory iso) {
        IMarginVenue.IsolatedView[] memory list = views.getAccount(actor).isolated;
        if (list.length == 0) return (false, iso);
        return (true, list[seed % list.length]);
    }

    function _isolatedHealth(address actor, uint256 id) internal view returns (IMarginVenue.IsolatedHealth memory h) {
        IMarginVenue.IsolatedHealth[] memory list = health(actor).isolated;
        for (uint256 i; i < list.length; ++i) {
            if (list[i].id == id) return list[i];
        }
    }
}
