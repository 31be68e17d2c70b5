// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Perp trading (DESIGN.md §4.5): fill = S·(1 + (skew_before + skew_after)/2/skewScale),
/// taker fee on fill notional, acceptable price, reduce-only, average entry and realized PnL, and
/// the initial-margin check on risk-increasing trades. Expected values are worked by hand.
contract TradingTest is VenueFixture {
    address alice = makeAddr("alice");
    address bob = makeAddr("bob");

    function setUp() public {
        setUpVenue();
        fund(alice, 100_000e6);
        fund(bob, 100_000e6);
    }

    /// Skew 0 -> +1 BTC: fill = 60,000·(1 + 0.5/10,000) = 60,003; fee = 0.0005·60,003 = 30.0015.
    function test_firstBuyPaysHalfTheSkewPremiumAndTheFee() external {
        vm.expectEmit();
        emit IMarginVenue.Traded(alice, 0, BTC, 1e18, 60_003e18, 30.0015e18, 0, 1e18, 60_003e18);
        tradeAs(alice, BTC, 1e18);
        vm.assertEq(balanceOf(alice, USDC), 100_000e18 - 30.0015e18, "fee paid from USDC");
        vm.assertEq(views.protocolFees(), 30.0015e18, "fee collected");
        IMarginVenue.MarketView memory btc = views.getMarkets()[BTC];
        vm.assertEq(btc.longOpenInterest, 1e18, "long OI");
    }

    /// Skew +1 -> −1: the premium averages to 0, so the seller fills at the oracle price.
    function test_aTradeAcrossTheSkewFillsAtTheAverage() external {
        tradeAs(alice, BTC, 1e18);
        (uint256 fill, uint256 fee) = views.quoteTrade(BTC, -2e18);
        vm.assertEq(fill, 60_000e18, "(1 + -1)/2 = 0");
        vm.assertEq(fee, 60e18, "0.0005 * 2 * 60,000");
        tradeAs(bob, BTC, -2e18);
        vm.assertEq(crossPosition(bob, BTC).entryPrice, 60_000e18, "entry at the fill");
    }

    function test_acceptablePriceBoundsTheFill() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.SlippageExceeded.selector, 60_003e18, 60_002e18));
        venue.trade(BTC, 1e18, 60_002e18, false);
        vm.prank(alice);
        venue.trade(BTC, 1e18, 60_003e18, false);
        // A sell must fill at or above its acceptable price: skew 1 -> 0 fills at 60,003.
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.SlippageExceeded.selector, 60_003e18, 60_004e18));
        venue.trade(BTC, -1e18, 60_004e18, false);
    }

    function test_reduceOnlyNeverGrowsOrFlips() external {
        tradeAs(alice, BTC, 1e18);
        vm.startPrank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IMarginVenue.ReduceOnlyWouldIncrease.selector, int256(1e18), int256(1e18))
        );
        venue.trade(BTC, 1e18, type(uint256).max, true);
        vm.expectRevert(
            abi.encodeWithSelector(IMarginVenue.ReduceOnlyWouldIncrease.selector, int256(1e18), int256(-2e18))
        );
        venue.trade(BTC, -2e18, 0, true);
        venue.trade(BTC, -0.4e18, 0, true);
        vm.stopPrank();
        vm.assertEq(crossPosition(alice, BTC).size, 0.6e18, "reduced");
    }

    /// Grow at two fills, then close: entry is the size-weighted average, realized = q·(exit − entry).
    function test_averageEntryAndRealizedPnl() external {
        tradeAs(alice, ETH, 10e18); // skew 0 -> 10: fill 3,000·(1 + 5/250,000) = 3,000.06
        tradeAs(alice, ETH, 10e18); // skew 10 -> 20: fill 3,000·(1 + 15/250,000) = 3,000.18
        vm.assertEq(crossPosition(alice, ETH).entryPrice, 3_000.12e18, "(3,000.06 + 3,000.18)/2");
        setPrice(ETH_USD, 3_300e8, 1.5e8);
        advance(1);
        int256 usdcBefore = balanceOf(alice, USDC);
        // skew 20 -> 0: fill 3,300·(1 + 10/250,000) = 3,300.132; realized 20·(3,300.132 − 3,000.12) = 6,000.24
        // fee 0.0005·20·3,300.132 = 33.00132
        // Funding for the one second held at skew 20: the rate rises from 0 to
        // 3·(20/250,000)/86,400 per day, F = its average · 3,300 · (1/86,400); 20 ETH owe 20·F ≈ 1.06e-9 USD.
        int256 rate = int256(3 * uint256(20e18) / 250_000 / 86_400);
        int256 funding = 20 * (rate / 2) * 3_300 / 86_400;
        tradeAs(alice, ETH, -20e18);
        vm.assertApproxEqAbs(
            balanceOf(alice, USDC) - usdcBefore, 6_000.24e18 - 33.00132e18 - funding, 1e3, "realized - fee - funding"
        );
        vm.assertEq(views.getAccount(alice).perps.length, 0, "flat");
    }

    /// Flipping closes the whole position at the fill and opens the rest there.
    function test_flipRealizesAndReopensAtTheFill() external {
        tradeAs(alice, SOL, 1_000e18); // fill 150·(1 + 500/5,000,000) = 150.015
        tradeAs(alice, SOL, -3_000e18); // skew 1,000 -> −2,000: fill 150·(1 − 500/5,000,000) = 149.985
        IMarginVenue.PositionView memory p = crossPosition(alice, SOL);
        vm.assertEq(p.size, -2_000e18, "short 2,000");
        vm.assertEq(p.entryPrice, 149.985e18, "entry at the flip's fill");
    }

    /// IM on risk-increasing trades: 1,000 USDC can hold about 1,000 / (2·0.01935) ≈ 25,800 of BTC.
    function test_riskIncreasingTradesNeedInitialMargin() external {
        address small = makeAddr("small");
        fund(small, 1_000e6);
        vm.prank(small);
        vm.expectRevert(); // InsufficientMargin(equity, IM): values checked below
        venue.trade(BTC, 0.5e18, type(uint256).max, false);
        tradeAs(small, BTC, 0.4e18);
        IMarginVenue.AccountHealth memory h = health(small);
        vm.assertGe(h.cross.equity, int256(h.cross.initialMargin), "at or above IM");
    }

    function test_insufficientMarginNamesEquityAndRequirement() external {
        address small = makeAddr("small");
        fund(small, 1_000e6);
        vm.prank(small);
        try venue.trade(BTC, 0.5e18, type(uint256).max, false) {
            vm.assertTrue(false, "0.5 BTC must not fit in 1,000 USDC");
        } catch (bytes memory reason) {
            vm.assertEq(bytes4(reason), IMarginVenue.InsufficientMargin.selector, "error");
            (int256 equityAfter, uint256 imAfter) = abi.decode(errorArguments(reason), (int256, uint256));
            // fill 60,000·(1 + 0.25/10,000) = 60,001.5, fee 0.0005·0.5·60,001.5 = 15.000375;
            // equity = (1,000 − 15.000375)·(1 − 0.0001) + 0.5·(60,000 − 60,001.5) = 984.1511250375
            vm.assertApproxEqAbs(equityAfter, 984.1511250375e18, 1, "equity after");
            // IM = 2·(0.0192318 + 3e-5)·30,000
            vm.assertApproxEqRel(imAfter, 2 * (19_231_822_942_680_970 + 3e13) * 30_000, 1e3, "IM after");
        }
    }

    /// A reduction goes through even when the account is below IM (it only lowers risk).
    function test_reductionsAlwaysGoThrough() external {
        address small = makeAddr("small");
        fund(small, 1_000e6);
        tradeAs(small, BTC, 0.4e18);
        setPrice(BTC_USD, 58_000e8, 15e8);
        advance(1);
        IMarginVenue.AccountHealth memory h = health(small);
        vm.assertLt(h.cross.equity, int256(h.cross.initialMargin), "below IM after the drop");
        tradeAs(small, BTC, -0.1e18);
        vm.assertEq(crossPosition(small, BTC).size, 0.3e18, "reduced below IM");
    }

    function test_zeroSizeAndUnknownMarket() external {
        vm.startPrank(alice);
        vm.expectRevert(IMarginVenue.ZeroSize.selector);
        venue.trade(BTC, 0, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.UnknownMarket.selector, 7));
        venue.trade(7, 1e18, type(uint256).max, false);
        vm.stopPrank();
    }

    /// Fuzzed round trips at a fixed oracle price: the trader loses exactly the two premiums and
    /// fees, and the venue's pool gains what the trader lost minus the fees.
    function testFuzz_roundTripCostsPremiumAndFees(uint256 size) external {
        size = bound(size, 1e15, 1e18);
        int256 q = int256(size);
        tradeAs(alice, BTC, q);
        tradeAs(alice, BTC, -q);
        // open fill S(1 + q/2k), close fill S(1 + q/2k): same premium both ways -> realized 0
        uint256 fill = 60_000e18 + 60_000e18 * size / (2 * 10_000e18);
        uint256 fee = size * fill / WAD * 0.0005e18 / WAD;
        // The contract rounds the premium to a wei before scaling by S: allow 1e-12 relative.
        vm.assertApproxEqRel(balanceOf(alice, USDC), 100_000e18 - int256(2 * fee), 1e6, "paid two fees");
    }
}
