// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {MarginVenue} from "../src/margin/MarginVenue.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Isolated positions (DESIGN.md §4.3): own USDC margin, the same formulas on the position
/// and its margin alone, one-click margin moves between cross and isolated.
contract IsolatedTest is VenueFixture {
    address trader = makeAddr("trader");
    address keeper = makeAddr("keeper");

    function setUp() public {
        setUpVenue();
        setPrice(USDC_USD, 1e8, 0);
        advance(1);
        fund(trader, 50_000e6);
    }

    function openEth(uint256 margin, int256 size) internal returns (uint256 id) {
        vm.prank(trader);
        id = venue.openIsolated(ETH, margin, size, size > 0 ? type(uint256).max : 0);
    }

    function test_openMovesMarginOutOfCross() external {
        uint256 id = openEth(5_000e6, 10e18);
        IMarginVenue.AccountView memory a = views.getAccount(trader);
        vm.assertEq(a.collateral[USDC], 45_000e18, "cross paid the margin");
        vm.assertEq(a.perps.length, 0, "nothing in cross");
        vm.assertEq(a.isolated.length, 1, "one isolated position");
        vm.assertEq(a.isolated[0].id, id, "id");
        vm.assertEq(a.isolated[0].size, 10e18, "size");
        // fill 3,000·(1 + 5/250,000) = 3,000.06, fee 0.0005·10·3,000.06 = 15.0003
        vm.assertEq(a.isolated[0].margin, 5_000e18 - 15.0003e18, "margin less the fee");
    }

    /// The same formulas on the position alone: MM = M_mm·|q|·S with M_mm at ETH's vol 0.7.
    function test_isolatedHealthUsesTheSameFormulas() external {
        openEth(5_000e6, 10e18);
        IMarginVenue.AccountHealth memory h = health(trader);
        vm.assertEq(h.cross.maintenanceMargin, 0, "cross has no requirement");
        IMarginVenue.IsolatedHealth memory iso = h.isolated[0];
        // M_mm = 3·0.7·0.0106843460792672 + 1e-9·30,000 = 0.022437126766461132 + 0.00003
        vm.assertApproxEqRel(iso.health.maintenanceMargin, (22_437_126_766_461_132 + 3e13) * 30_000, 1e3, "MM");
        // A = margin + 10·(3,000 − 3,000.06)
        vm.assertEq(iso.health.equity, 5_000e18 - 15.0003e18 - 0.6e18, "equity");
    }

    function test_openNeedsInitialMarginOnTheIsolatedBookAlone() external {
        vm.prank(trader);
        vm.expectRevert(); // InsufficientMargin: 100 USDC cannot hold 10 ETH even with 49,900 in cross
        venue.openIsolated(ETH, 100e6, 10e18, type(uint256).max);
    }

    function test_closingReturnsMarginAndPnlToCross() external {
        uint256 id = openEth(5_000e6, 10e18);
        setPrice(ETH_USD, 3_100e8, 1.5e8);
        advance(1);
        vm.prank(trader);
        venue.tradeIsolated(id, -10e18, 0, true);
        IMarginVenue.AccountView memory a = views.getAccount(trader);
        vm.assertEq(a.isolated.length, 0, "closed and removed");
        // close fill 3,100·(1 + 5/250,000) = 3,100.062: PnL 10·(3,100.062 − 3,000.06) = 1,000.02,
        // fees 15.0003 + 15.50031; funding for one second is below 1e-8
        int256 expected = 50_000e18 + 1_000.02e18 - 15.0003e18 - 15.50031e18;
        vm.assertApproxEqAbs(a.collateral[USDC], expected, 1e10, "all back in cross");
    }

    function test_marginMovesBothWays() external {
        uint256 id = openEth(5_000e6, 10e18);
        vm.startPrank(trader);
        venue.addIsolatedMargin(id, 1_000e6);
        vm.assertEq(views.getAccount(trader).collateral[USDC], 44_000e18, "cross -> isolated");
        venue.removeIsolatedMargin(id, 2_000e6);
        vm.assertEq(views.getAccount(trader).collateral[USDC], 46_000e18, "isolated -> cross");
        vm.expectRevert(); // would leave the position below its IM (≈ 2·0.0225·30,000 ≈ 1,350)
        venue.removeIsolatedMargin(id, 3_900e6);
        vm.stopPrank();
    }

    /// A drop liquidates the isolated position only (partially here: A ≈ 484 against MM ≈ 652);
    /// the cross account is untouched.
    function test_isolatedLiquidationLeavesCrossAlone() external {
        uint256 id = openEth(1_500e6, 10e18);
        movePrice(ETH_USD, 2_900e8);
        vm.assertTrue(views.isIsolatedLiquidatable(id), "isolated below MM");
        vm.assertFalse(views.isLiquidatable(trader), "cross is fine");
        vm.prank(keeper);
        venue.liquidateIsolated(id);
        IMarginVenue.AccountView memory a = views.getAccount(trader);
        vm.assertEq(a.collateral[USDC], 48_500e18, "cross untouched");
        vm.assertLt(uint256(a.isolated[0].size), 10e18, "partly closed");
        IMarginVenue.IsolatedHealth memory h = health(trader).isolated[0];
        vm.assertGe(h.health.equity, int256(h.health.maintenanceMargin * 1.1e18 / WAD), "restored to 1.1 MM");
    }

    /// A full liquidation returns what is left of the margin to the cross account: at 2,870,
    /// A = 1,484.9997 + 10·(2,870 − 3,000.06) ≈ 184.40 < (2/3)·MM, fee 0.005·28,700 = 143.5.
    function test_fullIsolatedLiquidationReturnsTheRestToCross() external {
        uint256 id = openEth(1_500e6, 10e18);
        movePrice(ETH_USD, 2_870e8);
        int256 equity = health(trader).isolated[0].health.equity;
        vm.prank(keeper);
        venue.liquidateIsolated(id);
        IMarginVenue.AccountView memory a = views.getAccount(trader);
        vm.assertEq(a.isolated.length, 0, "closed");
        vm.assertApproxEqAbs(a.collateral[USDC], 48_500e18 + equity - 143.5e18, 2, "leftover back in cross");
    }

    /// Under water, the fund covers the hole and the owner's cross is not charged.
    function test_isolatedShortfallIsNotChargedToCross() external {
        uint256 id = openEth(1_500e6, 10e18);
        movePrice(ETH_USD, 2_700e8); // −3,000 on 1,500 of margin
        vm.prank(keeper);
        venue.liquidateIsolated(id);
        IMarginVenue.AccountView memory a = views.getAccount(trader);
        vm.assertEq(a.isolated.length, 0, "closed");
        vm.assertEq(a.collateral[USDC], 48_500e18, "cross untouched");
        vm.assertEq(views.totalBadDebt(), 0, "the fund paid");
    }

    function test_onlyTheOwnerTradesOrMovesMargin() external {
        uint256 id = openEth(5_000e6, 10e18);
        vm.startPrank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.NotPositionOwner.selector, id, trader));
        venue.tradeIsolated(id, -1e18, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.NotPositionOwner.selector, id, trader));
        venue.removeIsolatedMargin(id, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.UnknownIsolatedPosition.selector, 99));
        venue.addIsolatedMargin(99, 1e6);
        vm.stopPrank();
    }

    function test_atMostSixteenIsolatedPositions() external {
        for (uint256 i; i < 16; ++i) {
            openEth(500e6, 0.1e18);
        }
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.TooManyIsolatedPositions.selector, 16));
        venue.openIsolated(ETH, 500e6, 0.1e18, type(uint256).max);
        vm.assertEq(venue.MAX_ISOLATED_POSITIONS(), 16, "the cap");
        MarginVenue v = venue;
        v;
    }
}
