// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockPyth} from "@pythnetwork/pyth-sdk-solidity/MockPyth.sol";

import {FeedGuard} from "../../src/oracle/FeedGuard.sol";
import {VolatilityIndex} from "../../src/oracle/VolatilityIndex.sol";
import {DevnetToken} from "../../src/tokens/DevnetToken.sol";
import {DevnetWstETH} from "../../src/tokens/DevnetWstETH.sol";
import {IMarginVenue} from "../../src/margin/IMarginVenue.sol";
import {IMarginVenueViews} from "../../src/margin/IMarginVenueViews.sol";
import {MarginVenue} from "../../src/margin/MarginVenue.sol";
import {MarginVenueViews} from "../../src/margin/MarginVenueViews.sol";
import {VenueAdmin} from "../../src/margin/VenueAdmin.sol";
import {VenueLiquidations} from "../../src/margin/VenueLiquidations.sol";
import {VenueTrading} from "../../src/margin/VenueTrading.sol";
import {VenueOptions} from "../../src/margin/VenueOptions.sol";
import {RiskEngine} from "../../src/margin/RiskEngine.sol";
import {MarketParams, OptionParams, RiskParams} from "../../src/margin/VenueTypes.sol";
import {TestBase} from "./TestBase.sol";

/// @notice A venue deployed as the devnet deploys it (lib/core defaults, the four Pyth feeds, three
/// volatility feeds), plus helpers to move prices, vols and time and to fund traders.
abstract contract VenueFixture is TestBase {
    // Pyth mainnet price ids (https://pyth.network/developers/price-feed-ids).
    bytes32 internal constant BTC_USD = 0xe62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43;
    bytes32 internal constant ETH_USD = 0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace;
    bytes32 internal constant SOL_USD = 0xef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d;
    bytes32 internal constant USDC_USD = 0xeaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a;

    uint256 internal constant BTC = 0;
    uint256 internal constant ETH = 1;
    uint256 internal constant SOL = 2;
    uint256 internal constant USDC = 0;
    uint256 internal constant WETH = 1;
    uint256 internal constant WSTETH = 2;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant START = 1_700_000_000;

    MockPyth internal pyth;
    VolatilityIndex internal volIndex;
    DevnetToken internal usdc;
    DevnetToken internal weth;
    DevnetWstETH internal wsteth;
    MarginVenue internal venue;
    IMarginVenueViews internal views;

    bytes32[4] internal feedIds = [BTC_USD, ETH_USD, SOL_USD, USDC_USD];
    bytes32[3] internal volKeys = [bytes32("BTC"), bytes32("ETH"), bytes32("SOL")];
    /// Current price and conf of each feed in Pyth units (expo −8), re-published by `advance`.
    mapping(bytes32 => int64) internal price8;
    mapping(bytes32 => uint64) internal conf8;
    mapping(bytes32 => uint256) internal volWad;

    function defaultRiskParams() internal pure returns (RiskParams memory) {
        return RiskParams({
            z: 3e18,
            horizonSeconds: 3600,
            imMultiplier: 2e18,
            volUp: 0.3e18,
            volDown: 0.2e18,
            imVolShockMultiplier: 2e18,
            maxImVolDown: 0.5e18,
            shortOptionContingency: 0.001e18,
            liqBuffer: 0.1e18,
            backstopRatio: uint256(2e18) / 3,
            liqFee: 0.005e18,
            riskFreeRate: 0
        });
    }

    function defaultOptionParams() internal pure returns (OptionParams memory) {
        return OptionParams({spread: 0.01e18, feeRate: 0.0003e18, feeCap: 0.125e18});
    }

    function defaultGuard() internal pure returns (FeedGuard.Params memory) {
        return FeedGuard.Params({maxAge: 60, jumpWindow: 60, maxFutureSkew: 10, maxConfRatio: 0.02e18, maxJump: 0.1e18});
    }

    function marketParams(uint256 marketId) internal pure returns (MarketParams memory p) {
        p.sizeSlope = 1e9;
        p.maxFundingVelocity = 3e18;
        p.takerFee = 0.0005e18;
        if (marketId == BTC) (p.mmFloor, p.skewScale) = (0.005e18, 10_000e18);
        else if (marketId == ETH) (p.mmFloor, p.skewScale) = (0.0075e18, 250_000e18);
        else (p.mmFloor, p.skewScale) = (0.0125e18, 5_000_000e18);
    }

    function setUpVenue() internal {
        setUpVenueWith(100_000e6);
    }

    /// Deploys the venue with `insurance` USDC (token units) in its insurance fund.
    function setUpVenueWith(uint256 insurance) internal {
        vm.warp(START);
        pyth = new MockPyth(60, 0);
        volIndex = new VolatilityIndex(address(this), defaultGuard());
        usdc = new DevnetToken("USD Coin", "USDC", 6, address(this));
        weth = new DevnetToken("Wrapped Ether", "WETH", 18, address(this));
        wsteth = new DevnetWstETH(address(this), 1.2e18, 0.03e18);
        MarginVenue.Modules memory modules = MarginVenue.Modules({
            views: address(new MarginVenueViews()),
            admin: address(new VenueAdmin()),
            liquidations: address(new VenueLiquidations()),
            trading: address(new VenueTrading()),
            options: address(new VenueOptions()),
            risk: address(new RiskEngine())
        });
        venue = new MarginVenue(
            address(this), modules, pyth, volIndex, usdc, USDC_USD, defaultRiskParams(), defaultGuard()
        );
        views = IMarginVenueViews(address(venue));
        venue.listCollateral(weth, ETH_USD, address(0), 0.1e18);
        venue.listCollateral(wsteth, ETH_USD, address(wsteth), 0.12e18);
        venue.listMarket("BTC", BTC_USD, "BTC", marketParams(BTC));
        venue.listMarket("ETH", ETH_USD, "ETH", marketParams(ETH));
        venue.listMarket("SOL", SOL_USD, "SOL", marketParams(SOL));
        venue.setOptionParams(defaultOptionParams());
        venue.setOptionsEnabled(BTC, true);
        venue.setOptionsEnabled(ETH, true);
        venue.setOptionLister(address(this), true);

        price8[BTC_USD] = 60_000e8;
        conf8[BTC_USD] = 15e8;
        price8[ETH_USD] = 3_000e8;
        conf8[ETH_USD] = 1.5e8;
        price8[SOL_USD] = 150e8;
        conf8[SOL_USD] = 0.08e8;
        price8[USDC_USD] = 1e8;
        conf8[USDC_USD] = 0.0001e8;
        volWad["BTC"] = 0.6e18;
        volWad["ETH"] = 0.7e18;
        volWad["SOL"] = 0.9e18;
        publishAll();

        usdc.mint(address(this), 10_000_000e6);
        usdc.approve(address(venue), type(uint256).max);
        venue.depositLiquidity(5_000_000e6);
        if (insurance != 0) venue.depositInsurance(insurance);
    }

    // ------------------------------------------------------------------ oracles and time

    /// Publishes every price and vol at the current block time (prices through the venue, as the keeper does).
    function publishAll() internal {
        bytes[] memory updates = new bytes[](4);
        for (uint256 i; i < 4; ++i) {
            updates[i] = priceUpdate(feedIds[i], price8[feedIds[i]], conf8[feedIds[i]]);
        }
        venue.updatePrices(updates);
        for (uint256 i; i < 3; ++i) {
            volIndex.push(volKeys[i], volWad[volKeys[i]], volWad[volKeys[i]] / 100, uint64(block.timestamp));
        }
    }

    function priceUpdate(bytes32 id, int64 price, uint64 conf) internal view returns (bytes memory) {
        uint64 t = uint64(block.timestamp);
        return pyth.createPriceFeedUpdateData(id, price, conf, -8, price, conf, t, t - 1);
    }

    /// Moves time forward and republishes every feed, so nothing goes stale.
    function advance(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
        publishAll();
    }

    /// Sets a feed's price (Pyth units, expo −8) and conf; takes effect at the next publish.
    function setPrice(bytes32 id, int64 price, uint64 conf) internal {
        price8[id] = price;
        conf8[id] = conf;
    }

    /// Publishes one price now through the venue (one second later than the last publish).
    function pushPrice(bytes32 id, int64 price, uint64 conf) internal {
        vm.warp(block.timestamp + 1);
        bytes[] memory updates = new bytes[](1);
        updates[0] = priceUpdate(id, price, conf);
        venue.updatePrices(updates);
    }

    /// Moves a price in steps of at most 9 % (under the 10 % jump guard), publishing each step.
    function movePrice(bytes32 id, int64 target) internal {
        int64 current = price8[id];
        while (current != target) {
            int64 step = current / 11;
            if (target > current) current = target - current > step ? current + step : target;
            else current = current - target > step ? current - step : target;
            price8[id] = current;
            advance(1);
        }
    }

    /// Lets any price or vol move be accepted at once (for tests about margin, not about the guards).
    function relaxJumpGuards() internal {
        FeedGuard.Params memory relaxed = defaultGuard();
        relaxed.maxJump = 1_000e18;
        venue.setOracleGuardParams(relaxed);
        volIndex.setGuardParams(relaxed);
    }

    function setVol(bytes32 key, uint256 vol) internal {
        volWad[key] = vol;
    }

    // ------------------------------------------------------------------ traders

    function fund(address trader, uint256 usdcAmount) internal {
        usdc.mint(trader, usdcAmount);
        vm.startPrank(trader);
        usdc.approve(address(venue), type(uint256).max);
        venue.deposit(USDC, usdcAmount);
        vm.stopPrank();
    }

    function fundWeth(address trader, uint256 amount) internal {
        weth.mint(trader, amount);
        vm.startPrank(trader);
        weth.approve(address(venue), type(uint256).max);
        venue.deposit(WETH, amount);
        vm.stopPrank();
    }

    function fundWsteth(address trader, uint256 amount) internal {
        wsteth.mint(trader, amount);
        vm.startPrank(trader);
        wsteth.approve(address(venue), type(uint256).max);
        venue.deposit(WSTETH, amount);
        vm.stopPrank();
    }

    /// Trades at any price (acceptable price 0 or max).
    function tradeAs(address trader, uint256 marketId, int256 sizeDelta) internal {
        vm.prank(trader);
        venue.trade(marketId, sizeDelta, sizeDelta > 0 ? type(uint256).max : 0, false);
    }

    function health(address trader) internal view returns (IMarginVenue.AccountHealth memory) {
        return views.accountHealth(trader);
    }

    function equityOf(address trader) internal view returns (int256) {
        return views.accountHealth(trader).cross.equity;
    }

    function crossPosition(address trader, uint256 marketId)
        internal
        view
        returns (IMarginVenue.PositionView memory p)
    {
        IMarginVenue.PositionView[] memory perps = views.getAccount(trader).perps;
        for (uint256 i; i < perps.length; ++i) {
            if (perps[i].marketId == marketId) return perps[i];
        }
    }

    function balanceOf(address trader, uint256 collateralId) internal view returns (int256) {
        return views.getAccount(trader).collateral[collateralId];
    }

    function priceWad(bytes32 id) internal view returns (uint256) {
        return uint256(uint64(price8[id])) * 1e10;
    }
}
