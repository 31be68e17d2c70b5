// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {DevnetToken} from "../src/tokens/DevnetToken.sol";
import {DevnetWstETH} from "../src/tokens/DevnetWstETH.sol";
import {TestBase} from "./base/TestBase.sol";

contract TokensTest is TestBase {
    DevnetToken usdc;
    DevnetWstETH wsteth;
    address alice;
    uint256 constant ALICE_KEY = 0xA11CE;

    function setUp() public {
        vm.warp(1_700_000_000);
        usdc = new DevnetToken("USD Coin", "USDC", 6, address(this));
        wsteth = new DevnetWstETH(address(this), 1.2e18, 0.035e18);
        alice = vm.addr(ALICE_KEY);
    }

    function test_decimalsAndMinting() external {
        vm.assertEq(uint256(usdc.decimals()), 6, "USDC has 6 decimals");
        vm.assertEq(uint256(wsteth.decimals()), 18, "wstETH has 18");
        usdc.mint(alice, 1_000e6);
        vm.assertEq(usdc.balanceOf(alice), 1_000e6, "minted");
    }

    function test_onlyMintersMint() external {
        bytes32 role = usdc.MINTER_ROLE();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        usdc.mint(alice, 1);
    }

    /// EIP-2612: the digest is keccak256("\x19\x01" ‖ DOMAIN_SEPARATOR ‖ keccak256(abi.encode(
    /// PERMIT_TYPEHASH, owner, spender, value, nonce, deadline))), built here from the EIP's text.
    function test_permitSetsAllowanceFromASignature() external {
        address spender = address(0xBEEF);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 typehash =
            keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
        bytes32 structHash = keccak256(abi.encode(typehash, alice, spender, 500e6, 0, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usdc.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ALICE_KEY, digest);
        usdc.permit(alice, spender, 500e6, deadline, v, r, s);
        vm.assertEq(usdc.allowance(alice, spender), 500e6, "allowance");
        vm.assertEq(usdc.nonces(alice), 1, "nonce used");
    }

    /// rate(t) = 1.2 × (1 + 0.035 × t / 31,536,000): after one year 1.242, after 73 days 1.2084.
    function test_wstEthRateGrowsAtTheApr() external {
        vm.assertEq(wsteth.stEthPerToken(), 1.2e18, "initial rate");
        vm.warp(block.timestamp + 365 days);
        vm.assertEq(wsteth.stEthPerToken(), 1.242e18, "one year at 3.5 %");
        vm.warp(block.timestamp - 365 days + 73 days);
        vm.assertEq(wsteth.stEthPerToken(), 1.2084e18, "a fifth of a year");
    }

    function test_changingTheAprKeepsTheRateContinuous() external {
        vm.warp(block.timestamp + 365 days);
        uint256 before = wsteth.stEthPerToken();
        wsteth.setApr(0.1e18);
        vm.assertEq(wsteth.stEthPerToken(), before, "continuous at the change");
        vm.warp(block.timestamp + 365 days);
        vm.assertEq(wsteth.stEthPerToken(), before + before / 10, "new APR from the checkpoint");
    }

    function test_aprIsBounded() external {
        vm.expectRevert(abi.encodeWithSelector(DevnetWstETH.AprTooHigh.selector, 2e18, 1e18));
        wsteth.setApr(2e18);
    }
}
