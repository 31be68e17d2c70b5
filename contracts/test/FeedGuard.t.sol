// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeedGuard, FeedStatus, UpdateRejection, UpdateVerdict} from "../src/oracle/FeedGuard.sol";
import {TestBase} from "./base/TestBase.sol";

/// @notice The oracle guards, rule by rule as DESIGN.md §4.6 and lib/core/oracle/guardPriceUpdate's
/// specification state them (the worked example there is the first jump test).
contract FeedGuardTest is TestBase {
    uint256 constant T = 1_700_000_000;

    function params() internal pure returns (FeedGuard.Params memory) {
        return FeedGuard.Params({maxAge: 60, jumpWindow: 60, maxFutureSkew: 10, maxConfRatio: 0.02e18, maxJump: 0.1e18});
    }

    function update(FeedGuard.State memory s, uint256 price, uint256 conf, uint256 time, uint256 nowTime)
        internal
        pure
        returns (UpdateVerdict verdict, UpdateRejection rejection)
    {
        return FeedGuard.guardUpdate(s, price, conf, time, nowTime, params());
    }

    function started() internal pure returns (FeedGuard.State memory s) {
        (UpdateVerdict v,) = update(s, 60_000e18, 15e18, T, T + 1);
        require(v == UpdateVerdict.Accepted, "first update");
    }

    function test_firstUpdateIsAcceptedAndLive() external pure {
        FeedGuard.State memory s = started();
        vm.assertEq(uint256(s.accepted.value), 60_000e18, "accepted value");
        vm.assertEq(uint256(s.accepted.publishTime), T, "accepted time");
        vm.assertEq(uint256(FeedGuard.status(s, T + 30, params())), uint256(FeedStatus.Live), "live");
    }

    function test_rejectionsChangeNothing() external pure {
        FeedGuard.State memory s = started();
        (UpdateVerdict v, UpdateRejection r) = update(s, 60_000e18, 1e18, 0, T + 2);
        vm.assertEq(uint256(r), uint256(UpdateRejection.Malformed), "publish time 0");
        (v, r) = update(s, 0, 1e18, T + 1, T + 2);
        vm.assertEq(uint256(r), uint256(UpdateRejection.NonPositivePrice), "price 0");
        (v, r) = update(s, 60_000e18, 1e18, T + 13, T + 2);
        vm.assertEq(uint256(r), uint256(UpdateRejection.Future), "11 s ahead");
        (v, r) = update(s, 60_000e18, 1e18, T, T + 2);
        vm.assertEq(uint256(r), uint256(UpdateRejection.NotNewer), "same publish time");
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Rejected), "verdict");
        vm.assertEq(uint256(s.latestPublishTime), T, "state untouched");
        vm.assertEq(uint256(s.accepted.value), 60_000e18, "accepted untouched");
    }

    function test_publishTimeExactlyAtFutureSkewIsAllowed() external pure {
        FeedGuard.State memory s = started();
        (UpdateVerdict v,) = update(s, 60_100e18, 1e18, T + 12, T + 2);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "now + maxFutureSkew is allowed");
    }

    function test_wideConfidenceIsUncertainAndNotTrusted() external pure {
        FeedGuard.State memory s = started();
        // 2 % of 60,000 is 1,200: 1,201 is too wide.
        (UpdateVerdict v,) = update(s, 60_000e18, 1_201e18, T + 1, T + 2);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Uncertain), "verdict");
        vm.assertEq(uint256(s.accepted.publishTime), T, "trusted price unchanged");
        vm.assertEq(uint256(s.latestPublishTime), T + 1, "latest time moves");
        vm.assertEq(uint256(FeedGuard.status(s, T + 2, params())), uint256(FeedStatus.Uncertain), "status");
        (v,) = update(s, 60_000e18, 1_200e18, T + 2, T + 3);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "exactly 2 % is not uncertain");
        vm.assertEq(uint256(FeedGuard.status(s, T + 3, params())), uint256(FeedStatus.Live), "live again");
    }

    function test_jumpNeedsASecondConsistentUpdate() external pure {
        // lib/core guardPriceUpdate's example: 60,000 -> 50,000 (-16.7 % in 2 s) -> 49,800 confirms.
        FeedGuard.State memory s = started();
        (UpdateVerdict v,) = update(s, 50_000e18, 20e18, T + 2, T + 3);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Jumped), "jumped");
        vm.assertEq(uint256(s.accepted.value), 60_000e18, "still trusts 60,000");
        vm.assertEq(uint256(FeedGuard.status(s, T + 3, params())), uint256(FeedStatus.Jumped), "status jumped");
        (v,) = update(s, 49_800e18, 20e18, T + 4, T + 5);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "confirmed");
        vm.assertEq(uint256(s.accepted.value), 49_800e18, "trusts 49,800");
        vm.assertEq(uint256(s.pending.publishTime), 0, "pending cleared");
        vm.assertEq(uint256(FeedGuard.status(s, T + 5, params())), uint256(FeedStatus.Live), "live");
    }

    function test_updateBackNearTheTrustedPriceDiscardsABadTick() external pure {
        FeedGuard.State memory s = started();
        update(s, 50_000e18, 20e18, T + 2, T + 3);
        (UpdateVerdict v,) = update(s, 60_500e18, 20e18, T + 3, T + 4);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "back within 10 %");
        vm.assertEq(uint256(s.pending.publishTime), 0, "bad tick discarded");
    }

    function test_aNewerInconsistentJumpReplacesThePendingOne() external pure {
        FeedGuard.State memory s = started();
        update(s, 50_000e18, 20e18, T + 2, T + 3);
        (UpdateVerdict v,) = update(s, 40_000e18, 20e18, T + 3, T + 4);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Jumped), "40,000 is 20 % from 50,000");
        vm.assertEq(uint256(s.pending.value), 40_000e18, "pending replaced");
    }

    function test_aMoveOfExactlyMaxJumpIsNotAJump() external pure {
        FeedGuard.State memory s = started();
        (UpdateVerdict v,) = update(s, 66_000e18, 20e18, T + 1, T + 2);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "+10 % exactly");
    }

    function test_aLargeMoveAfterTheJumpWindowIsAccepted() external pure {
        FeedGuard.State memory s = started();
        (UpdateVerdict v,) = update(s, 50_000e18, 20e18, T + 61, T + 61);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Accepted), "reference older than the window");
    }

    function test_anUncertainUpdateNeitherJumpsNorConfirms() external pure {
        FeedGuard.State memory s = started();
        update(s, 50_000e18, 20e18, T + 2, T + 3);
        (UpdateVerdict v,) = update(s, 50_000e18, 5_000e18, T + 3, T + 4);
        vm.assertEq(uint256(v), uint256(UpdateVerdict.Uncertain), "uncertain");
        vm.assertEq(uint256(s.pending.value), 50_000e18, "pending kept");
        vm.assertEq(
            uint256(FeedGuard.status(s, T + 4, params())), uint256(FeedStatus.Jumped), "jump outranks uncertainty"
        );
    }

    function test_staleness() external pure {
        FeedGuard.State memory empty;
        vm.assertEq(uint256(FeedGuard.status(empty, T, params())), uint256(FeedStatus.Stale), "never published");
        FeedGuard.State memory s = started();
        vm.assertEq(uint256(FeedGuard.status(s, T + 60, params())), uint256(FeedStatus.Live), "age == maxAge is fresh");
        vm.assertEq(uint256(FeedGuard.status(s, T + 61, params())), uint256(FeedStatus.Stale), "age > maxAge");
        vm.assertEq(
            uint256(FeedGuard.status(s, T - 5, params())), uint256(FeedStatus.Live), "future-stamped counts as age 0"
        );
        update(s, 50_000e18, 20e18, T + 2, T + 3);
        vm.assertEq(uint256(FeedGuard.status(s, T + 100, params())), uint256(FeedStatus.Stale), "stale outranks a jump");
    }

    /// A trusted value only ever changes to an update within maxJump of the reference, or to a
    /// confirmed one, or when the reference is older than the window.
    function testFuzz_trustedValueNeverJumpsUnconfirmed(uint256 price, uint256 dt) external pure {
        price = bound(price, 1e18, 200_000e18);
        dt = bound(dt, 1, 60);
        FeedGuard.State memory s = started();
        (UpdateVerdict v,) = update(s, price, 0, T + dt, T + dt);
        uint256 move = price > 60_000e18 ? price - 60_000e18 : 60_000e18 - price;
        bool withinJump = move * 1e18 <= 0.1e18 * uint256(60_000e18);
        vm.assertEq(v == UpdateVerdict.Accepted, withinJump, "accepted iff within maxJump");
        vm.assertEq(uint256(s.accepted.value), withinJump ? price : 60_000e18, "trusted value");
    }
}
