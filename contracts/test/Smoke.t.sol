// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VenueFixture} from "./base/VenueFixture.sol";
import {IMarginVenue} from "../src/margin/IMarginVenue.sol";

contract SmokeTest is VenueFixture {
    function setUp() public {
        setUpVenue();
    }

    function test_deployedVenueListsThreeMarketsAndCollaterals() external view {
        IMarginVenue.MarketView[] memory markets = views.getMarkets();
        vm.assertEq(markets.length, 3, "markets");
        vm.assertEq(markets[0].price, 60_000e18, "BTC price");
        vm.assertEq(views.getCollaterals().length, 3, "collaterals");
    }
}
