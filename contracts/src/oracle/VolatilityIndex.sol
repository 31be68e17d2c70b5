// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {FeedGuard, FeedStatus, UpdateRejection, UpdateVerdict} from "./FeedGuard.sol";

/// @title VolatilityIndex
/// @notice One annualised implied-volatility feed per underlying (a DVOL-like index), pushed by a
/// keeper. The venue scales its margin range with it (DESIGN.md §4.2). Updates go through the same
/// guards as prices (DESIGN.md §4.6, `FeedGuard`): a rejected push reverts with the reason; an
/// uncertain or jumped push is recorded but not trusted until the guard says so.
/// @dev Keys are the underlying's symbol as bytes32 (`bytes32("BTC")`); values are WAD
/// (0.6e18 = 60 %/yr). `latest` returns the trusted (last accepted) value, as the venue uses it.
contract VolatilityIndex is AccessControl {
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");

    FeedGuard.Params private _guard;
    mapping(bytes32 underlying => FeedGuard.State) private _feeds;

    event VolatilityUpdated(
        bytes32 indexed underlying, uint256 volatility, uint256 conf, uint64 publishTime, UpdateVerdict verdict
    );
    event GuardParamsUpdated(FeedGuard.Params params);

    error VolatilityUpdateRejected(bytes32 underlying, UpdateRejection reason);
    error LengthMismatch();
    error InvalidGuardParams();

    constructor(address admin, FeedGuard.Params memory guard) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(KEEPER_ROLE, admin);
        _setGuard(guard);
    }

    /// @notice Publishes the volatility of `underlying` (WAD, annualised) as of `publishTime`.
    function push(bytes32 underlying, uint256 volatility, uint256 conf, uint64 publishTime)
        public
        onlyRole(KEEPER_ROLE)
    {
        FeedGuard.State memory state = _feeds[underlying];
        (UpdateVerdict verdict, UpdateRejection rejection) =
            FeedGuard.guardUpdate(state, volatility, conf, publishTime, block.timestamp, _guard);
        if (verdict == UpdateVerdict.Rejected) revert VolatilityUpdateRejected(underlying, rejection);
        _feeds[underlying] = state;
        emit VolatilityUpdated(underlying, volatility, conf, publishTime, verdict);
    }

    /// @notice Publishes several feeds in one transaction (the keeper's per-block update).
    function pushMany(
        bytes32[] calldata underlyings,
        uint256[] calldata volatilities,
        uint256[] calldata confs,
        uint64[] calldata publishTimes
    ) external {
        uint256 n = underlyings.length;
        if (volatilities.length != n || confs.length != n || publishTimes.length != n) revert LengthMismatch();
        for (uint256 i; i < n; ++i) {
            push(underlyings[i], volatilities[i], confs[i], publishTimes[i]);
        }
    }

    /// @notice The trusted volatility of `underlying` and whether it may be used now.
    /// @return volatility WAD, annualised (0 if none accepted yet).
    /// @return conf WAD.
    /// @return publishTime unix seconds of the trusted value.
    /// @return status `Live`, or why the feed is halted.
    function latest(bytes32 underlying)
        external
        view
        returns (uint256 volatility, uint256 conf, uint64 publishTime, FeedStatus status)
    {
        FeedGuard.State memory state = _feeds[underlying];
        FeedGuard.Update memory trusted = state.accepted;
        return (trusted.value, trusted.conf, trusted.publishTime, FeedGuard.status(state, block.timestamp, _guard));
    }

    /// @notice The full guard state of a feed (accepted, pending, latest publish time, uncertain).
    function feedState(bytes32 underlying) external view returns (FeedGuard.State memory) {
        return _feeds[underlying];
    }

    function guardParams() external view returns (FeedGuard.Params memory) {
        return _guard;
    }

    function setGuardParams(FeedGuard.Params calldata guard) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setGuard(guard);
    }

    function _setGuard(FeedGuard.Params memory guard) private {
        if (!FeedGuard.valid(guard)) revert InvalidGuardParams();
        _guard = guard;
        emit GuardParamsUpdated(guard);
    }
}
