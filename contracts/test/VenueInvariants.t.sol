// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {IMarginVenueViews} from "../src/margin/IMarginVenueViews.sol";
import {MarginVenue} from "../src/margin/MarginVenue.sol";
import {TestBase} from "./base/TestBase.sol";
import {VenueHandler} from "./invariant/VenueHandler.sol";

/// @notice The venue's invariants (issue 4) under random sequences of deposits, withdrawals, cross
/// and isolated trades, margin moves, price and vol moves, time and liquidations.
contract VenueInvariantsTest is TestBase {
    VenueHandler handler;
    IMarginVenueViews views;
    address venue;

    function setUp() public {
        handler = new VenueHandler();
        venue = address(_venue());
        views = IMarginVenueViews(venue);
        targetContract(address(handler));
        // Weighted towards what produces liquidations: levering up, price moves, liquidation calls.
        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = VenueHandler.deposit.selector;
        selectors[1] = VenueHandler.withdraw.selector;
        selectors[2] = VenueHandler.trade.selector;
        selectors[3] = VenueHandler.trade.selector;
        selectors[4] = VenueHandler.openIsolated.selector;
        selectors[5] = VenueHandler.tradeIsolated.selector;
        selectors[6] = VenueHandler.moveMargin.selector;
        selectors[7] = VenueHandler.liquidate.selector;
        selectors[8] = VenueHandler.liquidate.selector;
        selectors[9] = VenueHandler.liquidateIsolated.selector;
        selectors[10] = VenueHandler.movePriceBy.selector;
        selectors[11] = VenueHandler.movePriceBy.selector;
        selectors[12] = VenueHandler.movePriceBy.selector;
        selectors[13] = VenueHandler.setVolatility.selector;
        selectors[14] = VenueHandler.passTime.selector;
        selectors[15] = VenueHandler.leverUp.selector;
        selectors[16] = VenueHandler.leverUp.selector;
        selectors[17] = VenueHandler.openIsolated.selector;
        selectors[18] = VenueHandler.tradeOption.selector;
        selectors[19] = VenueHandler.tradeOption.selector;
        selectors[20] = VenueHandler.listSeries.selector;
        selectors[21] = VenueHandler.settleExpired.selector;
        targetSelector(address(handler), selectors);
    }

    function _venue() internal view returns (MarginVenue) {
        (bool ok, bytes memory data) = address(handler).staticcall(abi.encodeWithSignature("venueAddress()"));
        require(ok, "venueAddress");
        return MarginVenue(payable(abi.decode(data, (address))));
    }

    /// Tokens held by the venue = Σ balances + isolated margins + insurance fund + fees + pool (USDC,
    /// in WAD) and = Σ balances for every other collateral.
    function invariant_tokensAreConserved() external view {
        int256 usdcLedger = int256(views.insuranceFund()) + int256(views.protocolFees()) + views.liquidityPool();
        int256 wethLedger;
        int256 wstethLedger;
        uint256 n = handler.actorCount();
        for (uint256 i; i < n; ++i) {
            IMarginVenue.AccountView memory a = views.getAccount(handler.actors(i));
            usdcLedger += a.collateral[0];
            wethLedger += a.collateral[1];
            wstethLedger += a.collateral[2];
            for (uint256 k; k < a.isolated.length; ++k) {
                usdcLedger += a.isolated[k].margin;
            }
        }
        (address usdc, address weth, address wsteth) = handler.tokens();
        vm.assertEq(int256(_balanceOf(usdc) * 1e12), usdcLedger, "USDC held = ledger");
        vm.assertEq(int256(_balanceOf(weth)), wethLedger, "WETH held = balances");
        vm.assertEq(int256(_balanceOf(wsteth)), wstethLedger, "wstETH held = balances");
    }

    function invariant_everyActionRuleHeld() external view {
        if (handler.violations() != 0) vm.assertTrue(false, handler.lastViolation());
    }

    /// Open interest equals the sum of positions, per side.
    function invariant_openInterestMatchesPositions() external view {
        IMarginVenue.MarketView[] memory markets = views.getMarkets();
        uint256 n = handler.actorCount();
        for (uint256 m; m < markets.length; ++m) {
            uint256 longs;
            uint256 shorts;
            for (uint256 i; i < n; ++i) {
                IMarginVenue.AccountView memory a = views.getAccount(handler.actors(i));
                for (uint256 k; k < a.perps.length; ++k) {
                    if (a.perps[k].marketId != m) continue;
                    if (a.perps[k].size > 0) longs += uint256(a.perps[k].size);
                    else shorts += uint256(-a.perps[k].size);
                }
                for (uint256 k; k < a.isolated.length; ++k) {
                    if (a.isolated[k].marketId != m) continue;
                    if (a.isolated[k].size > 0) longs += uint256(a.isolated[k].size);
                    else shorts += uint256(-a.isolated[k].size);
                }
            }
            vm.assertEq(markets[m].longOpenInterest, longs, "long OI");
            vm.assertEq(markets[m].shortOpenInterest, shorts, "short OI");
        }
    }

    /// Option open interest equals the sum of positions per series, per side.
    function invariant_optionOpenInterestMatchesPositions() external view {
        uint256 count = views.seriesCount();
        IMarginVenue.SeriesView[] memory series = views.getOptionSeries(0, count);
        uint256 n = handler.actorCount();
        for (uint256 id; id < count; ++id) {
            uint256 longs;
            uint256 shorts;
            for (uint256 i; i < n; ++i) {
                IMarginVenue.OptionPositionView[] memory options = views.getAccount(handler.actors(i)).options;
                for (uint256 k; k < options.length; ++k) {
                    if (options[k].seriesId != id) continue;
                    if (options[k].size > 0) longs += uint256(options[k].size);
                    else shorts += uint256(-options[k].size);
                }
            }
            vm.assertEq(series[id].longOpenInterest, longs, "option long OI");
            vm.assertEq(series[id].shortOpenInterest, shorts, "option short OI");
        }
    }

    function _balanceOf(address token) internal view returns (uint256) {
        (bool ok, bytes memory data) = token.staticcall(abi.encodeWithSignature("balanceOf(address)", venue));
        require(ok, "balanceOf");
        return abi.decode(data, (uint256));
    }
}
