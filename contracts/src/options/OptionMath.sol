// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title OptionMath
/// @notice European options under generalized Black-Scholes-Merton with dividend yield 0, in fixed
/// point, matching lib/core's `optionPrice` / `optionGreeks` to 1e-9 relative (DESIGN.md §3, §4.2):
///
///   call = S·Φ(d₁) − K·e^(−rT)·Φ(d₂),   put = call − S + K·e^(−rT),
///   d₁,₂ = (ln(S/K) + rT)/(σ√T) ± σ√T/2
///
/// (F. Black & M. Scholes, J. Political Economy 81 (1973); R. C. Merton, Bell J. Econ. 4 (1973);
/// E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. (2007), §1.1.6).
///
/// Units: spot, strike and values are WAD USD per contract (1 contract = 1 unit of the underlying);
/// vol is annualised WAD (0.6e18 = 60 %); time to expiry is WAD years of 31,536,000 seconds (named
/// `yearsToExpiry`: `years` is a reserved word in Solidity); the rate is a signed WAD per year,
/// continuously compounded.
///
/// How it stays exact and cheap (the venue revalues ~1,000 series × scenarios per margin check):
/// - Internally every USD amount is an integer in units of 2⁻³² wei ("X" units, WAD·2³²), and the
///   two legs S·Φ(d₁), K·e^(−rT)·Φ(d₂) are built from the *same* integer tails, so the put comes
///   from the call by parity without any new rounding, and far out-of-the-money values keep their
///   relative precision: nothing is ever rounded to a WAD probability.
/// - Φ uses W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
///   the error function", Math. Comp. 23 (1969) 631–637; coefficients as in his CALERF, ACM TOMS 715,
///   the same ones lib/core uses), rescaled offline from erf/erfcx(z) to d = z·√2 and rounded to
///   2⁻⁹⁶. Measured against 50-digit mpmath: erf 3.3e-19, erfcx 1.2e-18 and 5.8e-19 relative.
///     |d| < 0.4688·√2:     Φ(d) = ½ + d·N(d²)/D(d²)                    (degree 4/4, no exponential)
///     0.663 ≤ |d| < 4·√2:  Q(|d|) = φ(d)·R(|d|),  R = Mills ratio = √(π/2)·erfcx(|d|/√2)  (8/8)
///     4·√2 ≤ |d| < 20:     R(y) = (1 − w·N(w)/D(w))/y,  w = 1/y²                           (5/5)
///     |d| ≥ 20:            Q = 0 (Q(20) ≈ 2.8e-89: below 2⁻³² wei for any allowed price)
/// - One exponential per valuation at most: S·φ(d₁) = K·e^(−rT)·φ(d₂) exactly (ln(S/(Ke^(−rT))) =
///   (d₁² − d₂²)/2), so the density is computed once, from the leg nearer the money, and serves both
///   tails. Near the money (both |d| < 0.663) no exponential is needed at all.
/// - exp uses k = round(x/ln 2), r = x − k·ln 2 and the [7/7] Padé approximant
///   e^r = (E(r²) + r·O(r²)) / (E(r²) − r·O(r²)) with integer coefficients (14−j)!/(j!(7−j)!)
///   (G. A. Baker & P. Graves-Morris, "Padé Approximants", 2nd ed. (1996), §1.2): |r| ≤ ln2/2 gives
///   a truncation error below 3e-23. ln uses ln m = 2·atanh((m−1)/(m+1)) on m ∈ [1/√2, √2)
///   (Abramowitz & Stegun 4.1.27), 13 terms: error below 1e-21.
///
/// Error budget (measured in contracts/parity/optionMath.parity.test.ts): the legs are exact to
/// ~1e-18 relative, so a value is exact to ~1e-18 × (S·Φ(d₁) + K·e^(−rT)·Φ(d₂)) / value — a
/// cancellation factor below 5e4 on the venue's range (σ√T ≥ 5e-4, values above a few wei) — plus
/// the final rounding to the nearest wei. The inputs add their own: lnWad rounds ln S and ln K to
/// ½ wei, which moves a value by ≤ 1e-18 × its elasticity to spot. lib/core is ~1e-15 per leg.
///
/// Domain (reverts with a named error outside it): 0 < strike ≤ 1e12 USD, spot ≤ 1e12 USD,
/// vol ≤ 100 (10,000 %), T ≤ 10 years, |rate| ≤ 1 (100 % a year). Edge cases, by decision:
/// - T = 0: the intrinsic value max(0, ω(S − K)) of an expired, not yet settled series;
/// - spot = 0 (the grid floors S' at 0): call 0, put K·e^(−rT);
/// - vol = 0 with T > 0 is *allowed* and priced as the σ → 0 limit, the discounted forward
///   intrinsic max(0, ω(S − K·e^(−rT))), as lib/core's deterministic branch does: a margin check
///   must not revert on a degenerate volatility state. lib/core's `optionPrice` rejects vol 0, so
///   parity with it holds for vol > 0.
library OptionMath {
    /// @notice Everything about a series that does not depend on spot or vol, prepared once per
    /// evaluation (prepare ≈ 2,700 gas; valueAt then skips the logarithm, square root and
    /// exponential of the strike side). Build it with `prepare` only: valueAt trusts its fields
    /// (their bounds are what keep its unchecked arithmetic exact).
    struct Series {
        bool isCall;
        /// Strike, WAD USD.
        uint256 strike;
        /// Time to expiry, WAD years of 365 days.
        uint256 yearsToExpiry;
        /// Risk-free rate, WAD per year, continuous.
        int256 rate;
        /// √T · 2⁹⁶.
        uint256 sqrtYearsQ96;
        /// ln(K·e^(−rT)) = ln K − r·T, WAD: ln(F/K) = logSpot − logDiscountedStrike.
        int256 logDiscountedStrike;
        /// K·e^(−rT), WAD USD (rounded to nearest).
        uint256 discountedStrike;
        /// K·e^(−rT) in internal units of 2⁻³² wei.
        uint256 discountedStrikeX;
    }

    /// @notice Strike 0 or above 1e12 USD.
    error InvalidStrike(uint256 strike);
    /// @notice Spot above 1e12 USD.
    error InvalidSpot(uint256 spot);
    /// @notice Volatility above 100 (10,000 % a year).
    error InvalidVolatility(uint256 vol);
    /// @notice More than 10 years to expiry.
    error InvalidYears(uint256 yearsToExpiry);
    /// @notice A rate beyond ±100 % a year.
    error InvalidRate(int256 rate);
    /// @notice A logSpot no allowed spot has (|logSpot| > 64): not lnWad(spot).
    error InvalidLogSpot(int256 logSpot);
    /// @notice ln(0).
    error LnOfZero();
    /// @notice expWad(x) for x > ln((2²⁵⁵ − 1)/1e18) ≈ 135.306: the result would not fit an int256.
    error ExpOverflow(int256 x);

    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_PRICE = 1e30;
    uint256 internal constant MAX_VOL = 100e18;
    uint256 internal constant MAX_YEARS = 10e18;
    int256 internal constant MAX_RATE = 1e18;
    int256 internal constant MAX_LOG_SPOT = 64e18;
    /// Largest expWad argument: e^x·1e18 < 2²⁵⁵.
    int256 internal constant EXP_MAX = 135_305_999_368_893_231_589;
    /// Below this e^x·1e18 < ½: expWad rounds to 0.
    int256 internal constant EXP_MIN = -42_139_678_854_452_767_622;

    /// Internal USD amounts are WAD·2³² ("X" units): 2⁻³² wei of resolution; S·2³² < 2¹³² and
    /// K·e^(−rT)·2³² < 2¹⁴⁷ in the domain.
    uint256 private constant UNIT_BITS = 32;
    uint256 private constant HALF_UNIT = 1 << 31;
    uint256 private constant Q96 = 0x1000000000000000000000000; // 2⁹⁶
    int256 private constant IQ96 = 1 << 96;
    /// σ√T/2 in Q64 = (vol · sqrtYearsQ96) / (1e18 · 2³³).
    uint256 private constant HALF_STD_DEV_DIVISOR = 8589934592000000000000000000; // 1e18·2³³

    // Constants in Q96 (x · 2⁹⁶, rounded), from 60-digit mpmath.
    uint256 private constant LN2_Q96 = 54916777467707473351141471128;
    uint256 private constant INV_LN2_Q96 = 114302077158074026402637675937;
    uint256 private constant LN_1E18_Q96 = 3283732547111784853622338894909; // 18·ln 10
    uint256 private constant SQRT2_Q96 = 112045541949572279837463876455;
    uint256 private constant INV_SQRT_2PI_Q96 = 31607463825455920808620519744;

    // Region boundaries for |d| in Q64: Cody's 0.46875 and 4 in erf's variable z = d/√2, and the cut-off.
    uint256 private constant CENTRAL_END_Q64 = 12228579211249483324; // 0.46875·√2
    uint256 private constant MIDDLE_END_Q64 = 104350542602662257698; // 4·√2
    uint256 private constant TAIL_END_Q64 = 368934881474191032320; // 20

    // The [7/7] Padé approximant of e^r (Baker & Graves-Morris §1.2) with integer coefficients
    // (14 − j)!/(j!·(7 − j)!): e^r ≈ (E(r²) + r·O(r²)) / (E(r²) − r·O(r²)),
    // E = 17297280 + 1995840·r² + 25200·r⁴ + 56·r⁶, O = 8648640 + 277200·r² + 1512·r⁴ + r⁶;
    // |r| ≤ ln2/2 gives a relative truncation error below 3e-23. The constants are ·2⁹⁶.
    uint256 private constant PADE_E0 = 1370431710894734241370055901267886080;
    uint256 private constant PADE_E2 = 158126735872469335542698757838602240;
    uint256 private constant PADE_E4 = 1996549695359461307357307548467200;
    uint256 private constant PADE_O0 = 685215855447367120685027950633943040;
    uint256 private constant PADE_O2 = 21962046648954074380930383033139200;
    uint256 private constant PADE_O4 = 119792981721567678441438452908032;

    // ------------------------------------------------------------------ pricing

    /// @notice Prepares a series: validates strike, years and rate and precomputes √T, K·e^(−rT)
    /// and ln(K·e^(−rT)).
    function prepare(bool isCall, uint256 strike, uint256 yearsToExpiry, int256 rate)
        internal
        pure
        returns (Series memory o)
    {
        if (strike == 0 || strike > MAX_PRICE) revert InvalidStrike(strike);
        if (yearsToExpiry > MAX_YEARS) revert InvalidYears(yearsToExpiry);
        if (rate > MAX_RATE || rate < -MAX_RATE) revert InvalidRate(rate);
        o.isCall = isCall;
        o.strike = strike;
        o.yearsToExpiry = yearsToExpiry;
        o.rate = rate;
        unchecked {
            // years ≤ 1e19 < 2⁶⁴, so years·2¹⁹² fits; |r·T| ≤ 10.
            o.sqrtYearsQ96 = Math.sqrt((yearsToExpiry << 192) / WAD);
            int256 rateTime = rate * int256(yearsToExpiry) / int256(WAD);
            (uint256 mantissa, int256 k) = _expParts((-rateTime << 96) / int256(WAD));
            // K·2³²·e^(−rT) = K·mantissa·2^(k − 64), k ∈ [−15, 15]
            o.discountedStrikeX = (strike * mantissa) >> uint256(64 - k);
            o.discountedStrike = (o.discountedStrikeX + HALF_UNIT) >> UNIT_BITS;
            o.logDiscountedStrike = lnWad(strike) - rateTime;
        }
    }

    /// @notice Value per contract, WAD USD, at `spot` (WAD) with `logSpot` = lnWad(spot) (passed in
    /// because the grid reuses it for every series) and volatility `vol` (WAD). Rounded to the
    /// nearest wei. T = 0 → intrinsic; spot = 0 → call 0, put K·e^(−rT) (logSpot ignored);
    /// vol = 0 → discounted forward intrinsic.
    function valueAt(Series memory o, uint256 spot, int256 logSpot, uint256 vol) internal pure returns (uint256) {
        if (spot > MAX_PRICE) revert InvalidSpot(spot);
        if (vol > MAX_VOL) revert InvalidVolatility(vol);
        if (o.yearsToExpiry == 0) return _intrinsic(o.isCall, spot, o.strike);
        if (spot == 0) return o.isCall ? 0 : o.discountedStrike;
        if (logSpot > MAX_LOG_SPOT || logSpot < -MAX_LOG_SPOT) revert InvalidLogSpot(logSpot);
        unchecked {
            uint256 spotX = spot << UNIT_BITS;
            uint256 strikeX = o.discountedStrikeX;
            (uint256 spotLeg, uint256 strikeLeg,) =
                _callLegs(spotX, strikeX, logSpot - o.logDiscountedStrike, vol * o.sqrtYearsQ96, false);
            // call = S·Φ(d₁) − K·e^(−rT)·Φ(d₂); put = call − S + K·e^(−rT), exact in X units
            int256 value = int256(spotLeg) - int256(strikeLeg);
            if (!o.isCall) value = value - int256(spotX) + int256(strikeX);
            return value <= 0 ? 0 : (uint256(value) + HALF_UNIT) >> UNIT_BITS;
        }
    }

    /// @notice Convenience: prepare + lnWad + valueAt.
    function price(bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 yearsToExpiry, int256 rate)
        internal
        pure
        returns (uint256)
    {
        Series memory o = prepare(isCall, strike, yearsToExpiry, rate);
        if (spot > MAX_PRICE) revert InvalidSpot(spot);
        return valueAt(o, spot, spot == 0 ? int256(0) : lnWad(spot), vol);
    }

    /// @notice Per-contract Greeks in lib/core's units (optionGreeks): delta dV/dS (WAD, signed),
    /// gamma d²V/dS² (WAD per USD), vega dV/dσ (WAD USD per 1.00 of vol), theta dV/dt (WAD USD per
    /// year of calendar time, signed). Formulas (Haug §2.1, q = 0, ω = ±1):
    ///   delta = ω·Φ(ωd₁), gamma = φ(d₁)/(S·σ√T), vega = S·φ(d₁)·√T,
    ///   theta = −S·φ(d₁)·σ/(2√T) − ω·r·K·e^(−rT)·Φ(ωd₂).
    /// T = 0: delta 1 (call, S > K), −1 (put, S < K) or 0, the rest 0 (lib/core's underlyingRisk).
    /// vol = 0: lib/core's deterministic limit (delta ω·1{ω(S − Ke^(−rT)) > 0}, ½ at the tie; theta
    /// of the discounted strike). spot = 0: call all 0; put delta −1 and theta r·K·e^(−rT).
    /// Rounding: each Greek is truncated to the wei (toward 0).
    function greeks(bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 yearsToExpiry, int256 rate)
        internal
        pure
        returns (int256 delta, uint256 gamma, uint256 vega, int256 theta)
    {
        Series memory o = prepare(isCall, strike, yearsToExpiry, rate);
        if (spot > MAX_PRICE) revert InvalidSpot(spot);
        if (vol > MAX_VOL) revert InvalidVolatility(vol);
        if (yearsToExpiry == 0) {
            if (isCall ? spot > strike : spot < strike) delta = isCall ? int256(WAD) : -int256(WAD);
            return (delta, 0, 0, 0);
        }
        uint256 stdDevScaled = vol * o.sqrtYearsQ96;
        if (spot == 0 || stdDevScaled == 0) return _deterministicGreeks(o, spot);
        return _liveGreeks(o, spot, vol, stdDevScaled);
    }

    // ------------------------------------------------------------------ elementary functions

    /// @notice Natural logarithm of a WAD number, WAD, rounded to nearest (error ≤ 0.5 wei + 1e-21).
    /// x = m·2^k with m ∈ [1/√2, √2), ln m = 2·atanh(t), t = (m−1)/(m+1), |t| ≤ 0.1716, summed to t²⁵.
    function lnWad(uint256 x) internal pure returns (int256) {
        if (x == 0) revert LnOfZero();
        unchecked {
            uint256 k = Math.log2(x); // x_wad = m·2^k, m ∈ [1, 2) (as Q96 below)
            uint256 m = k >= 96 ? x >> (k - 96) : x << (96 - k);
            uint256 one = Q96;
            if (m > SQRT2_Q96) {
                one = 2 * Q96; // use m/2 ∈ [1/√2, 1) and k + 1
                ++k;
            }
            int256 t = ((int256(m) - int256(one)) << 96) / (int256(m) + int256(one));
            int256 t2 = (t * t) >> 96;
            // Σ t²ⁿ/(2n+1), n = 0…12 (Horner, coefficients 2⁹⁶/(2n+1))
            int256 s = 3169126500570573503741758013;
            s = ((s * t2) >> 96) + 3444702718011492938849736971;
            s = ((s * t2) >> 96) + 3772769643536397028263997635;
            s = ((s * t2) >> 96) + 4169903290224438820712839491;
            s = ((s * t2) >> 96) + 4660480147897902211384938255;
            s = ((s * t2) >> 96) + 5281877500950955839569596689;
            s = ((s * t2) >> 96) + 6094474039558795199503380795;
            s = ((s * t2) >> 96) + 7202560228569485235776722757;
            s = ((s * t2) >> 96) + 8803129168251593065949327815;
            s = ((s * t2) >> 96) + 11318308930609191084791992905;
            s = ((s * t2) >> 96) + 15845632502852867518708790067;
            s = ((s * t2) >> 96) + 26409387504754779197847983445;
            s = ((s * t2) >> 96) + IQ96;
            // ln(x/1e18) = k·ln 2 + ln m − 18·ln 10, in Q96
            int256 logQ96 = int256(k * LN2_Q96) + ((2 * t * s) >> 96) - int256(LN_1E18_Q96);
            return (logQ96 * int256(WAD) + (IQ96 >> 1)) >> 96;
        }
    }

    /// @notice e^x for WAD x, WAD result rounded to nearest (relative error ≤ 1e-22 + 0.5 wei).
    /// Domain: x ≤ 135.305999368893231589 (e^x·1e18 < 2²⁵⁵, else ExpOverflow); below
    /// −42.139678854452767622 the result is 0.
    function expWad(int256 x) internal pure returns (uint256) {
        if (x > EXP_MAX) revert ExpOverflow(x);
        if (x < EXP_MIN) return 0;
        unchecked {
            (uint256 mantissa, int256 k) = _expParts((x << 96) / int256(WAD));
            // e^x·1e18 = mantissa·1e18·2^(k − 96), k ∈ [−61, 195]
            uint256 scaled = mantissa * WAD;
            if (k >= 96) return scaled << uint256(k - 96);
            uint256 shift = uint256(96 - k);
            return (scaled + (1 << (shift - 1))) >> shift;
        }
    }

    /// @notice Φ(x), the standard normal distribution function, in WAD (rounded to nearest), for
    /// tests and views; the pricer itself never rounds a probability to WAD.
    function normalCdfWad(int256 x) internal pure returns (uint256) {
        if (x >= 20e18) return WAD;
        if (x <= -20e18) return 0;
        unchecked {
            int256 d = (x << 64) / int256(WAD);
            (uint256 cdf,,) = _legs(WAD << UNIT_BITS, WAD << UNIT_BITS, d, d, false);
            return (cdf + HALF_UNIT) >> UNIT_BITS;
        }
    }

    // ------------------------------------------------------------------ kernels

    /// @dev Greeks of a live series (σ√T > 0, spot > 0); see greeks.
    function _liveGreeks(Series memory o, uint256 spot, uint256 vol, uint256 stdDevScaled)
        private
        pure
        returns (int256 delta, uint256 gamma, uint256 vega, int256 theta)
    {
        uint256 spotX = spot << UNIT_BITS;
        (uint256 spotLeg, uint256 strikeLeg, uint256 density) =
            _callLegs(spotX, o.discountedStrikeX, lnWad(spot) - o.logDiscountedStrike, stdDevScaled, true);
        // delta: Φ(d₁) for a call, Φ(d₁) − 1 = −Q(d₁) for a put (an exact complement in X units)
        delta = o.isCall ? int256(Math.mulDiv(spotLeg, WAD, spotX)) : -int256(Math.mulDiv(spotX - spotLeg, WAD, spotX));
        // density = S·φ(d₁) in X units = S_wad·2³²·φ, and stdDevScaled = σ√T·1e18·2⁹⁶, so
        // gamma·1e18 = φ·1e18/(S·σ√T) = (density·1e36/S_wad)·(1e18·2⁶⁴)/stdDevScaled/S_wad
        gamma = Math.mulDiv(Math.mulDiv(density, 1e36, spot), 1e18 << 64, stdDevScaled) / spot;
        // vega = S·φ(d₁)·√T
        vega = (density * o.sqrtYearsQ96) >> (96 + UNIT_BITS);
        theta = _liveTheta(o, vol, density, strikeLeg);
    }

    /// @dev theta = −S·φ(d₁)·σ/(2√T) − ω·r·K·e^(−rT)·Φ(ωd₂), WAD USD per year.
    function _liveTheta(Series memory o, uint256 vol, uint256 density, uint256 strikeLeg)
        private
        pure
        returns (int256)
    {
        // S·φ(d₁)·σ/(2√T) in X units: density·vol·2⁹⁶/(2·1e18·sqrtYearsQ96)
        int256 decay = int256(Math.mulDiv(density, vol << 95, WAD * o.sqrtYearsQ96));
        // K·e^(−rT)·Φ(ωd₂), X units: the call's strike leg, or its complement for a put
        int256 exercisedStrike = int256(o.isCall ? strikeLeg : o.discountedStrikeX - strikeLeg);
        int256 carry = o.rate * exercisedStrike / int256(WAD);
        return (o.isCall ? -decay - carry : -decay + carry) / int256(1 << UNIT_BITS);
    }

    /// @dev Greeks when the option is its discounted forward intrinsic value (spot 0 or σ√T = 0),
    /// as lib/core's deterministicGreeks: exercised ∈ {0, ½, 1} by the sign of ω(S − K·e^(−rT)),
    /// delta ω·exercised, theta −ω·r·K·e^(−rT)·exercised, gamma = vega = 0.
    function _deterministicGreeks(Series memory o, uint256 spot)
        private
        pure
        returns (int256 delta, uint256 gamma, uint256 vega, int256 theta)
    {
        int256 strikeX = int256(o.discountedStrikeX);
        int256 moneyness = int256(spot << UNIT_BITS) - strikeX;
        if (!o.isCall) moneyness = -moneyness;
        if (moneyness < 0) return (0, 0, 0, 0);
        int256 exercisedWad = moneyness == 0 ? int256(WAD / 2) : int256(WAD);
        int256 discountedStrikeCarry = o.rate * strikeX / int256(WAD << UNIT_BITS) * exercisedWad / int256(WAD);
        return o.isCall
            ? (exercisedWad, gamma, vega, -discountedStrikeCarry)
            : (-exercisedWad, gamma, vega, discountedStrikeCarry);
    }

    /// @dev max(0, ω(S − K)), WAD.
    function _intrinsic(bool isCall, uint256 spot, uint256 strike) private pure returns (uint256) {
        unchecked {
            if (isCall) return spot > strike ? spot - strike : 0;
            return strike > spot ? strike - spot : 0;
        }
    }

    /// @dev The call's legs S·Φ(d₁) and K·e^(−rT)·Φ(d₂) in X units, and (when asked, or when a tail
    /// needs it) the density S·φ(d₁) = K·e^(−rT)·φ(d₂). `logMoneyness` = ln(S/(K·e^(−rT))), WAD,
    /// |·| < 2⁶⁸; `stdDevScaled` = vol·sqrtYearsQ96 = σ√T·1e18·2⁹⁶ < 2¹⁶⁵; spotX, strikeX < 2¹⁴⁷.
    function _callLegs(uint256 spotX, uint256 strikeX, int256 logMoneyness, uint256 stdDevScaled, bool withDensity)
        private
        pure
        returns (uint256 spotLeg, uint256 strikeLeg, uint256 density)
    {
        // σ√T = 0: Φ(±∞). At the exact tie the legs are S and K·e^(−rT) (the value ≈ 0 either way).
        if (stdDevScaled == 0) return logMoneyness >= 0 ? (spotX, strikeX, 0) : (0, 0, 0);
        unchecked {
            // d = ln(F/K)/(σ√T) in Q64 (|logMoneyness·2¹⁶⁰| < 2²²⁸); d₁,₂ = d ± σ√T/2
            int256 d = (logMoneyness << 160) / int256(stdDevScaled);
            int256 halfStdDev = int256(stdDevScaled / HALF_STD_DEV_DIVISOR);
            return _legs(spotX, strikeX, d + halfStdDev, d - halfStdDev, withDensity);
        }
    }

    /// @dev weight₁·Φ(d₁) and weight₂·Φ(d₂) in X units for d₁ ≥ d₂ (Q64), given weight₁·φ(d₁) =
    /// weight₂·φ(d₂) (true of S and K·e^(−rT), and of any weight with d₁ = d₂); also returns that
    /// density, computed from the argument nearer 0 when a tail needs it or `withDensity` is set.
    ///
    /// Assembly, for gas (this runs ~1,000 times per margin check). Every bound below is what makes
    /// the unchecked arithmetic safe: weights < 2¹⁴⁸; density ≤ 0.4·weight; every rational is
    /// evaluated on its own interval, where its Horner partial sums are positive and below 2¹²¹
    /// (Q96) and its products below 2²¹⁸; a weight times a Q96 factor ≤ 1.26 stays below 2²⁴⁵;
    /// |d| values at or beyond 20 never reach a square or a rational.
    function _legs(uint256 weight1, uint256 weight2, int256 d1, int256 d2, bool withDensity)
        private
        pure
        returns (uint256 leg1, uint256 leg2, uint256 density)
    {
        assembly ("memory-safe") {
            /// Φ(a) − ½ = ½·erf(a/√2) in Q96 for 0 ≤ a < 0.4688·√2 (Q64): a·N(a²)/D(a²), Cody's
            /// first rational (degree 4/4 in a²) rescaled to a and to a monic denominator.
            function centralMass(a) -> e {
                let y := shl(32, a)
                let t := shr(96, mul(y, y))
                let n := add(shr(96, mul(5203890942900566538219725421, t)), 177094911525819218471750901153)
                n := add(shr(96, mul(n, t)), 12757970860484054896131518800824)
                n := add(shr(96, mul(n, t)), 84591076068825540890315072681429)
                n := add(shr(96, mul(n, t)), 1438385805183326119422452672029034)
                let q := add(shr(96, mul(add(t, 3739773830237513096745074390740), t)), 77334494687018628409045422681122)
                q := add(shr(96, mul(q, t)), 812954804572313709630893647444632)
                q := add(shr(96, mul(q, t)), 3605498529100403170156072232557119)
                e := div(mul(y, n), q)
            }

            /// Mills ratio R(a) = Q(a)/φ(a) = √(π/2)·erfcx(a/√2) in Q96 for 0.663 ≤ a < 20 (Q64).
            function millsRatio(a) -> r {
                let y := shl(32, a)
                switch lt(a, MIDDLE_END_Q64)
                case 1 {
                    // Cody's second rational (degree 8/8), rescaled to a, monic denominator
                    let n := add(shr(96, mul(2137995665262231973094, y)), 79228009930660575694673548050)
                    n := add(shr(96, mul(n, y)), 1764154039627404255624106730721)
                    n := add(shr(96, mul(n, y)), 18570006018793024193330755436486)
                    n := add(shr(96, mul(n, y)), 118615220416173458961937640323883)
                    n := add(shr(96, mul(n, y)), 495404069497108202109358048321531)
                    n := add(shr(96, mul(n, y)), 1360020164816236452731111294518682)
                    n := add(shr(96, mul(n, y)), 2304234970465631764266472846872844)
                    n := add(shr(96, mul(n, y)), 1954719389512584663924177376035085)
                    let q :=
                        add(shr(96, mul(add(y, 1764148779030454705801223598964), y)), 18649350936325505514569503801458)
                    q := add(shr(96, mul(q, y)), 120377495366394570935305580610417)
                    q := add(shr(96, mul(q, y)), 513838866850814582890990983866695)
                    q := add(shr(96, mul(q, y)), 1474877535259974995231259248023264)
                    q := add(shr(96, mul(q, y)), 2765138354093609646111890594715215)
                    q := add(shr(96, mul(q, y)), 3082926520106185651545092449428386)
                    q := add(shr(96, mul(q, y)), 1559640421601385449097351703911960)
                    r := div(shl(96, n), q)
                }
                default {
                    // Cody's third rational: R(a) = (1/a)·(1 − w·N(w)/D(w)), w = 1/a², degree 5/5
                    let inverse := div(shl(192, 1), y)
                    let w := shr(96, mul(inverse, inverse))
                    let n := add(shr(96, mul(4582282910892814090390576023, w)), 42876488613147813734033834720)
                    n := add(shr(96, mul(n, w)), 25301303964957761910440305051)
                    n := add(shr(96, mul(n, w)), 4415827289383845350899602286)
                    n := add(shr(96, mul(n, w)), 282327248846929724765750961)
                    n := add(shr(96, mul(n, w)), 5781687480122934561270429)
                    let q := add(shr(96, mul(add(w, 101749567607953768463279850059), w)), 37097653193822617606896218172)
                    q := add(shr(96, mul(q, w)), 5228118911093152054863337464)
                    q := add(shr(96, mul(q, w)), 299672311287238634528195899)
                    q := add(shr(96, mul(q, w)), 5781687480122959802682689)
                    r := shr(96, mul(inverse, sub(Q96, div(mul(w, n), q))))
                }
            }

            /// weight·φ(a) = weight·e^(−a²/2)/√(2π) for 0 ≤ a < 20 (Q64): a²/2 = k·ln 2 + r,
            /// e^(−r) by the [7/7] Padé approximant (PADE_*), then a shift by k (≤ 289;
            /// a shift of 256 or more gives 0, the right answer).
            function densityOf(weight, a) -> p {
                let u := shr(33, mul(a, a))
                let k := shr(192, add(mul(u, INV_LN2_Q96), 0x800000000000000000000000000000000000000000000000))
                let r := sub(u, mul(k, LN2_Q96)) // signed, |r| ≤ 0.35
                let r2 := shr(96, mul(r, r))
                let even := add(PADE_E0, shr(96, mul(r2, add(PADE_E2, shr(96, mul(r2, add(PADE_E4, mul(56, r2))))))))
                let odd := add(PADE_O0, shr(96, mul(r2, add(PADE_O2, shr(96, mul(r2, add(PADE_O4, r2)))))))
                let oddR := sar(96, mul(r, odd))
                // e^(−r)/√(2π) in Q96, then weight·2^(−k)
                p := shr(add(96, k), mul(weight, div(mul(sub(even, oddR), INV_SQRT_2PI_Q96), add(even, oddR))))
            }

            /// weight·Φ(d) from |d| = a: ½·weight ± weight·(Φ(a) − ½) near 0, weight − weight·Q(a)
            /// or weight·Q(a) = p·R(a) beyond, and the exact limits 0 / weight from a = 20 on.
            function leg(weight, d, a, p) -> l {
                switch lt(a, CENTRAL_END_Q64)
                case 1 {
                    let part := shr(96, mul(weight, centralMass(a)))
                    l := add(shr(1, weight), part)
                    if slt(d, 0) { l := sub(shr(1, weight), part) }
                }
                default {
                    let tail := 0
                    if lt(a, TAIL_END_Q64) { tail := shr(96, mul(p, millsRatio(a))) }
                    l := sub(weight, tail)
                    if slt(d, 0) { l := tail }
                }
            }

            // |d| without a branch: (d xor s) − s with s = d >> 255 (all ones for d < 0)
            let sign1 := sar(255, d1)
            let a1 := sub(xor(d1, sign1), sign1)
            let sign2 := sar(255, d2)
            let a2 := sub(xor(d2, sign2), sign2)
            // the argument nearer 0: |d₁| < |d₂| iff d₁ + d₂ < 0 (d₁ ≥ d₂)
            let nearWeight := weight2
            let nearA := a2
            let farA := a1
            if slt(add(d1, d2), 0) {
                nearWeight := weight1
                nearA := a1
                farA := a2
            }
            if and(lt(nearA, TAIL_END_Q64), or(withDensity, iszero(lt(farA, CENTRAL_END_Q64)))) {
                density := densityOf(nearWeight, nearA)
            }
            leg1 := leg(weight1, d1, a1, density)
            leg2 := leg(weight2, d2, a2, density)
        }
    }

    /// @dev e^(x / 2⁹⁶) = mantissa·2^(k − 96) (mantissa ∈ [2⁹⁶/√2, 2⁹⁶·√2]), for |x| < 2¹⁰⁴.
    function _expParts(int256 xQ96) private pure returns (uint256 mantissa, int256 k) {
        unchecked {
            k = (xQ96 * int256(INV_LN2_Q96) + (1 << 191)) >> 192;
            int256 r = xQ96 - k * int256(LN2_Q96);
            int256 r2 = (r * r) >> 96;
            int256 even =
                int256(PADE_E0) + ((r2 * (int256(PADE_E2) + ((r2 * (int256(PADE_E4) + 56 * r2)) >> 96))) >> 96);
            int256 odd = int256(PADE_O0) + ((r2 * (int256(PADE_O2) + ((r2 * (int256(PADE_O4) + r2)) >> 96))) >> 96);
            int256 oddR = (r * odd) >> 96;
            mantissa = uint256(((even + oddR) << 96) / (even - oddR));
        }
    }
}
