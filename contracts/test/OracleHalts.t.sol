// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeedStatus} from "../src/oracle/FeedGuard.sol";
import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {HaltReason} from "../src/margin/VenueTypes.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice DESIGN.md §4.6 on the venue: while a market is stale, uncertain or jumped — its price
/// or its volatility index — there are no risk-increasing trades, no withdrawals by accounts
/// exposed to it and no liquidations on it; risk-reducing trades still go through.
contract OracleHaltsTest is VenueFixture {
    address trader = makeAddr("trader");

    function setUp() public {
        setUpVenue();
        fund(trader, 100_000e6);
        tradeAs(trader, BTC, 1e18);
    }

    function expectHalt(HaltReason reason) internal {
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.MarketHalted.selector, BTC, reason));
        venue.trade(BTC, 0.1e18, type(uint256).max, false);
    }

    function test_stalePriceHaltsRiskIncreasingTrades() external {
        vm.warp(block.timestamp + 61);
        expectHalt(HaltReason.StalePrice);
        vm.assertEq(uint256(views.getMarkets()[BTC].halt), uint256(HaltReason.StalePrice), "the view says why");
    }

    function test_uncertainPriceHalts() external {
        pushPrice(BTC_USD, 60_000e8, 1_300e8); // conf 2.2 % of price
        expectHalt(HaltReason.UncertainPrice);
        vm.assertEq(uint256(views.getMarkets()[BTC].priceStatus), uint256(FeedStatus.Uncertain), "status");
    }

    function test_jumpedPriceHaltsUntilConfirmed() external {
        pushPrice(BTC_USD, 50_000e8, 15e8);
        expectHalt(HaltReason.PriceJumped);
        vm.assertEq(views.getMarkets()[BTC].price, 60_000e18, "still trusts 60,000");
        pushPrice(BTC_USD, 49_900e8, 15e8);
        vm.assertEq(views.getMarkets()[BTC].price, 49_900e18, "confirmed");
        vm.assertEq(uint256(views.getMarkets()[BTC].halt), uint256(HaltReason.None), "trading again");
    }

    /// A jump pushed straight to Pyth (not through the venue) is still caught when read.
    function test_jumpSeenThroughAPlainPythUpdate() external {
        vm.warp(block.timestamp + 1);
        bytes[] memory updates = new bytes[](1);
        updates[0] = priceUpdate(BTC_USD, 40_000e8, 15e8);
        pyth.updatePriceFeeds(updates);
        expectHalt(HaltReason.PriceJumped);
    }

    function test_staleVolatilityHalts() external {
        vm.warp(block.timestamp + 30);
        bytes[] memory updates = new bytes[](4);
        for (uint256 i; i < 4; ++i) {
            updates[i] = priceUpdate(feedIds[i], price8[feedIds[i]], conf8[feedIds[i]]);
        }
        venue.updatePrices(updates);
        vm.warp(block.timestamp + 31); // prices 31 s old, vols 61 s old
        expectHalt(HaltReason.StaleVolatility);
    }

    function test_jumpedVolatilityHalts() external {
        vm.warp(block.timestamp + 1);
        volIndex.push("BTC", 0.9e18, 0, uint64(block.timestamp));
        expectHalt(HaltReason.VolatilityJumped);
    }

    function test_reductionsGoThroughWhileHalted() external {
        vm.warp(block.timestamp + 61);
        vm.prank(trader);
        venue.trade(BTC, -0.5e18, 0, true);
        vm.assertEq(crossPosition(trader, BTC).size, 0.5e18, "reduced on stale data");
    }

    /// Collateral feeds count too: WETH holders are exposed to ETH/USD.
    function test_collateralExposureBlocksWithdrawals() external {
        address saver = makeAddr("saver");
        fundWeth(saver, 1e18);
        tradeAs(saver, SOL, 1e18);
        pushPrice(ETH_USD, 2_000e8, 1e8); // −33 %: jumped
        vm.prank(saver);
        vm.expectRevert(
            abi.encodeWithSelector(IMarginVenue.CollateralPriceHalted.selector, WETH, HaltReason.PriceJumped)
        );
        venue.withdraw(WETH, 0.1e18);
    }

    /// The venue emits the halts it observes.
    function test_haltsAreEmitted() external {
        vm.expectEmit();
        emit IMarginVenue.FeedStatusChanged(BTC_USD, FeedStatus.Live, FeedStatus.Jumped);
        pushPrice(BTC_USD, 50_000e8, 15e8);
    }

    /// Malformed Pyth data is rejected: a non-positive price leaves the trusted one in place.
    function test_nonPositivePriceIsIgnored() external {
        pushPrice(BTC_USD, -1, 15e8);
        IMarginVenue.MarketView memory btc = views.getMarkets()[BTC];
        vm.assertEq(btc.price, 60_000e18, "trusted price kept");
    }

    /// A caller cannot starve the Pyth read of gas to make the venue act on its stored price:
    /// with any gas limit, a sync either sees the latest update or reverts. (EIP-150's retained
    /// 1/64 rarely leaves enough to finish anyway; the venue also reverts on any failed read but
    /// Pyth's own StalePrice.)
    function test_gasStarvedOracleReadsRevertInsteadOfSkipping() external {
        vm.warp(block.timestamp + 1);
        bytes[] memory updates = new bytes[](1);
        updates[0] = priceUpdate(BTC_USD, 60_500e8, 15e8);
        pyth.updatePriceFeeds(updates);
        for (uint256 gas = 20_000; gas <= 600_000; gas += 5_000) {
            uint256 snapshot = vm.snapshotState();
            (bool ok,) = address(venue).call{gas: gas}(abi.encodeCall(venue.sync, ()));
            if (ok) {
                vm.assertEq(
                    uint256(views.feedState(BTC_USD).latestPublishTime),
                    block.timestamp,
                    "a sync that succeeds saw the update"
                );
            }
            vm.revertToState(snapshot);
        }
    }
}
