// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Skew-based funding (DESIGN.md §4.5, Synthetix perps v2 dynamic funding):
///   dr/dt = maxFundingVelocity·clamp(skew/skewScale, −1, 1) per day per day,
///   F += average(r_before, r_now)·S·elapsedDays, settled as q·(F − f) on every interaction.
/// With a constant skew and price, r(t) = v·t and F(t) = S·v·t²/2 (t in days) exactly.
contract FundingTest is VenueFixture {
    address longTrader = makeAddr("long");
    address shortTrader = makeAddr("short");

    function setUp() public {
        setUpVenue();
        fund(longTrader, 1_000_000e6);
        fund(shortTrader, 1_000_000e6);
    }

    /// Skew +100 BTC (1 % of skewScale): v = 3·0.01 = 0.03/day/day. After half a day at 60,000:
    /// r = 0.015/day, F = 60,000·0.03·0.25/2 = 225 USD per BTC.
    function test_indexFollowsTheClosedFormUnderConstantSkew() external {
        tradeAs(longTrader, BTC, 100e18);
        advance(12 hours);
        IMarginVenue.MarketView memory btc = views.getMarkets()[BTC];
        vm.assertApproxEqAbs(btc.fundingRate, 0.015e18, 1, "rate after half a day");
        vm.assertApproxEqRel(btc.fundingIndex, 225e18, 1e9, "index after half a day");
    }

    /// A short skew makes the rate negative: shorts pay longs.
    function test_shortSkewMakesShortsPay() external {
        tradeAs(shortTrader, ETH, -2_500e18); // 1 % of skewScale: v = −0.03/day/day
        advance(1 days);
        IMarginVenue.MarketView memory eth = views.getMarkets()[ETH];
        vm.assertApproxEqAbs(eth.fundingRate, -0.03e18, 1e3, "r = -0.03/day");
        // F = 3,000·(−0.03)/2 = −45 per ETH: the short owes q·(F − f) = −2,500·−45 = +112,500
        vm.assertApproxEqRel(eth.fundingIndex, -45e18, 1e9, "index");
        int256 before = balanceOf(shortTrader, USDC);
        vm.prank(shortTrader);
        venue.sync();
        usdc.mint(shortTrader, 1e6);
        vm.prank(shortTrader);
        venue.deposit(USDC, 1e6);
        vm.assertApproxEqRel(before + 1e18 - balanceOf(shortTrader, USDC), 112_500e18, 1e9, "the short paid");
    }

    /// The velocity saturates at |skew| = skewScale: with skewScale cut to 50 SOL under a 100 SOL
    /// skew the rate climbs at 3/day/day, not 6.
    function test_velocityIsClamped() external {
        tradeAs(longTrader, SOL, 100e18);
        IMarginVenue.MarketView memory sol = views.getMarkets()[SOL];
        sol.params.skewScale = 50e18;
        venue.setMarketParams(SOL, sol.params);
        int256 rateBefore = views.getMarkets()[SOL].fundingRate;
        advance(1 hours);
        vm.assertApproxEqAbs(
            views.getMarkets()[SOL].fundingRate - rateBefore, int256(3e18) / 24, 1e3, "3/day/day for 1/24 day"
        );
    }

    /// Every interaction settles funding owed into USDC, paid to the venue's pool.
    function test_fundingSettlesIntoUsdcOnInteraction() external {
        tradeAs(longTrader, BTC, 100e18);
        advance(12 hours);
        int256 before = balanceOf(longTrader, USDC);
        int256 poolBefore = views.liquidityPool();
        usdc.mint(longTrader, 1e6);
        vm.prank(longTrader);
        venue.deposit(USDC, 1e6); // any interaction settles
        // 100 BTC owe 100·225 = 22,500 USDC
        vm.assertApproxEqRel(before + 1e18 - balanceOf(longTrader, USDC), 22_500e18, 1e9, "funding paid");
        vm.assertApproxEqRel(views.liquidityPool() - poolBefore, 22_500e18, 1e9, "to the pool");
        vm.assertEq(crossPosition(longTrader, BTC).lastFundingIndex, views.getMarkets()[BTC].fundingIndex, "f = F");
    }

    /// Unsettled funding already counts in equity: settling it (here by a 1 USDC deposit, with the
    /// USDC feed's conf at 0 so a USDC debt and a PnL debt weigh the same) changes equity by the
    /// deposit only.
    function test_equityCountsUnsettledFunding() external {
        setPrice(USDC_USD, 1e8, 0);
        tradeAs(longTrader, BTC, 100e18);
        advance(12 hours);
        int256 viewed = equityOf(longTrader);
        usdc.mint(longTrader, 1e6);
        vm.prank(longTrader);
        venue.deposit(USDC, 1e6);
        vm.assertApproxEqAbs(equityOf(longTrader), viewed + 1e18, 2, "same equity plus the deposit");
    }
}
