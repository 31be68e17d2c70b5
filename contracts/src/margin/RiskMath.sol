// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {OptionMath} from "../options/OptionMath.sol";
import {
    Book,
    Health,
    MarketParams,
    MarketSnapshot,
    CollateralSnapshot,
    OptionHolding,
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

    /// @notice Value of an option position's series per contract at the snapshot, WAD USD:
    /// Black-Scholes-Merton at the oracle price and the volatility index (rate = riskFreeRate, no
    /// dividend yield; years = (expiry − now) / 31,536,000), or its intrinsic value once expired.
    function optionMark(OptionHolding memory o, Snapshot memory s) internal pure returns (uint256) {
        MarketSnapshot memory m = s.markets[o.marketId];
        return OptionMath.price(
            o.isCall, m.price, o.strike, m.vol, yearsToExpiry(o.expiry, s.timestamp), s.params.riskFreeRate
        );
    }

    /// @notice (expiry − now) / 31,536,000 in WAD years; 0 at or after expiry.
    function yearsToExpiry(uint64 expiry, uint256 timestamp) internal pure returns (uint256) {
        return expiry > timestamp ? (uint256(expiry) - timestamp) * WAD / SECONDS_PER_YEAR : 0;
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
        for (uint256 m; m < nm; ++m) {
            Position memory p = book.positions[m];
            if (p.size == 0) continue;
            h.unrealizedPnl += unrealizedPnl(p, s.markets[m].price);
            h.fundingOwed += fundingOwed(p, s.markets[m].fundingIndex);
        }
        uint256 no = book.options.length;
        uint256[] memory marks = new uint256[](no);
        for (uint256 k; k < no; ++k) {
            OptionHolding memory o = book.options[k];
            if (o.size == 0) continue;
            marks[k] = optionMark(o, s);
            h.optionValue += o.size * int256(marks[k]) / IWAD;
        }
        h.equity = h.collateralValue + h.unrealizedPnl - h.fundingOwed + h.optionValue;

        uint256 held;
        for (uint256 m; m < nm; ++m) {
            if (holdsUnderlying(book, m)) ++held;
        }
        h.underlyings = new UnderlyingHealth[](held);
        uint256 j;
        for (uint256 m; m < nm; ++m) {
            if (!holdsUnderlying(book, m)) continue;
            UnderlyingHealth memory u = underlyingHealth(book, m, s, marks, withInitial);
            h.underlyings[j++] = u;
            h.maintenanceMargin += u.maintenanceMargin;
            h.initialMargin += u.initialMargin;
        }
    }

    /// @notice Whether the book has anything in `marketId` to margin: a perp or an option.
    function holdsUnderlying(Book memory book, uint256 marketId) internal pure returns (bool) {
        if (book.positions[marketId].size != 0) return true;
        uint256 no = book.options.length;
        for (uint256 k; k < no; ++k) {
            if (book.options[k].marketId == marketId && book.options[k].size != 0) return true;
        }
        return false;
    }

    /// @dev The options of one underlying, prepared for repricing on the grid.
    struct UnderlyingOptions {
        OptionMath.Series[] series;
        int256[] sizes;
        /// Σ n × mark at the current point, WAD USD: the grid's PnL baseline.
        int256 value;
    }

    /// @notice MM_m and IM_m of one underlying (DESIGN.md §4.2):
    ///   M_mm = max(mmFloor, z·sigma·sqrt(horizon/31,536,000)) + sizeSlope·G,  M_im = imMultiplier·M_mm
    ///   MM_m = max(0, −min grid PnL(M_mm, volDown, volUp)) + contingency
    ///   IM_m = max(MM_m, max(0, −min grid PnL(M_im, min(k·volDown, maxImVolDown), k·volUp)) + contingency)
    ///   contingency = shortOptionContingency · S · max(0, −Σ option contracts)
    /// The outer max in IM_m is lib/core's guard (underlyingRisk): the IM grid is not a superset
    /// of the MM grid once options make value non-monotonic in vol. `marks` are the book's option
    /// marks (as `optionMark`), indexed like `book.options`.
    function underlyingHealth(
        Book memory book,
        uint256 marketId,
        Snapshot memory s,
        uint256[] memory marks,
        bool withInitial
    ) internal pure returns (UnderlyingHealth memory u) {
        MarketSnapshot memory m = s.markets[marketId];
        RiskParams memory rp = s.params;
        UnderlyingOptions memory opts = underlyingOptions(book, marketId, s, marks);
        u.marketId = marketId;
        u.grossNotional = grossContracts(book, marketId) * m.price / WAD;
        uint256 volRange = Math.mulDiv(rp.z * m.vol, s.sqrtHorizon, 1e36);
        u.maintenanceRange = Math.max(m.params.mmFloor, volRange) + m.params.sizeSlope * u.grossNotional / WAD;
        u.initialRange = rp.imMultiplier * u.maintenanceRange / WAD;

        uint256 contingency = rp.shortOptionContingency * m.price / WAD * netShortOptionContracts(book, marketId) / WAD;
        int256 perp = book.positions[marketId].size;
        u.maintenanceMargin = worstLoss(perp, opts, m, u.maintenanceRange, rp.volDown, rp.volUp) + contingency;
        if (withInitial) {
            uint256 k = rp.imVolShockMultiplier;
            uint256 imVolDown = Math.min(k * rp.volDown / WAD, rp.maxImVolDown);
            uint256 imLoss = worstLoss(perp, opts, m, u.initialRange, imVolDown, k * rp.volUp / WAD);
            u.initialMargin = Math.max(u.maintenanceMargin, imLoss + contingency);
        }
    }

    /// @notice The book's options in `marketId`, prepared once for the 52 grid points.
    function underlyingOptions(Book memory book, uint256 marketId, Snapshot memory s, uint256[] memory marks)
        internal
        pure
        returns (UnderlyingOptions memory opts)
    {
        uint256 no = book.options.length;
        uint256 count;
        for (uint256 k; k < no; ++k) {
            if (book.options[k].marketId == marketId && book.options[k].size != 0) ++count;
        }
        opts.series = new OptionMath.Series[](count);
        opts.sizes = new int256[](count);
        uint256 j;
        for (uint256 k; k < no; ++k) {
            OptionHolding memory o = book.options[k];
            if (o.marketId != marketId || o.size == 0) continue;
            opts.series[j] =
                OptionMath.prepare(o.isCall, o.strike, yearsToExpiry(o.expiry, s.timestamp), s.params.riskFreeRate);
            opts.sizes[j] = o.size;
            opts.value += o.size * int256(marks[k]) / IWAD;
            ++j;
        }
    }

    /// @notice Σ|size| over the book's perp and option positions in the underlying, WAD.
    function grossContracts(Book memory book, uint256 marketId) internal pure returns (uint256 gross) {
        gross = _abs(book.positions[marketId].size);
        uint256 no = book.options.length;
        for (uint256 k; k < no; ++k) {
            if (book.options[k].marketId == marketId) gross += _abs(book.options[k].size);
        }
    }

    /// @notice max(0, −Σ option sizes) in the underlying, WAD contracts: calls and puts of every
    /// strike and expiry net (lib/core `marginTerms`).
    function netShortOptionContracts(Book memory book, uint256 marketId) internal pure returns (uint256) {
        int256 net;
        uint256 no = book.options.length;
        for (uint256 k; k < no; ++k) {
            if (book.options[k].marketId == marketId) net += book.options[k].size;
        }
        return net < 0 ? uint256(-net) : 0;
    }

    /// @notice −min PnL (floored at 0) over the 27-scenario grid: 9 price moves
    /// x_i = range·(i − 4)/4 (i = 0..8) times 3 vols {sigma(1 − volDown), sigma, sigma(1 + volUp)}.
    /// The shocked price S' = S(1 + x) is floored at 0. The current point (x = 0, sigma) is PnL 0
    /// by definition, so the result is never negative. The logarithm of each shocked price is
    /// taken once and shared by every series and vol state.
    function worstLoss(
        int256 perpSize,
        UnderlyingOptions memory opts,
        MarketSnapshot memory m,
        uint256 range,
        uint256 volDown,
        uint256 volUp
    ) internal pure returns (uint256) {
        uint256[VOL_STATES] memory vols = [m.vol * (WAD - volDown) / WAD, m.vol, m.vol * (WAD + volUp) / WAD];
        int256[PRICE_STEPS] memory changes;
        int256[PRICE_STEPS] memory logs;
        for (uint256 i; i < PRICE_STEPS; ++i) {
            changes[i] = priceChange(m.price, range, i);
            uint256 shocked = uint256(int256(m.price) + changes[i]);
            if (opts.series.length != 0 && shocked != 0) logs[i] = OptionMath.lnWad(shocked);
        }
        int256 worst;
        for (uint256 v; v < VOL_STATES; ++v) {
            for (uint256 i; i < PRICE_STEPS; ++i) {
                if (v == 1 && i == CENTER_STEP) continue;
                int256 pnl = scenarioPnl(perpSize, opts, m.price, changes[i], logs[i], vols[v]);
                if (pnl < worst) worst = pnl;
            }
        }
        return uint256(-worst);
    }

    /// @notice PnL of the underlying's book when its price moves by `change` (to S' = S + change,
    /// whose log is `logShocked`) and its vol becomes `shockedVol`, relative to current marks:
    /// q·dS + Σ n·(V(S', shockedVol) − V(S, sigma)), perps linear, options by Black-Scholes.
    function scenarioPnl(
        int256 perpSize,
        UnderlyingOptions memory opts,
        uint256 price,
        int256 change,
        int256 logShocked,
        uint256 shockedVol
    ) internal pure returns (int256 pnl) {
        pnl = perpSize * change / IWAD;
        if (opts.series.length == 0) return pnl;
        pnl += optionsValueAt(opts, uint256(int256(price) + change), logShocked, shockedVol) - opts.value;
    }

    /// @notice Σ n × V(S', v) over the prepared options, WAD USD.
    function optionsValueAt(UnderlyingOptions memory opts, uint256 spot, int256 logSpot, uint256 vol)
        internal
        pure
        returns (int256 value)
    {
        uint256 n = opts.series.length;
        for (uint256 k; k < n; ++k) {
            value += opts.sizes[k] * int256(OptionMath.valueAt(opts.series[k], spot, logSpot, vol)) / IWAD;
        }
    }

    /// @notice S' − S for step i of a grid of half-width `range`: S·range·(i − 4)/4, not below −S.
    function priceChange(uint256 price, uint256 range, uint256 step) internal pure returns (int256) {
        if (step == CENTER_STEP) return 0;
        uint256 steps = step > CENTER_STEP ? step - CENTER_STEP : CENTER_STEP - step;
        uint256 magnitude = Math.mulDiv(price, range * steps, 4 * WAD);
        if (step > CENTER_STEP) return int256(magnitude);
        return -int256(Math.min(magnitude, price));
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

    /// @notice The order in which a liquidation closes the book's underlyings: by requirement per
    /// unit of notional, MM_m / G_m, highest first (ties: lower market id first). Requirements add
    /// up across underlyings and a close at the valuation price changes equity only by the fee, so
    /// this order releases the most requirement per dollar of fee (a fractional knapsack).
    function liquidationOrder(Health memory h) internal pure returns (uint256[] memory order) {
        uint256 n = h.underlyings.length;
        order = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            order[i] = i;
        }
        // insertion sort on MM_a·G_b > MM_b·G_a (exact in uint256); at most 8 underlyings
        for (uint256 i = 1; i < n; ++i) {
            uint256 current = order[i];
            uint256 j = i;
            while (j > 0 && _ranksBefore(h.underlyings[current], h.underlyings[order[j - 1]])) {
                order[j] = order[j - 1];
                --j;
            }
            order[j] = current;
        }
        for (uint256 i; i < n; ++i) {
            order[i] = h.underlyings[order[i]].marketId;
        }
    }

    function _ranksBefore(UnderlyingHealth memory a, UnderlyingHealth memory b) private pure returns (bool) {
        return a.maintenanceMargin * b.grossNotional > b.maintenanceMargin * a.grossNotional;
    }

    /// @notice Closes `closing` (WAD, in [0, order.length]) of the book in `order` at the
    /// valuation prices: the underlying of rank r closes the fraction clamp(closing − r, 0, 1) of
    /// each of its positions — perps at the oracle price (realized PnL into USDC), options at their
    /// mark (the mark paid into or taken from USDC). Each closed size is rounded up (away from
    /// zero), so a partial close never closes less than asked.
    /// @return closedNotional Σ |closed| × S over perps and options, WAD USD (the fee base).
    function closeUnderlyings(Book memory book, Snapshot memory s, uint256[] memory order, uint256 closing)
        internal
        pure
        returns (uint256 closedNotional)
    {
        for (uint256 r; r < order.length; ++r) {
            uint256 start = r * WAD;
            if (closing <= start) break;
            uint256 fraction = Math.min(closing - start, WAD);
            closedNotional += closeUnderlying(book, s, order[r], fraction);
        }
    }

    /// @notice Closes `fraction` (WAD) of every position the book holds in `marketId`.
    function closeUnderlying(Book memory book, Snapshot memory s, uint256 marketId, uint256 fraction)
        internal
        pure
        returns (uint256 closedNotional)
    {
        uint256 price = s.markets[marketId].price;
        Position memory p = book.positions[marketId];
        if (p.size != 0) {
            int256 closed = _closedPart(p.size, fraction);
            book.balances[SETTLEMENT] += closed * (int256(price) - int256(p.entryPrice)) / IWAD;
            p.size -= closed;
            if (p.size == 0) p.entryPrice = 0;
            closedNotional += _abs(closed) * price / WAD;
        }
        uint256 no = book.options.length;
        for (uint256 k; k < no; ++k) {
            OptionHolding memory o = book.options[k];
            if (o.marketId != marketId || o.size == 0) continue;
            int256 closed = _closedPart(o.size, fraction);
            book.balances[SETTLEMENT] += closed * int256(optionMark(o, s)) / IWAD;
            o.size -= closed;
            closedNotional += _abs(closed) * price / WAD;
        }
    }

    function _closedPart(int256 size, uint256 fraction) private pure returns (int256) {
        uint256 magnitude = _abs(size);
        uint256 closed = fraction >= WAD ? magnitude : Math.mulDiv(magnitude, fraction, WAD, Math.Rounding.Ceil);
        return size > 0 ? int256(closed) : -int256(closed);
    }

    /// @notice How much a liquidation closes (DESIGN.md §4.4), as a closing amount over `order`
    /// (see `closeUnderlyings`): the smallest, to 2^-40 per underlying, that restores
    /// equity >= MM·(1 + liqBuffer) after the fee; everything (order.length) when
    /// equity < backstopRatio·MM or when no partial close restores the book. Expects a
    /// liquidatable book (equity < MM).
    function liquidationClosing(Book memory book, Snapshot memory s, Health memory h, uint256[] memory order)
        internal
        pure
        returns (uint256)
    {
        uint256 all = order.length * WAD;
        if (mustCloseAll(book, s, h, order)) return all;
        uint256 low;
        uint256 high = all;
        uint256 steps = LIQUIDATION_SEARCH_STEPS + order.length;
        for (uint256 i; i < steps; ++i) {
            uint256 mid = (low + high) / 2;
            if (restoresAfterClosing(book, s, order, mid)) high = mid;
            else low = mid;
        }
        return high;
    }

    /// @notice Backstop (equity < backstopRatio·MM) or no partial close restores the buffer.
    function mustCloseAll(Book memory book, Snapshot memory s, Health memory h, uint256[] memory order)
        internal
        pure
        returns (bool)
    {
        if (h.equity < int256(s.params.backstopRatio * h.maintenanceMargin / WAD)) return true;
        return !restoresAfterClosing(book, s, order, order.length * WAD);
    }

    /// @notice Whether closing `closing` of the book over `order` and paying the liquidation fee
    /// leaves equity >= MM·(1 + liqBuffer). Equity is not monotonic in the closing only through
    /// rounding, so bisection keeps the invariant that `high` always restores.
    function restoresAfterClosing(Book memory book, Snapshot memory s, uint256[] memory order, uint256 closing)
        internal
        pure
        returns (bool)
    {
        Book memory trial = clone(book);
        uint256 notional = closeUnderlyings(trial, s, order, closing);
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
        uint256 no = book.options.length;
        copy.options = new OptionHolding[](no);
        for (uint256 k; k < no; ++k) {
            OptionHolding memory o = book.options[k];
            copy.options[k] =
                OptionHolding(o.seriesId, o.marketId, o.isCall, o.strike, o.expiry, o.size, o.entryPremium);
        }
    }

    function _abs(int256 x) private pure returns (uint256) {
        return uint256(x >= 0 ? x : -x);
    }
}
