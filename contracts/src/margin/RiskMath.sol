// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {
    Book,
    Health,
    MarketParams,
    MarketSnapshot,
    CollateralSnapshot,
    Position,
    RiskParams,
    Snapshot,
    UnderlyingHealth
} from "./VenueTypes.sol";

/// @title RiskMath
/// @notice The venue's risk model (DESIGN.md §4) on plain memory data, in WAD fixed point. It mirrors
/// lib/core/risk (underlyingRisk, accountRisk) formula by formula so the parity suite can hold the
/// two to 1e-9: the same scenario grid, the same order of operations where rounding matters.
library RiskMath {
    uint256 internal constant WAD = 1e18;
    int256 internal constant IWAD = 1e18;
    uint256 internal constant SECONDS_PER_YEAR = 31_536_000;
    uint256 internal constant SECONDS_PER_DAY = 86_400;
    /// Settlement asset (USDC): PnL, fees and funding settle into it; isolated margin is held in it.
    uint256 internal constant SETTLEMENT = 0;

    uint256 private constant PRICE_STEPS = 9;
    uint256 private constant CENTER_STEP = 4;
    uint256 private constant VOL_STATES = 3;
    /// Bisection steps for the partial liquidation size: 2^-40 of the book.
    uint256 private constant LIQUIDATION_SEARCH_STEPS = 40;

    // ---------------------------------------------------------------- equity (DESIGN.md §4.1)

    /// @notice sqrt(horizonSeconds / 31,536,000), WAD: the horizon as a fraction of a year, rooted.
    function sqrtHorizon(uint256 horizonSeconds) internal pure returns (uint256) {
        return Math.sqrt(horizonSeconds * 1e36 / SECONDS_PER_YEAR);
    }

    /// @notice USD value of a collateral balance on the conservative side: an asset at
    /// (price − conf) × (1 − haircut); a debt (negative USDC) at price + conf with no haircut.
    function collateralValue(int256 balance, CollateralSnapshot memory c) internal pure returns (int256) {
        if (balance >= 0) {
            uint256 low = c.price > c.conf ? c.price - c.conf : 0;
            uint256 value = Math.mulDiv(Math.mulDiv(uint256(balance), low, WAD), WAD - c.haircut, WAD);
            return int256(value);
        }
        return -int256(Math.mulDiv(uint256(-balance), c.price + c.conf, WAD, Math.Rounding.Ceil));
    }

    /// @notice q × (S − entry), WAD USD.
    function unrealizedPnl(Position memory p, uint256 price) internal pure returns (int256) {
        return p.size * (int256(price) - int256(p.entryPrice)) / IWAD;
    }

    /// @notice q × (F − f): funding the position owes (negative: is owed), WAD USD.
    function fundingOwed(Position memory p, int256 fundingIndex) internal pure returns (int256) {
        return p.size * (fundingIndex - p.lastFundingIndex) / IWAD;
    }

    // ---------------------------------------------------------------- margin (DESIGN.md §4.2)

    /// @notice Equity, maintenance and initial margin of a book. With `withInitial` false the IM
    /// grids are skipped (liquidation only needs MM) and `initialMargin` is 0.
    function evaluate(Book memory book, Snapshot memory s, bool withInitial) internal pure returns (Health memory h) {
        uint256 nc = book.balances.length;
        for (uint256 c; c < nc; ++c) {
            if (book.balances[c] != 0) h.collateralValue += collateralValue(book.balances[c], s.collaterals[c]);
        }
        uint256 nm = book.positions.length;
        uint256 held;
        for (uint256 m; m < nm; ++m) {
            Position memory p = book.positions[m];
            if (p.size == 0) continue;
            ++held;
            h.unrealizedPnl += unrealizedPnl(p, s.markets[m].price);
            h.fundingOwed += fundingOwed(p, s.markets[m].fundingIndex);
        }
        h.equity = h.collateralValue + h.unrealizedPnl - h.fundingOwed;

        h.underlyings = new UnderlyingHealth[](held);
        uint256 k;
        for (uint256 m; m < nm; ++m) {
            if (!holdsUnderlying(book, m)) continue;
            UnderlyingHealth memory u = underlyingHealth(book, m, s, withInitial);
            h.underlyings[k++] = u;
            h.maintenanceMargin += u.maintenanceMargin;
            h.initialMargin += u.initialMargin;
        }
    }

    /// @notice Whether the book has anything in `marketId` to margin. Options (issue 8) add here.
    function holdsUnderlying(Book memory book, uint256 marketId) internal pure returns (bool) {
        return book.positions[marketId].size != 0;
    }

    /// @notice MM_m and IM_m of one underlying (DESIGN.md §4.2):
    ///   M_mm = max(mmFloor, z·sigma·sqrt(horizon/31,536,000)) + sizeSlope·G,  M_im = imMultiplier·M_mm
    ///   MM_m = max(0, −min grid PnL(M_mm, volDown, volUp)) + contingency
    ///   IM_m = max(MM_m, max(0, −min grid PnL(M_im, min(k·volDown, maxImVolDown), k·volUp)) + contingency)
    /// The outer max in IM_m is lib/core's guard (underlyingRisk): the IM grid is not a superset
    /// of the MM grid once options make value non-monotonic in vol.
    function underlyingHealth(Book memory book, uint256 marketId, Snapshot memory s, bool withInitial)
        internal
        pure
        returns (UnderlyingHealth memory u)
    {
        MarketSnapshot memory m = s.markets[marketId];
        RiskParams memory rp = s.params;
        u.marketId = marketId;
        u.grossNotional = grossContracts(book, marketId) * m.price / WAD;
        uint256 volRange = Math.mulDiv(rp.z * m.vol, s.sqrtHorizon, 1e36);
        u.maintenanceRange = Math.max(m.params.mmFloor, volRange) + m.params.sizeSlope * u.grossNotional / WAD;
        u.initialRange = rp.imMultiplier * u.maintenanceRange / WAD;

        uint256 contingency = rp.shortOptionContingency * m.price / WAD * netShortOptionContracts(book, marketId) / WAD;
        u.maintenanceMargin = worstLoss(book, marketId, m, u.maintenanceRange, rp.volDown, rp.volUp) + contingency;
        if (withInitial) {
            uint256 k = rp.imVolShockMultiplier;
            uint256 imVolDown = Math.min(k * rp.volDown / WAD, rp.maxImVolDown);
            uint256 imLoss = worstLoss(book, marketId, m, u.initialRange, imVolDown, k * rp.volUp / WAD);
            u.initialMargin = Math.max(u.maintenanceMargin, imLoss + contingency);
        }
    }

    /// @notice Σ|size| over the book's positions in the underlying (perps now, options later), WAD.
    function grossContracts(Book memory book, uint256 marketId) internal pure returns (uint256) {
        int256 size = book.positions[marketId].size;
        return uint256(size >= 0 ? size : -size);
    }

    /// @notice max(0, −Σ option sizes) in the underlying, WAD contracts. No options are listed yet.
    function netShortOptionContracts(Book memory, uint256) internal pure returns (uint256) {
        return 0;
    }

    /// @notice −min PnL (floored at 0) over the 27-scenario grid: 9 price moves
    /// x_i = range·(i − 4)/4 (i = 0..8) times 3 vols {sigma(1 − volDown), sigma, sigma(1 + volUp)}.
    /// The shocked price S' = S(1 + x) is floored at 0. The current point (x = 0, sigma) is PnL 0
    /// by definition, so the result is never negative.
    function worstLoss(
        Book memory book,
        uint256 marketId,
        MarketSnapshot memory m,
        uint256 range,
        uint256 volDown,
        uint256 volUp
    ) internal pure returns (uint256) {
        uint256[VOL_STATES] memory vols = [m.vol * (WAD - volDown) / WAD, m.vol, m.vol * (WAD + volUp) / WAD];
        int256 worst;
        for (uint256 v; v < VOL_STATES; ++v) {
            for (uint256 i; i < PRICE_STEPS; ++i) {
                if (v == 1 && i == CENTER_STEP) continue;
                int256 pnl = scenarioPnl(book, marketId, priceChange(m.price, range, i), vols[v]);
                if (pnl < worst) worst = pnl;
            }
        }
        return uint256(-worst);
    }

    /// @notice S' − S for step i of a grid of half-width `range`: S·range·(i − 4)/4, not below −S.
    function priceChange(uint256 price, uint256 range, uint256 step) internal pure returns (int256) {
        if (step == CENTER_STEP) return 0;
        uint256 steps = step > CENTER_STEP ? step - CENTER_STEP : CENTER_STEP - step;
        uint256 magnitude = Math.mulDiv(price, range * steps, 4 * WAD);
        if (step > CENTER_STEP) return int256(magnitude);
        return -int256(Math.min(magnitude, price));
    }

    /// @notice PnL of everything the book holds in the underlying when its price changes by
    /// `change` and its vol becomes `shockedVol`. Perps are linear (q·dS) and ignore the vol;
    /// option series revalue here with Black-Scholes at (S + dS, shockedVol) once listed (issue 8).
    function scenarioPnl(
        Book memory book,
        uint256 marketId,
        int256 change,
        uint256 /* shockedVol */
    )
        internal
        pure
        returns (int256)
    {
        return book.positions[marketId].size * change / IWAD;
    }

    // ---------------------------------------------------------------- fills and funding (§4.5)

    /// @notice S × (1 + (skew_before + skew_after) / 2 / skewScale): the skew premium averages the
    /// premium before and after the fill (Synthetix perps v2 `fillPrice`). Returns 0 when the
    /// premium would make the price non-positive.
    function fillPrice(uint256 price, int256 skew, int256 sizeDelta, uint256 skewScale)
        internal
        pure
        returns (uint256)
    {
        int256 premium = (2 * skew + sizeDelta) * IWAD / (2 * int256(skewScale));
        int256 fill = int256(price) * (IWAD + premium) / IWAD;
        return fill > 0 ? uint256(fill) : 0;
    }

    /// @notice Advances a market's funding (Synthetix perps v2 "dynamic funding rate"):
    ///   dr/dt = maxFundingVelocity · clamp(skew / skewScale, −1, 1)   per day, per day
    ///   r_now = r + dr/dt · elapsedDays;  F += (r + r_now)/2 · S · elapsedDays   (longs pay when r > 0)
    function accrueFunding(
        int256 rate,
        int256 index,
        uint256 elapsed,
        int256 skew,
        uint256 price,
        MarketParams memory p
    ) internal pure returns (int256 newRate, int256 newIndex) {
        if (elapsed == 0) return (rate, index);
        int256 proportional = skew * IWAD / int256(p.skewScale);
        if (proportional > IWAD) proportional = IWAD;
        if (proportional < -IWAD) proportional = -IWAD;
        int256 velocity = int256(p.maxFundingVelocity) * proportional / IWAD;
        newRate = rate + velocity * int256(elapsed) / int256(SECONDS_PER_DAY);
        newIndex = index + (rate + newRate) * int256(price) / IWAD * int256(elapsed) / int256(2 * SECONDS_PER_DAY);
    }

    // ---------------------------------------------------------------- liquidation (§4.4)

    /// @notice Closes `fraction` (WAD, 1e18 = all) of every position of the book at the oracle
    /// price: realized PnL moves into the settlement balance. The closed size of each position is
    /// rounded up (away from zero), so a partial close never closes less than asked.
    /// @return closedNotional Σ |closed| × S, WAD USD (the liquidation fee base).
    function closeFraction(Book memory book, Snapshot memory s, uint256 fraction)
        internal
        pure
        returns (uint256 closedNotional)
    {
        uint256 nm = book.positions.length;
        for (uint256 m; m < nm; ++m) {
            Position memory p = book.positions[m];
            if (p.size == 0) continue;
            uint256 magnitude = uint256(p.size >= 0 ? p.size : -p.size);
            uint256 closedMagnitude =
                fraction >= WAD ? magnitude : Math.mulDiv(magnitude, fraction, WAD, Math.Rounding.Ceil);
            int256 closed = p.size > 0 ? int256(closedMagnitude) : -int256(closedMagnitude);
            uint256 price = s.markets[m].price;
            book.balances[SETTLEMENT] += closed * (int256(price) - int256(p.entryPrice)) / IWAD;
            p.size -= closed;
            if (p.size == 0) p.entryPrice = 0;
            closedNotional += closedMagnitude * price / WAD;
        }
    }

    /// @notice The fraction (WAD) of every position a liquidation closes (DESIGN.md §4.4): the
    /// smallest, to 2^-40, whose close at the oracle price restores
    /// equity >= MM·(1 + liqBuffer) after the fee; all of it when equity < backstopRatio·MM or
    /// when no partial close restores the book. Expects a liquidatable book (equity < MM).
    function liquidationFraction(Book memory book, Snapshot memory s, Health memory h) internal pure returns (uint256) {
        if (h.equity < int256(s.params.backstopRatio * h.maintenanceMargin / WAD)) return WAD;
        if (!restoresAfterClosing(book, s, WAD)) return WAD;
        uint256 low;
        uint256 high = WAD;
        for (uint256 i; i < LIQUIDATION_SEARCH_STEPS; ++i) {
            uint256 mid = (low + high) / 2;
            if (restoresAfterClosing(book, s, mid)) high = mid;
            else low = mid;
        }
        return high;
    }

    /// @notice Whether closing `fraction` of the book and paying the liquidation fee leaves
    /// equity >= MM·(1 + liqBuffer). Equity is not monotonic in the fraction only through
    /// rounding, so bisection keeps the invariant that `high` always restores.
    function restoresAfterClosing(Book memory book, Snapshot memory s, uint256 fraction) internal pure returns (bool) {
        Book memory trial = clone(book);
        uint256 notional = closeFraction(trial, s, fraction);
        trial.balances[SETTLEMENT] -= int256(notional * s.params.liqFee / WAD);
        Health memory h = evaluate(trial, s, false);
        return h.equity >= int256(h.maintenanceMargin * (WAD + s.params.liqBuffer) / WAD);
    }

    /// @notice A deep copy, for trying a liquidation size without touching the book.
    function clone(Book memory book) internal pure returns (Book memory copy) {
        uint256 nc = book.balances.length;
        copy.balances = new int256[](nc);
        for (uint256 c; c < nc; ++c) {
            copy.balances[c] = book.balances[c];
        }
        uint256 nm = book.positions.length;
        copy.positions = new Position[](nm);
        for (uint256 m; m < nm; ++m) {
            Position memory p = book.positions[m];
            copy.positions[m] = Position(p.size, p.entryPrice, p.lastFundingIndex);
        }
    }
}
