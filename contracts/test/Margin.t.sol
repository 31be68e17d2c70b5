// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {UnderlyingHealth} from "../src/margin/VenueTypes.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Equity and the 27-scenario margin of DESIGN.md §4.1–4.2. Expected values are computed
/// independently: by hand from the formulas, with sqrt(3600 / 31,536,000) and the ranges evaluated
/// in Python's decimal module at 50 digits (quoted below), never read back from the contract.
contract MarginTest is VenueFixture {
    /// sqrt(3600 / 31,536,000) = 0.0106843460792672057387..., WAD (Python decimal, 50 digits).
    uint256 constant SQRT_HORIZON = 10_684_346_079_267_205;
    address trader = makeAddr("trader");

    function setUp() public {
        setUpVenue();
        relaxJumpGuards();
        fund(trader, 1_000_000e6);
    }

    /// Perp-only book: the grid reduces to MM = M_mm·|q|·S, IM = 2·MM, with
    /// M_mm = max(mmFloor, 3·sigma·sqrt(1/8760)) + 1e-9·|q|·S.
    /// Two BTC at 60,000, sigma 0.6: M_mm = 0.0193518229426809703..., MM = 2,322.21875312171643957...
    function test_perpMarginMatchesTheClosedForm() external {
        tradeAs(trader, BTC, 2e18);
        IMarginVenue.AccountHealth memory h = health(trader);
        vm.assertEq(h.cross.underlyings.length, 1, "one underlying");
        UnderlyingHealth memory u = h.cross.underlyings[0];
        vm.assertEq(u.grossNotional, 120_000e18, "G = |q|*S");
        vm.assertApproxEqAbs(u.maintenanceRange, 19_351_822_942_680_970, 2, "M_mm");
        vm.assertApproxEqRel(h.cross.maintenanceMargin, 2_322_218_753_121_716_439_572, 1e3, "MM");
        vm.assertApproxEqRel(h.cross.initialMargin, 4_644_437_506_243_432_879_145, 1e3, "IM = 2 MM");
    }

    /// The "dynamic buffer": doubling sigma doubles the vol part of the range.
    /// sigma 1.2: M_mm = 0.0385836458853619406... + 0.00012, MM = 4,630.0375062434328791...
    function test_doublingVolatilityDoublesTheRange() external {
        tradeAs(trader, BTC, 2e18);
        setVol("BTC", 1.2e18);
        advance(1);
        vm.assertApproxEqRel(
            health(trader).cross.maintenanceMargin, 4_630_037_506_243_432_879_145, 1e3, "MM at 120 % vol"
        );
    }

    /// Below the floor the range is mmFloor: BTC at 10 % vol -> 3·0.1·0.01068 = 0.0032 < 0.005.
    function test_floorAppliesAtLowVolatility() external {
        tradeAs(trader, BTC, 1e18);
        setVol("BTC", 0.1e18);
        advance(1);
        // M_mm = 0.005 + 1e-9·60,000 = 0.00506; MM = 0.00506 · 60,000 = 303.6
        vm.assertApproxEqAbs(health(trader).cross.maintenanceMargin, 303.6e18, 1e6, "MM at the floor");
    }

    /// A long and a short account in different underlyings add up (no offsets across underlyings).
    function test_requirementsAddAcrossUnderlyings() external {
        tradeAs(trader, BTC, 1e18);
        tradeAs(trader, ETH, -10e18);
        IMarginVenue.AccountHealth memory h = health(trader);
        vm.assertEq(h.cross.underlyings.length, 2, "two underlyings");
        uint256 btc = (expectedRange(0.6e18, 60_000e18, 0.005e18) * 60_000e18) / WAD;
        uint256 eth = (expectedRange(0.7e18, 30_000e18, 0.0075e18) * 30_000e18) / WAD;
        vm.assertApproxEqRel(h.cross.maintenanceMargin, btc + eth, 1e3, "MM = MM_BTC + MM_ETH");
    }

    /// Fuzzed sizes, prices and vols: the grid's worst loss is always M_mm·|q|·S (the loop's
    /// extreme scenario), whatever the direction.
    function testFuzz_gridReducesToRangeTimesNotional(int256 size, uint256 priceMove, uint256 vol) external {
        size = bound(size, -50e18, 50e18);
        vm.assume(size != 0);
        vol = bound(vol, 0.05e18, 3e18);
        tradeAs(trader, BTC, size);
        int64 price = int64(int256(bound(priceMove, 30_000, 120_000))) * 1e8;
        setPrice(BTC_USD, price, 10e8);
        setVol("BTC", vol);
        advance(1);
        uint256 spot = uint256(uint64(price)) * 1e10;
        uint256 notional = abs(size) * spot / WAD;
        uint256 range = expectedRange(vol, notional, 0.005e18);
        IMarginVenue.AccountHealth memory h = health(trader);
        vm.assertApproxEqRel(h.cross.maintenanceMargin, range * notional / WAD, 1e6, "MM = M_mm |q| S");
        vm.assertApproxEqRel(h.cross.initialMargin, 2 * range * notional / WAD, 1e6, "IM = 2 M_mm |q| S");
    }

    /// DESIGN.md §4.1: assets at (price − conf)(1 − haircut); USDC at its own price − conf.
    function test_collateralIsValuedOnTheConservativeSide() external {
        address saver = makeAddr("saver");
        fundWeth(saver, 2e18);
        // 2 · (3,000 − 1.5) · 0.9 = 5,397.3
        vm.assertEq(equityOf(saver), 5_397.3e18, "WETH");
        address staker = makeAddr("staker");
        fundWsteth(staker, 1e18);
        uint256 rate = wsteth.stEthPerToken();
        // (3,000 − 1.5) · rate · 0.88
        int256 expected = int256(2_998.5e18 * rate / WAD * 0.88e18 / WAD);
        vm.assertApproxEqAbs(equityOf(staker), expected, 1e3, "wstETH at ETH x rate");
        // 1,000,000 USDC at 1 − 0.0001
        vm.assertEq(equityOf(trader), 999_900e18, "USDC");
    }

    /// Losses settle into USDC; a negative USDC balance is a debt valued at price + conf.
    function test_negativeUsdcIsValuedAtPricePlusConf() external {
        address borrower = makeAddr("borrower");
        fundWeth(borrower, 10e18);
        tradeAs(borrower, ETH, 2e18);
        tradeAs(borrower, ETH, -2e18); // pays two fills' premium and fees: USDC goes negative
        int256 debt = balanceOf(borrower, USDC);
        vm.assertLt(debt, int256(0), "USDC debt");
        uint256 debtValue = abs(debt) * 1.0001e18 / WAD;
        int256 expected = int256(10 * 2_998.5e18 * 0.9e18 / WAD) - int256(debtValue);
        vm.assertApproxEqAbs(equityOf(borrower), expected, 1, "WETH value - debt*(1 + conf)");
    }

    function expectedRange(uint256 vol, uint256 notional, uint256 floor) internal pure returns (uint256) {
        uint256 volRange = 3 * vol * SQRT_HORIZON / WAD;
        return (volRange > floor ? volRange : floor) + 1e9 * notional / WAD;
    }
}
