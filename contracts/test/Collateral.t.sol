// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {HaltReason} from "../src/margin/VenueTypes.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Deposits (plain and with an EIP-2612 permit) and withdrawals (DESIGN.md §4.4: allowed
/// when A_after >= IM_after and every market the account holds has fresh data).
contract CollateralTest is VenueFixture {
    uint256 constant ALICE_KEY = 0xA11CE;
    address alice;

    function setUp() public {
        setUpVenue();
        alice = vm.addr(ALICE_KEY);
    }

    function test_depositCreditsTheCrossAccountInWad() external {
        usdc.mint(alice, 2_500e6);
        vm.startPrank(alice);
        usdc.approve(address(venue), 2_500e6);
        vm.expectEmit();
        emit IMarginVenue.Deposited(alice, USDC, 2_500e6);
        venue.deposit(USDC, 2_500e6);
        vm.stopPrank();
        vm.assertEq(balanceOf(alice, USDC), 2_500e18, "1e18 per USDC inside the venue");
        vm.assertEq(usdc.balanceOf(address(venue)), 5_100_000e6 + 2_500e6, "tokens moved");
    }

    /// The one-click deposit: one signature (EIP-2612, digest built from the EIP's text) and one
    /// transaction, no prior approve.
    function test_depositWithPermit() external {
        weth.mint(alice, 3e18);
        uint256 deadline = block.timestamp + 600;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(address(weth), 3e18, deadline);
        vm.prank(alice);
        venue.depositWithPermit(WETH, 3e18, deadline, v, r, s);
        vm.assertEq(balanceOf(alice, WETH), 3e18, "deposited");
        vm.assertEq(weth.allowance(alice, address(venue)), 0, "allowance spent");
    }

    /// If someone front-runs the permit with the same signature, the deposit still goes through.
    function test_depositWithPermitSurvivesAFrontRunPermit() external {
        weth.mint(alice, 1e18);
        uint256 deadline = block.timestamp + 600;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(address(weth), 1e18, deadline);
        weth.permit(alice, address(venue), 1e18, deadline, v, r, s);
        vm.prank(alice);
        venue.depositWithPermit(WETH, 1e18, deadline, v, r, s);
        vm.assertEq(balanceOf(alice, WETH), 1e18, "deposited anyway");
    }

    function test_withdrawReturnsTokens() external {
        fundWeth(alice, 2e18);
        vm.prank(alice);
        venue.withdraw(WETH, 0.5e18);
        vm.assertEq(weth.balanceOf(alice), 0.5e18, "tokens back");
        vm.assertEq(balanceOf(alice, WETH), 1.5e18, "balance left");
    }

    function test_cannotWithdrawMoreThanTheBalance() external {
        fund(alice, 100e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InsufficientBalance.selector, USDC, int256(100e18), 101e6));
        venue.withdraw(USDC, 101e6);
    }

    /// With a position open, a withdrawal must leave equity >= IM.
    function test_withdrawalKeepsInitialMargin() external {
        fund(alice, 10_000e6);
        tradeAs(alice, BTC, 2e18); // IM ≈ 2·0.01935·120,000 ≈ 4,644
        vm.prank(alice);
        vm.expectRevert(); // InsufficientMargin
        venue.withdraw(USDC, 6_000e6);
        vm.prank(alice);
        venue.withdraw(USDC, 5_000e6);
        IMarginVenue.AccountHealth memory h = health(alice);
        vm.assertGe(h.cross.equity, int256(h.cross.initialMargin), "still above IM");
    }

    /// An account exposed to a stale market cannot withdraw; one with no risk can.
    function test_noWithdrawalWhileAMarketHeldIsStale() external {
        fund(alice, 10_000e6);
        tradeAs(alice, SOL, 10e18);
        address saver = makeAddr("saver");
        fund(saver, 1_000e6);
        vm.warp(block.timestamp + 61); // every feed goes stale
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.MarketHalted.selector, SOL, HaltReason.StalePrice));
        venue.withdraw(USDC, 1e6);
        vm.prank(saver);
        venue.withdraw(USDC, 1_000e6);
        vm.assertEq(usdc.balanceOf(saver), 1_000e6, "a riskless account withdraws on stale data");
    }

    function test_unknownCollateralAndZeroAmounts() external {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.UnknownCollateral.selector, 9));
        venue.deposit(9, 1);
        vm.expectRevert(IMarginVenue.ZeroAmount.selector);
        venue.deposit(USDC, 0);
        vm.expectRevert(IMarginVenue.ZeroAmount.selector);
        venue.withdraw(USDC, 0);
        vm.stopPrank();
    }

    function signPermit(address token, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8, bytes32, bytes32)
    {
        bytes32 typehash = keccak256(
            "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
        );
        (bool ok, bytes memory nonce) = token.staticcall(abi.encodeWithSignature("nonces(address)", alice));
        (bool ok2, bytes memory domain) = token.staticcall(abi.encodeWithSignature("DOMAIN_SEPARATOR()"));
        require(ok && ok2, "token reads");
        bytes32 structHash =
            keccak256(abi.encode(typehash, alice, address(venue), value, abi.decode(nonce, (uint256)), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", abi.decode(domain, (bytes32)), structHash));
        return vm.sign(ALICE_KEY, digest);
    }
}
