// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./base/TestBase.sol";
import {OptionMath} from "../src/options/OptionMath.sol";
import {OptionMathHarness} from "./harness/OptionMathHarness.sol";

/// @notice OptionMath against published values (Haug, Hull), 40-digit references (mpmath, on the
/// exact WAD inputs), known constants, properties under fuzzing, edge cases and its gas budget.
/// The 10,000-input comparison with lib/core is contracts/parity/optionMath.parity.test.ts.
contract OptionMathTest is TestBase {
    /// forge prints these ds-test events with -vv.
    event log_named_uint(string key, uint256 val);

    uint256 internal constant WAD = 1e18;
    OptionMathHarness internal harness;

    function setUp() public {
        harness = new OptionMathHarness();
    }

    // ------------------------------------------------------------------ published values

    /// E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., §1.1.1 example:
    /// call, S = 60, K = 65, T = 0.25, r = 8 %, σ = 30 % → 2.1334.
    function test_haugCall() public pure {
        uint256 value = OptionMath.price(true, 60e18, 65e18, 0.3e18, 0.25e18, 0.08e18);
        assertNear(value, 2.1334e18, 0.00005e18, "Haug 2.1334");
        // mpmath, 40 digits: 2.1333684449162000062
        vm.assertApproxEqRel(value, 2_133368444916200006, 1e3, "Haug to 1e-15");
    }

    /// J. C. Hull, "Options, Futures, and Other Derivatives", Example 15.6: S = 42, K = 40,
    /// T = 0.5, r = 10 %, σ = 20 % → call 4.76, put 0.81.
    function test_hullExample15_6() public pure {
        uint256 call = OptionMath.price(true, 42e18, 40e18, 0.2e18, 0.5e18, 0.1e18);
        uint256 put = OptionMath.price(false, 42e18, 40e18, 0.2e18, 0.5e18, 0.1e18);
        assertNear(call, 4.76e18, 0.005e18, "Hull call 4.76");
        assertNear(put, 0.81e18, 0.005e18, "Hull put 0.81");
        // mpmath, 40 digits; 1e-15 relative: lnWad rounds ln S, ln K to the wei (ΔV ≈ S·Δ·1e-18)
        vm.assertApproxEqRel(call, 4_759422392871533220, 1e3, "call to 1e-15");
        vm.assertApproxEqRel(put, 808599372900093583, 1e3, "put to 1e-15");
    }

    /// Hull, Examples 19.1–19.6 (the 20-week call): S = 49, K = 50, r = 5 %, σ = 20 %, T = 20/52 →
    /// price 2.40, delta 0.522, gamma 0.066, vega 12.1, theta −4.31 a year.
    function test_hullGreeks() public pure {
        uint256 t = 384615384615384615; // 20/52, WAD
        uint256 value = OptionMath.price(true, 49e18, 50e18, 0.2e18, t, 0.05e18);
        (int256 delta, uint256 gamma, uint256 vega, int256 theta) =
            OptionMath.greeks(true, 49e18, 50e18, 0.2e18, t, 0.05e18);
        assertNear(value, 2.4e18, 0.005e18, "price 2.40");
        assertApproxEqAbs(delta, 0.522e18, 0.0005e18, "delta 0.522");
        assertNear(gamma, 0.066e18, 0.0005e18, "gamma 0.066");
        assertNear(vega, 12.1e18, 0.05e18, "vega 12.1");
        assertApproxEqAbs(theta, -4.31e18, 0.005e18, "theta -4.31");
        // mpmath at the WAD inputs, to 1e-15 relative
        vm.assertApproxEqRel(value, 2_400527323271714491, 1e3, "price");
        vm.assertApproxEqRel(delta, 521604661066396389, 1e3, "delta");
        vm.assertApproxEqRel(gamma, 65544039347844398, 1e3, "gamma");
        vm.assertApproxEqRel(vega, 12_105479882628799900, 1e3, "vega");
        vm.assertApproxEqRel(theta, -4_305329822932573405, 1e3, "theta");
        (delta, gamma, vega, theta) = OptionMath.greeks(false, 49e18, 50e18, 0.2e18, t, 0.05e18);
        vm.assertApproxEqRel(delta, -478395338933603611, 1e3, "put delta");
        vm.assertApproxEqRel(theta, -1_852947417032066655, 1e3, "put theta");
    }

    /// 40-digit mpmath references across moneyness, rates and vols (value, delta, gamma, vega, theta).
    function test_highPrecisionReferences() public pure {
        checkReference(
            false,
            3000e18,
            2500e18,
            0.1e18,
            0.03e18,
            0.8e18,
            [
                int256(93_079077178081919792),
                -195159532887830883,
                363459057353198,
                261_690521294302381417,
                -1026_405354901962288606
            ]
        );
        // one day to expiry, BTC-like
        checkReference(
            true,
            60000e18,
            61000e18,
            2739726027397260,
            0,
            0.6e18,
            [
                int256(360_585049755752121961),
                304809611615014756,
                185839163994072,
                1099_760532129303335491,
                -120423_778268158727278668
            ]
        );
        // deep in the money, negative rate: the put is its discounted intrinsic value
        checkReference(
            false,
            150e18,
            300e18,
            2e18,
            -0.01e18,
            0.05e18,
            [int256(156_060402008026743048), -1e18, 0, 0, -3_060604020080267430]
        );
        checkReference(
            true,
            100000e18,
            150000e18,
            0.1e18,
            0.03e18,
            2.5e18,
            [
                int256(18117_032219456581009896),
                454699017275179607,
                5013696151454,
                12534_240378634780962084,
                -157498_590818176603416289
            ]
        );
        // one hour, five standard deviations out of the money: the legs are ~1,000× the value, so
        // this checks the tails' relative precision (d₁ = −4.9947, d₂ = −5.0001; d₁ = 4.9338, d₂ = 4.9284)
        checkReference(
            true,
            100000e18,
            102706e18,
            114155251141552,
            0.03e18,
            0.5e18,
            [int256(29351489303297), 294606166739, 2857397888, 1630934867480348, -3_572630297737517666]
        );
        checkReference(
            false,
            100000e18,
            97400e18,
            114155251141552,
            -0.01e18,
            0.5e18,
            [int256(40690407426495), -403267687301, 3866830272, 2207094904307519, -4_833941515024863276]
        );
    }

    function checkReference(
        bool isCall,
        uint256 spot,
        uint256 strike,
        uint256 yearsToExpiry,
        int256 rate,
        uint256 vol,
        int256[5] memory want
    ) internal pure {
        uint256 value = OptionMath.price(isCall, spot, strike, vol, yearsToExpiry, rate);
        (int256 delta, uint256 gamma, uint256 vega, int256 theta) =
            OptionMath.greeks(isCall, spot, strike, vol, yearsToExpiry, rate);
        vm.assertApproxEqRel(value, uint256(want[0]), 1e6, "value"); // 1e-12
        vm.assertApproxEqAbs(delta, want[1], 2, "delta");
        vm.assertApproxEqAbs(gamma, uint256(want[2]), 2, "gamma");
        vm.assertApproxEqRel(vega, uint256(want[3]), 1e6, "vega");
        vm.assertApproxEqRel(theta, want[4], 1e6, "theta");
    }

    // ------------------------------------------------------------------ ln, exp, Φ

    function test_lnKnownConstants() public pure {
        vm.assertEq(OptionMath.lnWad(1e18), 0, "ln 1");
        vm.assertEq(OptionMath.lnWad(2e18), 693147180559945309, "ln 2 = 0.693147180559945309417");
        vm.assertEq(OptionMath.lnWad(0.5e18), -693147180559945309, "ln 1/2");
        vm.assertEq(OptionMath.lnWad(3e18), 1098612288668109691, "ln 3 = 1.098612288668109691395");
        vm.assertEq(OptionMath.lnWad(2718281828459045235), 1e18, "ln(e to the wei) = 0.99999999999999999987");
        vm.assertEq(OptionMath.lnWad(1), -41446531673892822312, "ln 1e-18 = -41.446531673892822312");
        vm.assertEq(OptionMath.lnWad(1e30), 27631021115928548208, "ln 1e12 = 27.631021115928548208");
        vm.assertEq(
            OptionMath.lnWad(type(uint256).max), 135999146549453176898, "ln((2^256 - 1)/1e18) = 135.999146549453176898"
        );
    }

    function test_expKnownConstants() public pure {
        vm.assertEq(OptionMath.expWad(0), 1e18, "e^0");
        vm.assertEq(OptionMath.expWad(1e18), 2718281828459045235, "e = 2.718281828459045235360");
        vm.assertEq(OptionMath.expWad(-693147180559945309), 0.5e18, "e^-ln2");
        vm.assertEq(OptionMath.expWad(10e18), 22026465794806716516958, "e^10 = 22026.465794806716516957900");
        vm.assertEq(OptionMath.expWad(-41e18), 2, "e^-41 = 1.56e-18");
        vm.assertApproxEqRel(OptionMath.expWad(135e18), 4.263389948314721044893686688e76, 1e-9 * 1e18, "e^135");
        vm.assertEq(OptionMath.expWad(-43e18), 0, "below 1/2 wei");
    }

    function test_normalCdfKnownConstants() public pure {
        vm.assertEq(OptionMath.normalCdfWad(0), 0.5e18, "Phi(0)");
        vm.assertApproxEqAbs(OptionMath.normalCdfWad(1e18), 841344746068542949, 1, "Phi(1) = 0.841344746068542948585");
        vm.assertApproxEqAbs(OptionMath.normalCdfWad(-5e18), 286651571879, 1, "Phi(-5) = 2.866515718791939e-7");
        vm.assertApproxEqAbs(
            OptionMath.normalCdfWad(-1.959963984540054e18),
            25000000000000014,
            1,
            "Phi(-1.959963984540054) = 0.02500000000000001377"
        );
        vm.assertApproxEqAbs(
            OptionMath.normalCdfWad(0.5e18), 691462461274013104, 1, "Phi(0.5) = 0.69146246127401310364 (central region)"
        );
        vm.assertApproxEqAbs(OptionMath.normalCdfWad(-8e18), 622, 1, "Phi(-8) = 6.2209605742717841e-16");
        vm.assertEq(OptionMath.normalCdfWad(-20e18), 0, "far lower tail");
        vm.assertEq(OptionMath.normalCdfWad(40e18), 1e18, "far upper tail");
    }

    function testFuzz_normalCdfSymmetry(int256 x) public pure {
        x = bound(x, -30e18, 30e18);
        vm.assertApproxEqAbs(OptionMath.normalCdfWad(x) + OptionMath.normalCdfWad(-x), 1e18, 1, "Phi(x) + Phi(-x) = 1");
    }

    function testFuzz_normalCdfMonotone(int256 x, uint256 step) public pure {
        x = bound(x, -30e18, 30e18);
        step = bound(step, 1, 1e18);
        vm.assertGe(OptionMath.normalCdfWad(x + int256(step)), OptionMath.normalCdfWad(x), "Phi is non-decreasing");
    }

    function testFuzz_lnExpRoundTrip(int256 x) public pure {
        x = bound(x, -30e18, 130e18);
        uint256 e = OptionMath.expWad(x);
        // ln(e^x rounded): the rounding of e^x is ≤ ½ wei, i.e. ≤ ½/e relative
        vm.assertApproxEqAbs(OptionMath.lnWad(e), x, 1 + 1e18 / e, "ln(exp(x)) = x");
    }

    function testFuzz_lnProduct(uint256 a, uint256 b) public pure {
        a = bound(a, 1e9, 1e27);
        b = bound(b, 1e9, 1e27);
        // ln(a·b) = ln a + ln b: as raw WAD integers, lnWad(a·b) = ln a + ln b + ln 1e18 = … + lnWad(1e36)
        vm.assertApproxEqAbs(
            OptionMath.lnWad(a * b), OptionMath.lnWad(a) + OptionMath.lnWad(b) + OptionMath.lnWad(1e36), 2, "ln(ab)"
        );
    }

    // ------------------------------------------------------------------ pricing properties

    struct Case {
        uint256 spot;
        uint256 strike;
        uint256 vol;
        uint256 yearsToExpiry;
        int256 rate;
    }

    /// spot 1…100,000 USD, K/S in [0.5, 2], σ 5 %…300 %, T one hour…2 years, r in [−5 %, 10 %].
    function fuzzCase(uint256 spotSeed, uint256 ratioSeed, uint256 volSeed, uint256 yearsSeed, int256 rateSeed)
        internal
        pure
        returns (Case memory c)
    {
        c.spot = bound(spotSeed, 1e18, 100_000e18);
        c.strike = c.spot * bound(ratioSeed, 0.5e18, 2e18) / 1e18;
        c.vol = bound(volSeed, 0.05e18, 3e18);
        c.yearsToExpiry = bound(yearsSeed, uint256(1e18) / 8760, 2e18);
        c.rate = bound(rateSeed, -0.05e18, 0.1e18);
    }

    function testFuzz_putCallParity(uint256 s, uint256 k, uint256 v, uint256 t, int256 r) public pure {
        Case memory c = fuzzCase(s, k, v, t, r);
        uint256 call = OptionMath.price(true, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate);
        uint256 put = OptionMath.price(false, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate);
        OptionMath.Series memory o = OptionMath.prepare(true, c.strike, c.yearsToExpiry, c.rate);
        // C − P = S − K·e^(−rT); each of C, P and K·e^(−rT) is rounded to the nearest wei
        vm.assertApproxEqAbs(int256(call) - int256(put), int256(c.spot) - int256(o.discountedStrike), 2, "parity");
        vm.assertApproxEqRel(
            o.discountedStrike,
            c.strike * OptionMath.expWad(-c.rate * int256(c.yearsToExpiry) / 1e18) / 1e18,
            1e3,
            "K e^-rT"
        );
        // no-arbitrage bounds: max(0, S − Ke^(−rT)) ≤ C ≤ S and max(0, Ke^(−rT) − S) ≤ P ≤ Ke^(−rT)
        vm.assertLe(call, c.spot, "call <= S");
        vm.assertLe(put, o.discountedStrike + 1, "put <= K e^-rT");
        if (c.spot > o.discountedStrike) {
            vm.assertGe(call + 1, c.spot - o.discountedStrike, "call >= forward intrinsic");
        } else {
            vm.assertGe(put + 1, o.discountedStrike - c.spot, "put >= forward intrinsic");
        }
    }

    function testFuzz_monotoneInSpot(uint256 s, uint256 k, uint256 v, uint256 t, int256 r, uint256 bump) public pure {
        Case memory c = fuzzCase(s, k, v, t, r);
        uint256 higher = c.spot + c.spot * bound(bump, 1, 1e16) / 1e18; // up to +1 %
        for (uint256 i; i < 2; ++i) {
            bool isCall = i == 0;
            uint256 low = OptionMath.price(isCall, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate);
            uint256 high = OptionMath.price(isCall, higher, c.strike, c.vol, c.yearsToExpiry, c.rate);
            // calls rise with spot, puts fall (within the rounding of the two values)
            if (isCall) vm.assertGe(high + 1, low, "call non-decreasing in spot");
            else vm.assertGe(low + 1, high, "put non-increasing in spot");
        }
    }

    function testFuzz_monotoneInVol(uint256 s, uint256 k, uint256 v, uint256 t, int256 r, uint256 bump) public pure {
        Case memory c = fuzzCase(s, k, v, t, r);
        uint256 higher = c.vol + bound(bump, 1, 0.05e18);
        for (uint256 i; i < 2; ++i) {
            bool isCall = i == 0;
            uint256 low = OptionMath.price(isCall, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate);
            uint256 high = OptionMath.price(isCall, c.spot, c.strike, higher, c.yearsToExpiry, c.rate);
            vm.assertGe(high + 1, low, "value non-decreasing in vol");
        }
    }

    /// The grid's path (prepare once, logSpot shared, valueAt) equals price.
    function testFuzz_valueAtMatchesPrice(uint256 s, uint256 k, uint256 v, uint256 t, int256 r) public pure {
        Case memory c = fuzzCase(s, k, v, t, r);
        OptionMath.Series memory o = OptionMath.prepare(false, c.strike, c.yearsToExpiry, c.rate);
        vm.assertEq(
            OptionMath.valueAt(o, c.spot, OptionMath.lnWad(c.spot), c.vol),
            OptionMath.price(false, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate),
            "valueAt = price"
        );
    }

    /// Greeks agree with finite differences of the price (a consistency check independent of the
    /// closed forms): delta by central difference in spot, vega in vol.
    function testFuzz_greeksMatchFiniteDifferences(uint256 s, uint256 k, uint256 v, uint256 t, int256 r) public pure {
        Case memory c = fuzzCase(s, k, v, t, r);
        (int256 delta,, uint256 vega,) = OptionMath.greeks(true, c.spot, c.strike, c.vol, c.yearsToExpiry, c.rate);
        uint256 h = c.spot / 1e6;
        int256 up = int256(OptionMath.price(true, c.spot + h, c.strike, c.vol, c.yearsToExpiry, c.rate));
        int256 down = int256(OptionMath.price(true, c.spot - h, c.strike, c.vol, c.yearsToExpiry, c.rate));
        // central difference error ~ gamma' h² ≪ 1e-6 of S; rounding 1 wei / 2h
        vm.assertApproxEqAbs((up - down) * 1e18 / int256(2 * h), delta, 1e-6 * 1e18, "delta ~ dV/dS");
        uint256 hv = 1e12; // 1e-6 vol
        int256 vUp = int256(OptionMath.price(true, c.spot, c.strike, c.vol + hv, c.yearsToExpiry, c.rate));
        int256 vDown = int256(OptionMath.price(true, c.spot, c.strike, c.vol - hv, c.yearsToExpiry, c.rate));
        vm.assertApproxEqAbs(
            (vUp - vDown) * 1e18 / int256(2 * hv), int256(vega), vega / 1e4 + c.spot / 1e12 + 1e6, "vega ~ dV/dvol"
        );
    }

    // ------------------------------------------------------------------ edge cases and errors

    function test_expiredIsIntrinsic() public pure {
        vm.assertEq(OptionMath.price(true, 110e18, 100e18, 0.5e18, 0, 0.05e18), 10e18, "call S > K");
        vm.assertEq(OptionMath.price(true, 90e18, 100e18, 0.5e18, 0, 0.05e18), 0, "call S < K");
        vm.assertEq(OptionMath.price(false, 90e18, 100e18, 0.5e18, 0, 0.05e18), 10e18, "put S < K");
        vm.assertEq(OptionMath.price(false, 110e18, 100e18, 0, 0, 0.05e18), 0, "put S > K, vol 0");
        (int256 delta, uint256 gamma, uint256 vega, int256 theta) =
            OptionMath.greeks(true, 110e18, 100e18, 0.5e18, 0, 0.05e18);
        vm.assertEq(delta, 1e18, "expired ITM call delta 1");
        vm.assertEq(gamma + vega + uint256(theta), 0, "no other Greek");
        (delta,,,) = OptionMath.greeks(false, 90e18, 100e18, 0.5e18, 0, 0.05e18);
        vm.assertEq(delta, -1e18, "expired ITM put delta -1");
        (delta,,,) = OptionMath.greeks(true, 100e18, 100e18, 0.5e18, 0, 0.05e18);
        vm.assertEq(delta, 0, "expired ATM delta 0");
    }

    function test_zeroSpot() public pure {
        OptionMath.Series memory o = OptionMath.prepare(false, 100e18, 1e18, 0.05e18);
        vm.assertEq(o.discountedStrike, 95_122942450071400909, "K e^-0.05 = 95.122942450071400909");
        vm.assertEq(OptionMath.valueAt(o, 0, 0, 0.8e18), o.discountedStrike, "put at S = 0");
        o.isCall = true;
        vm.assertEq(OptionMath.valueAt(o, 0, 0, 0.8e18), 0, "call at S = 0");
        vm.assertEq(
            OptionMath.price(false, 0, 100e18, 0.8e18, 1e18, 0.05e18), o.discountedStrike, "price: put at S = 0"
        );
        (int256 delta,,, int256 theta) = OptionMath.greeks(false, 0, 100e18, 0.8e18, 1e18, 0.05e18);
        vm.assertEq(delta, -1e18, "put delta at S = 0");
        vm.assertApproxEqAbs(theta, 4_756147122503570045, 1, "put theta = r K e^-rT");
    }

    /// vol 0 with time left: the discounted forward intrinsic value (σ → 0 limit).
    function test_zeroVolIsForwardIntrinsic() public pure {
        OptionMath.Series memory o = OptionMath.prepare(true, 100e18, 1e18, 0.05e18);
        vm.assertEq(
            OptionMath.price(true, 100e18, 100e18, 0, 1e18, 0.05e18), 100e18 - o.discountedStrike, "ITM forward call"
        );
        vm.assertEq(OptionMath.price(false, 100e18, 100e18, 0, 1e18, 0.05e18), 0, "OTM forward put");
        vm.assertEq(
            OptionMath.price(false, 90e18, 100e18, 0, 1e18, 0.05e18), o.discountedStrike - 90e18, "ITM forward put"
        );
        (int256 delta, uint256 gamma,, int256 theta) = OptionMath.greeks(true, 100e18, 100e18, 0, 1e18, 0.05e18);
        vm.assertEq(delta, 1e18, "deterministic delta");
        vm.assertEq(gamma, 0, "no gamma");
        vm.assertApproxEqAbs(theta, -4_756147122503570045, 1, "theta = -r K e^-rT");
        // a tiny vol converges to the same limit
        vm.assertApproxEqAbs(
            OptionMath.price(true, 100e18, 100e18, 1, 1e18, 0.05e18), 100e18 - o.discountedStrike, 1, "sigma -> 0"
        );
    }

    function test_farTailsStayFinite() public pure {
        // |d| beyond 20: exact limits, no overflow
        vm.assertEq(OptionMath.price(true, 1e18, 1e30, 0.05e18, uint256(1e18) / 8760, 0), 0, "hopeless call");
        vm.assertEq(OptionMath.price(false, 1e30, 1e18, 0.05e18, uint256(1e18) / 8760, 0), 0, "hopeless put");
        vm.assertEq(OptionMath.price(true, 1e30, 1e18, 0.05e18, uint256(1e18) / 8760, 0), 1e30 - 1e18, "certain call");
        // the largest inputs of the domain
        uint256 v = OptionMath.price(true, 1e30, 1e30, 100e18, 10e18, 1e18);
        vm.assertLe(v, 1e30, "call <= S at the domain's corner");
        vm.assertGt(v, 0.99e30, "sigma sqrt T = 316: the call is worth ~S");
    }

    function test_revertsOnInvalidInput() public {
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidStrike.selector, 0));
        this.externalPrice(true, 100e18, 0, 0.5e18, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidStrike.selector, 1e30 + 1));
        this.externalPrice(true, 100e18, 1e30 + 1, 0.5e18, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidSpot.selector, 1e30 + 1));
        this.externalPrice(true, 1e30 + 1, 100e18, 0.5e18, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidVolatility.selector, 100e18 + 1));
        this.externalPrice(true, 100e18, 100e18, 100e18 + 1, 1e18, 0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidYears.selector, 10e18 + 1));
        this.externalPrice(true, 100e18, 100e18, 0.5e18, 10e18 + 1, 0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidRate.selector, -1e18 - 1));
        this.externalPrice(true, 100e18, 100e18, 0.5e18, 1e18, -1e18 - 1);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.InvalidLogSpot.selector, int256(65e18)));
        this.externalValueAt(100e18, 65e18);
        vm.expectRevert(OptionMath.LnOfZero.selector);
        this.externalLn(0);
        vm.expectRevert(abi.encodeWithSelector(OptionMath.ExpOverflow.selector, OptionMath.EXP_MAX + 1));
        this.externalExp(OptionMath.EXP_MAX + 1);
        // the largest argument does not overflow
        vm.assertGt(this.externalExp(OptionMath.EXP_MAX), 5.7e76, "e^135.306 ~ 5.79e76");
    }

    function externalPrice(bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 yearsToExpiry, int256 rate)
        external
        pure
        returns (uint256)
    {
        return OptionMath.price(isCall, spot, strike, vol, yearsToExpiry, rate);
    }

    function externalValueAt(uint256 spot, int256 logSpot) external pure returns (uint256) {
        return OptionMath.valueAt(OptionMath.prepare(true, 100e18, 1e18, 0), spot, logSpot, 0.5e18);
    }

    function externalLn(uint256 x) external pure returns (int256) {
        return OptionMath.lnWad(x);
    }

    function externalExp(int256 x) external pure returns (uint256) {
        return OptionMath.expWad(x);
    }

    // ------------------------------------------------------------------ gas

    /// The venue's budget: 20 option series revalued on the 27-scenario grid for MM and again for
    /// IM (1,080 valuations, DESIGN.md §4.2) must stay well under 5M gas; target ≤ 3,000 per valueAt.
    function test_gasMarginCheckGrid() public {
        OptionMath.Series[] memory series = new OptionMath.Series[](20);
        for (uint256 i; i < 20; ++i) {
            // BTC at 60,000: strikes 45,000…78,000, expiries 1 day…1 year, calls and puts
            uint256 strike = 45_000e18 + i * 1_750e18;
            uint256[5] memory days_ = [uint256(1), 7, 30, 90, 365];
            uint256 yearsToExpiry = days_[i % 5] * 1e18 / 365;
            series[i] = OptionMath.prepare(i % 2 == 0, strike, yearsToExpiry, 0.03e18);
        }
        GasTally memory tally;
        uint256 totalStart = gasleft();
        for (uint256 grid; grid < 2; ++grid) {
            // M_mm ≈ 1.94 % (σ = 60 %, z = 3, one hour), M_im = 2·M_mm; vol states σ(1 − down), σ, σ(1 + up)
            uint256 range = grid == 0 ? 0.0194e18 : 0.0388e18;
            uint256[3] memory vols =
                grid == 0 ? [uint256(0.48e18), 0.6e18, 0.78e18] : [uint256(0.36e18), 0.6e18, 0.96e18];
            for (uint256 m; m < 9; ++m) {
                uint256 shocked = 60_000e18 * (1e18 - range + range * m / 4) / 1e18;
                int256 logSpot = OptionMath.lnWad(shocked);
                for (uint256 v; v < 3; ++v) {
                    revalue(series, shocked, logSpot, vols[v], tally);
                }
            }
        }
        uint256 totalGas = totalStart - gasleft();
        emit log_named_uint("valuations", tally.valuations);
        emit log_named_uint("gas per valueAt, mean", tally.gas / tally.valuations);
        emit log_named_uint("gas per valueAt, max", tally.maxGas);
        emit log_named_uint("gas for the two grids, loop and lnWad included", totalGas);
        vm.assertEq(tally.valuations, 1_080, "20 series x 27 scenarios x 2 grids");
        vm.assertGt(tally.checksum, 0, "values computed");
        vm.assertLe(tally.gas / tally.valuations, 3_000, "mean gas per valueAt");
        vm.assertLt(totalGas, 5_000_000, "1,080 valuations well under 5M gas");
    }

    struct GasTally {
        uint256 valuations;
        uint256 gas;
        uint256 maxGas;
        uint256 checksum;
    }

    function revalue(
        OptionMath.Series[] memory series,
        uint256 spot,
        int256 logSpot,
        uint256 vol,
        GasTally memory tally
    ) internal view {
        for (uint256 k; k < series.length; ++k) {
            OptionMath.Series memory o = series[k];
            uint256 before = gasleft();
            uint256 value = OptionMath.valueAt(o, spot, logSpot, vol);
            uint256 used = before - gasleft();
            tally.gas += used;
            if (used > tally.maxGas) tally.maxGas = used;
            tally.checksum += value;
            ++tally.valuations;
        }
    }

    /// Gas per valueAt, price and greeks through the harness (the parity suite prints the same on
    /// its 10,000-input grid), over the pricer's regions: central, middle, tail, deep tail.
    function test_gasPerCallHarness() public {
        OptionMathHarness.Input[] memory inputs = new OptionMathHarness.Input[](6);
        inputs[0] = OptionMathHarness.Input(true, 60_000e18, 60_000e18, 0.6e18, 0.1e18, 0); // both |d| small
        inputs[1] = OptionMathHarness.Input(false, 60_000e18, 50_000e18, 0.6e18, 0.1e18, 0.03e18); // middle
        inputs[2] = OptionMathHarness.Input(true, 60_000e18, 80_000e18, 0.3e18, 0.05e18, 0.03e18); // tail
        inputs[3] = OptionMathHarness.Input(true, 3_000e18, 6_000e18, 0.05e18, 0.01e18, 0); // beyond 20
        inputs[4] = OptionMathHarness.Input(false, 150e18, 100e18, 1.2e18, 1e18, -0.01e18);
        inputs[5] = OptionMathHarness.Input(true, 1e18, 2e18, 3e18, 2e18, 0.03e18);
        (uint256 valueAtMean, uint256 valueAtMax, uint256 priceMean, uint256 greeksMean,) = harness.gasPerValue(inputs);
        emit log_named_uint("valueAt gas, mean", valueAtMean);
        emit log_named_uint("valueAt gas, max", valueAtMax);
        emit log_named_uint("price gas, mean (prepare + lnWad + valueAt)", priceMean);
        emit log_named_uint("greeks gas, mean", greeksMean);
        vm.assertLe(valueAtMax, 3_000, "valueAt <= 3,000 gas");
    }

    // ------------------------------------------------------------------ helpers

    function assertNear(uint256 a, uint256 b, uint256 tolerance, string memory what) internal pure {
        vm.assertApproxEqAbs(a, b, tolerance, what);
    }

    function assertApproxEqAbs(int256 a, int256 b, uint256 tolerance, string memory what) internal pure {
        vm.assertApproxEqAbs(a, b, tolerance, what);
    }
}
