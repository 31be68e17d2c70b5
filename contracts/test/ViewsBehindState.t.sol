// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice The venue's views answer when the clock they run at is behind the state they read.
///
/// Anvil (1.7.1) commits a new block's state before it moves the block environment that
/// `eth_call` at "latest" runs in: for a moment a call sees block N+1's storage with block N's
/// `block.timestamp` (measured: a contract storing `block.timestamp` on every block, read ~58,000
/// times in 30 s, saw `stored = block.timestamp + 1` once or more per run). The keeper's per-block
/// `updatePrices` accrues funding, so every block stores `lastFundingTime` = its own timestamp, and
/// `getOptionSeries` / `getAccount` / `getMarkets` — all built on the funding accrued "to now" —
/// reverted with Panic(0x11) in that window: on the seed-5 demo, 65 of 137,682 reads of
/// `getOptionSeries(0, 1)` in two minutes, every few seconds, demo resets or not (the e2e
/// dashboard test hit one 1 run in 5).
///
/// `vm.warp` back one second after an action reproduces exactly that read: the state of the later
/// block at the earlier block's time. Funding accrued before its last accrual time is none (the
/// stored index already covers up to then); the rest of each answer is the same model at that time.
contract ViewsBehindStateTest is VenueFixture {
    address longTrader = makeAddr("long");
    uint64 expiry;

    function setUp() public {
        setUpVenue();
        setPrice(USDC_USD, 1e8, 0);
        advance(1);
        expiry = uint64(block.timestamp + 1 days);
        venue.listSeries(BTC, true, 62_000e18, expiry);
        venue.listSeries(BTC, false, 58_000e18, expiry);
        venue.listSeries(ETH, true, 3_000e18, expiry);
        fund(longTrader, 1_000_000e6);
        // A 100 BTC skew for half a day: a non-zero funding rate and index to accrue.
        tradeAs(longTrader, BTC, 100e18);
        advance(12 hours);
    }

    /// The keeper's per-block poke: prices republished and funding accrued at `block.timestamp`.
    function pokeAtNextBlock() internal returns (uint256 pokedAt) {
        advance(1);
        return block.timestamp;
    }

    /// Read one second before the last funding accrual, every market's funding is exactly what was
    /// stored at it (nothing accrued, nothing taken back), where it used to revert.
    function test_marketsReadBeforeTheLastAccrualShowTheStoredFunding() external {
        uint256 pokedAt = pokeAtNextBlock();
        IMarginVenue.MarketView[] memory atPoke = views.getMarkets();
        vm.assertTrue(atPoke[BTC].fundingIndex > 0, "funding has accrued under the long skew");

        vm.warp(pokedAt - 1);
        IMarginVenue.MarketView[] memory behind = views.getMarkets();
        for (uint256 m; m < atPoke.length; ++m) {
            vm.assertEq(behind[m].fundingIndex, atPoke[m].fundingIndex, "the stored index");
            vm.assertEq(behind[m].fundingRate, atPoke[m].fundingRate, "the stored rate");
        }
    }

    /// `getOptionSeries` read one second before the last funding accrual: every series answers, and
    /// its mark is the model one second further from expiry (a 1-day option: within 1e-4 relative
    /// of the mark at the accrual), its expiry flags unchanged.
    function test_optionSeriesReadBeforeTheLastAccrualAnswer() external {
        uint256 pokedAt = pokeAtNextBlock();
        uint256 n = views.seriesCount();
        IMarginVenue.SeriesView[] memory atPoke = views.getOptionSeries(0, n);

        vm.warp(pokedAt - 1);
        IMarginVenue.SeriesView[] memory behind = views.getOptionSeries(0, n);
        vm.assertEq(behind.length, n, "every series");
        for (uint256 i; i < n; ++i) {
            vm.assertGt(behind[i].mark, 0, "a live mark");
            vm.assertApproxEqRel(behind[i].mark, atPoke[i].mark, 1e14, "one second of time value apart");
            vm.assertFalse(behind[i].expired, "not expired");
        }
        (uint256 mark,,) = views.quoteOption(0, 1e18);
        vm.assertEq(mark, behind[0].mark, "the quote prices at the same time");
    }

    /// An account read one second before the last accrual: its perp owes funding up to the stored
    /// index, and prices are unchanged, so its equity is exactly the one read at the accrual.
    function test_accountReadBeforeTheLastAccrualAnswers() external {
        uint256 pokedAt = pokeAtNextBlock();
        int256 equityAtPoke = equityOf(longTrader);

        vm.warp(pokedAt - 1);
        vm.assertEq(equityOf(longTrader), equityAtPoke, "same equity: same prices, same funding index");
        vm.assertEq(views.getAccount(longTrader).perps.length, 1, "the BTC long");
    }

    /// wstETH's exchange rate read one second before its last checkpoint is the checkpoint's rate;
    /// the venue values wstETH collateral in every snapshot, so `getOptionSeries` depends on it.
    function test_wstethRateReadBeforeItsCheckpointIsTheCheckpointRate() external {
        wsteth.setApr(0.05e18);
        uint256 checkpointRate = wsteth.rateAtCheckpoint();
        vm.assertGt(checkpointRate, 1.2e18, "3 %/yr accrued for half a day before the checkpoint");

        vm.warp(block.timestamp - 1);
        vm.assertEq(wsteth.stEthPerToken(), checkpointRate, "no accrual before the checkpoint");
        vm.assertEq(views.getOptionSeries(0, 1).length, 1, "the venue's views answer");
    }
}
