// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A feed's condition for trading (DESIGN.md §4.6); only `Live` allows risk-increasing
/// actions. lib/core/oracle `FeedStatusKind`.
enum FeedStatus {
    Live,
    Stale,
    Uncertain,
    Jumped
}

/// @notice Why an update was rejected (it changes nothing). lib/core/oracle `PriceUpdateRejection`.
enum UpdateRejection {
    None,
    Malformed,
    NonPositivePrice,
    Future,
    NotNewer
}

/// @notice What an accepted-for-processing update did. lib/core/oracle `guardPriceUpdate` verdicts.
enum UpdateVerdict {
    Rejected,
    Accepted,
    Uncertain,
    Jumped
}

/// @title FeedGuard
/// @notice The oracle guards of DESIGN.md §4.6, shared by the Pyth price feeds (read by the venue)
/// and the volatility index (pushed by a keeper). A line-by-line mirror of lib/core/oracle
/// `guardPriceUpdate` and `feedStatus`, whose TSDoc is the specification; the comparisons are the
/// integer forms given there (`conf·1e18 > maxConfRatio·price`, `|price − ref|·1e18 > maxJump·ref`).
/// @dev Values are WAD (USD per unit, or annualised vol). An absent accepted / pending update is
/// stored as all-zero fields: valid publish times are positive.
library FeedGuard {
    uint256 internal constant WAD = 1e18;

    struct Params {
        /// A feed is stale when its trusted value is more than this old, seconds (> 0).
        uint64 maxAge;
        /// Reach of the jump check, seconds of publish time.
        uint64 jumpWindow;
        /// How far a publish time may run ahead of the block timestamp, seconds.
        uint64 maxFutureSkew;
        /// An update is uncertain when conf > maxConfRatio × value, WAD (> 0).
        uint128 maxConfRatio;
        /// An update jumped when |value − reference| > maxJump × reference, WAD (> 0).
        uint128 maxJump;
    }

    /// One update: value and conf WAD (fit in 96 bits, i.e. below 7.9e10 USD), publish time.
    struct Update {
        uint96 value;
        uint96 conf;
        uint64 publishTime;
    }

    struct State {
        /// The last accepted update: the trusted value margin is computed from.
        Update accepted;
        /// A jumped update waiting for a consistent one to confirm it.
        Update pending;
        /// Publish time of the newest update that was not rejected.
        uint64 latestPublishTime;
        /// Whether that newest non-rejected update was uncertain.
        bool uncertain;
    }

    /// @notice Judges one update against the feed's state (lib/core `guardPriceUpdate`); `state`
    /// is updated in memory unless the update is rejected.
    function guardUpdate(
        State memory state,
        uint256 value,
        uint256 conf,
        uint256 publishTime,
        uint256 nowTime,
        Params memory p
    ) internal pure returns (UpdateVerdict verdict, UpdateRejection rejection) {
        rejection = rejectionOf(state, value, conf, publishTime, nowTime, p);
        if (rejection != UpdateRejection.None) return (UpdateVerdict.Rejected, rejection);

        Update memory received = Update(uint96(value), uint96(conf), uint64(publishTime));
        state.latestPublishTime = uint64(publishTime);
        if (conf * WAD > uint256(p.maxConfRatio) * value) {
            state.uncertain = true;
            return (UpdateVerdict.Uncertain, UpdateRejection.None);
        }
        state.uncertain = false;

        Update memory a = state.accepted;
        bool jumped = a.publishTime != 0 && publishTime - a.publishTime <= p.jumpWindow
            && _distance(value, a.value) * WAD > uint256(p.maxJump) * a.value;
        Update memory pending = state.pending;
        bool confirmsPending =
            pending.publishTime != 0 && _distance(value, pending.value) * WAD <= uint256(p.maxJump) * pending.value;

        if (jumped && !confirmsPending) {
            state.pending = received;
            return (UpdateVerdict.Jumped, UpdateRejection.None);
        }
        state.accepted = received;
        state.pending = Update(0, 0, 0);
        return (UpdateVerdict.Accepted, UpdateRejection.None);
    }

    /// @notice The feed's status at `nowTime` (lib/core `feedStatus`): stale (no trusted value,
    /// or older than maxAge), then jumped (a jump pending), then uncertain, else live.
    function status(State memory state, uint256 nowTime, Params memory p) internal pure returns (FeedStatus) {
        uint256 t = state.accepted.publishTime;
        if (t == 0) return FeedStatus.Stale;
        uint256 age = nowTime > t ? nowTime - t : 0;
        if (age > p.maxAge) return FeedStatus.Stale;
        if (state.pending.publishTime != 0) return FeedStatus.Jumped;
        if (state.uncertain) return FeedStatus.Uncertain;
        return FeedStatus.Live;
    }

    /// @notice Parameter sanity (lib/core `assertOracleGuardParams`).
    function valid(Params memory p) internal pure returns (bool) {
        return p.maxAge > 0 && p.maxConfRatio > 0 && p.maxJump > 0;
    }

    function rejectionOf(
        State memory state,
        uint256 value,
        uint256 conf,
        uint256 publishTime,
        uint256 nowTime,
        Params memory p
    ) internal pure returns (UpdateRejection) {
        if (publishTime == 0 || publishTime > type(uint64).max || value > type(uint96).max || conf > type(uint96).max) {
            return UpdateRejection.Malformed;
        }
        if (value == 0) return UpdateRejection.NonPositivePrice;
        if (publishTime > nowTime + p.maxFutureSkew) return UpdateRejection.Future;
        if (publishTime <= state.latestPublishTime) return UpdateRejection.NotNewer;
        return UpdateRejection.None;
    }

    function _distance(uint256 x, uint256 y) private pure returns (uint256) {
        return x > y ? x - y : y - x;
    }
}
