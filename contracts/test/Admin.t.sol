// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {FeedGuard} from "../src/oracle/FeedGuard.sol";
import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {RiskEngine} from "../src/margin/RiskEngine.sol";
import {VenueAdmin} from "../src/margin/VenueAdmin.sol";
import {MarketParams, RiskParams} from "../src/margin/VenueTypes.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Owner-only parameters (each emitted as an event), the emergency pause, and the
/// module split (the owner's code and the views run only through the venue).
contract AdminTest is VenueFixture {
    address stranger = makeAddr("stranger");

    function setUp() public {
        setUpVenue();
    }

    function test_parametersAreOwnerOnly() external {
        vm.startPrank(stranger);
        bytes memory notOwner = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger);
        vm.expectRevert(notOwner);
        venue.setRiskParams(defaultRiskParams());
        vm.expectRevert(notOwner);
        venue.setMarketParams(BTC, marketParams(BTC));
        vm.expectRevert(notOwner);
        venue.setHaircut(WETH, 0.2e18);
        vm.expectRevert(notOwner);
        venue.setOracleGuardParams(defaultGuard());
        vm.expectRevert(notOwner);
        venue.pause();
        vm.expectRevert(notOwner);
        venue.withdrawFees(stranger, 1);
        vm.expectRevert(notOwner);
        venue.listMarket("DOGE", bytes32(uint256(1)), "DOGE", marketParams(SOL));
        vm.stopPrank();
    }

    function test_parameterChangesAreEmittedAndApplied() external {
        RiskParams memory p = defaultRiskParams();
        p.liqBuffer = 0.2e18;
        vm.expectEmit();
        emit IMarginVenue.RiskParamsUpdated(p);
        venue.setRiskParams(p);
        vm.assertEq(views.riskParams().liqBuffer, 0.2e18, "applied");

        vm.expectEmit();
        emit IMarginVenue.HaircutUpdated(WETH, 0.15e18);
        venue.setHaircut(WETH, 0.15e18);
        vm.assertEq(views.getCollaterals()[WETH].haircut, 0.15e18, "haircut");

        MarketParams memory m = marketParams(ETH);
        m.takerFee = 0.001e18;
        vm.expectEmit();
        emit IMarginVenue.MarketParamsUpdated(ETH, m);
        venue.setMarketParams(ETH, m);
        vm.assertEq(views.getMarkets()[ETH].params.takerFee, 0.001e18, "taker fee");
    }

    function test_invalidParametersAreRejected() external {
        RiskParams memory p = defaultRiskParams();
        p.imMultiplier = 0.5e18;
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidParameter.selector, "imMultiplier"));
        venue.setRiskParams(p);
        p = defaultRiskParams();
        p.volDown = 1e18;
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidParameter.selector, "volDown"));
        venue.setRiskParams(p);
        MarketParams memory m = marketParams(BTC);
        m.skewScale = 0;
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidParameter.selector, "skewScale"));
        venue.setMarketParams(BTC, m);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidParameter.selector, "haircut"));
        venue.setHaircut(WETH, 1.5e18);
        FeedGuard.Params memory g = defaultGuard();
        g.maxAge = 0;
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidParameter.selector, "oracleGuard"));
        venue.setOracleGuardParams(g);
        vm.expectRevert(IMarginVenue.AlreadyListed.selector);
        venue.listMarket("BTC", BTC_USD, "BTC", marketParams(BTC));
        vm.expectRevert(IMarginVenue.AlreadyListed.selector);
        venue.listCollateral(weth, ETH_USD, address(0), 0);
    }

    function test_pauseStopsEveryTraderAction() external {
        address trader = makeAddr("trader");
        fund(trader, 10_000e6);
        venue.pause();
        vm.startPrank(trader);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        venue.trade(BTC, 0.01e18, type(uint256).max, false);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        venue.withdraw(USDC, 1e6);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        venue.liquidate(trader);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        venue.deposit(USDC, 1e6);
        vm.stopPrank();
        venue.unpause();
        tradeAs(trader, BTC, 0.01e18);
    }

    function test_feesAndLiquidityMoveOnlyWhatIsThere() external {
        address trader = makeAddr("trader");
        fund(trader, 10_000e6);
        tradeAs(trader, BTC, 0.1e18);
        uint256 fees = views.protocolFees();
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InsufficientFees.selector, fees, fees + 1e12));
        venue.withdrawFees(address(this), fees / 1e12 + 1);
        venue.withdrawFees(stranger, fees / 1e12);
        vm.assertEq(usdc.balanceOf(stranger), fees / 1e12, "fees paid out");
        int256 pool = views.liquidityPool();
        vm.expectRevert(
            abi.encodeWithSelector(IMarginVenue.InsufficientLiquidity.selector, pool, (uint256(pool) / 1e12 + 1) * 1e12)
        );
        venue.withdrawLiquidity(address(this), uint256(pool) / 1e12 + 1);
    }

    /// The owner's module called directly acts on its own (empty) storage, never on the venue's.
    function test_modulesCalledDirectlyCannotTouchTheVenue() external {
        VenueAdmin adminModule = VenueAdmin(venue.admin());
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.UnknownCollateral.selector, WETH));
        adminModule.setHaircut(WETH, 1e18); // no collateral is listed in the module's own storage
        vm.assertEq(views.getCollaterals()[WETH].haircut, 0.1e18, "the venue was not touched");
    }

    function test_initializeRunsOnce() external {
        VenueAdmin adminModule = VenueAdmin(venue.admin());
        adminModule.initialize(
            pyth, volIndex, RiskEngine(address(0)), usdc, USDC_USD, defaultRiskParams(), defaultGuard()
        );
        vm.expectRevert(VenueAdmin.AlreadyInitialized.selector);
        adminModule.initialize(
            pyth, volIndex, RiskEngine(address(0)), usdc, USDC_USD, defaultRiskParams(), defaultGuard()
        );
        vm.assertEq(views.getCollaterals()[WETH].haircut, 0.1e18, "the venue was not touched");
    }

    function test_ownershipIsTwoStep() external {
        venue.transferOwnership(stranger);
        vm.assertEq(venue.owner(), address(this), "not yet");
        vm.prank(stranger);
        venue.acceptOwnership();
        vm.assertEq(venue.owner(), stranger, "accepted");
    }
}
