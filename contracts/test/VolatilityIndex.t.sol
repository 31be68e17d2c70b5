// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {FeedGuard, FeedStatus, UpdateRejection} from "../src/oracle/FeedGuard.sol";
import {VolatilityIndex} from "../src/oracle/VolatilityIndex.sol";
import {TestBase} from "./base/TestBase.sol";

contract VolatilityIndexTest is TestBase {
    VolatilityIndex index;
    uint256 constant T = 1_700_000_000;

    function setUp() public {
        vm.warp(T);
        index = new VolatilityIndex(
            address(this),
            FeedGuard.Params({maxAge: 60, jumpWindow: 60, maxFutureSkew: 10, maxConfRatio: 0.02e18, maxJump: 0.1e18})
        );
    }

    function test_pushAndRead() external {
        index.push("BTC", 0.6e18, 0.006e18, uint64(T));
        (uint256 vol, uint256 conf, uint64 time, FeedStatus status) = index.latest("BTC");
        vm.assertEq(vol, 0.6e18, "vol");
        vm.assertEq(conf, 0.006e18, "conf");
        vm.assertEq(uint256(time), T, "time");
        vm.assertEq(uint256(status), uint256(FeedStatus.Live), "live");
    }

    function test_onlyKeepersPush() external {
        address stranger = address(0xBAD);
        bytes32 role = index.KEEPER_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        index.push("BTC", 0.6e18, 0, uint64(T));
    }

    function test_rejectedPushesRevertWithTheReason() external {
        index.push("BTC", 0.6e18, 0, uint64(T));
        vm.expectRevert(
            abi.encodeWithSelector(
                VolatilityIndex.VolatilityUpdateRejected.selector, bytes32("BTC"), UpdateRejection.NotNewer
            )
        );
        index.push("BTC", 0.61e18, 0, uint64(T));
        vm.warp(T + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                VolatilityIndex.VolatilityUpdateRejected.selector, bytes32("BTC"), UpdateRejection.NonPositivePrice
            )
        );
        index.push("BTC", 0, 0, uint64(T + 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                VolatilityIndex.VolatilityUpdateRejected.selector, bytes32("BTC"), UpdateRejection.Future
            )
        );
        index.push("BTC", 0.6e18, 0, uint64(T + 12));
    }

    function test_sameGuardsAsPrices() external {
        index.push("ETH", 0.6e18, 0, uint64(T));
        vm.warp(T + 1);
        index.push("ETH", 0.9e18, 0, uint64(T + 1)); // +50 % in a second
        (uint256 vol,,, FeedStatus status) = index.latest("ETH");
        vm.assertEq(uint256(status), uint256(FeedStatus.Jumped), "jumped");
        vm.assertEq(vol, 0.6e18, "trusted vol unchanged");
        vm.warp(T + 2);
        index.push("ETH", 0.92e18, 0, uint64(T + 2));
        (vol,,, status) = index.latest("ETH");
        vm.assertEq(uint256(status), uint256(FeedStatus.Live), "confirmed");
        vm.assertEq(vol, 0.92e18, "new trusted vol");
        vm.warp(T + 63);
        (,,, status) = index.latest("ETH");
        vm.assertEq(uint256(status), uint256(FeedStatus.Stale), "stale after maxAge");
    }

    function test_pushMany() external {
        bytes32[] memory keys = new bytes32[](2);
        uint256[] memory vols = new uint256[](2);
        uint256[] memory confs = new uint256[](2);
        uint64[] memory times = new uint64[](2);
        (keys[0], keys[1]) = (bytes32("BTC"), bytes32("SOL"));
        (vols[0], vols[1]) = (0.55e18, 0.95e18);
        (times[0], times[1]) = (uint64(T), uint64(T));
        index.pushMany(keys, vols, confs, times);
        (uint256 sol,,,) = index.latest("SOL");
        vm.assertEq(sol, 0.95e18, "SOL");
        vm.expectRevert(VolatilityIndex.LengthMismatch.selector);
        index.pushMany(keys, vols, confs, new uint64[](1));
    }
}
