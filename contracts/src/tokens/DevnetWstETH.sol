// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DevnetToken} from "./DevnetToken.sol";
import {IExchangeRate} from "./IExchangeRate.sol";

/// @title DevnetWstETH
/// @notice Wrapped staked ether for the devnet: an 18-decimal permit token whose exchange rate to
/// ETH grows with staking yield. The venue values it at ETH price × `stEthPerToken()`.
/// @dev The rate accrues linearly (simple interest) from the last checkpoint:
///      rate(t) = rate_c × (1 + apr × max(0, t − t_c) / 31,536,000).
/// A read at a time before the checkpoint (an eth_call can pair a new block's state with the
/// previous block's timestamp) gets the checkpoint's rate.
/// Changing the APR checkpoints the rate first, so the rate is continuous in time. Linear accrual
/// matches how Lido's share rate moves between daily oracle reports closely enough for a devnet
/// and is exactly reproducible off-chain.
contract DevnetWstETH is DevnetToken, IExchangeRate {
    bytes32 public constant RATE_ADMIN_ROLE = keccak256("RATE_ADMIN_ROLE");
    uint256 private constant WAD = 1e18;
    uint256 private constant SECONDS_PER_YEAR = 31_536_000;
    /// @dev A sanity cap: 100 %/yr is far beyond any staking yield.
    uint256 public constant MAX_APR = 1e18;

    uint256 public rateAtCheckpoint;
    uint64 public checkpointTime;
    /// @notice Yearly growth of the exchange rate, WAD (0.03e18 = 3 %/yr).
    uint256 public apr;

    event StakingAprChanged(uint256 apr, uint256 rateAtCheckpoint, uint64 checkpointTime);

    error AprTooHigh(uint256 apr, uint256 maxApr);

    constructor(address admin, uint256 initialRate, uint256 initialApr)
        DevnetToken("Wrapped liquid staked Ether 2.0", "wstETH", 18, admin)
    {
        if (initialApr > MAX_APR) revert AprTooHigh(initialApr, MAX_APR);
        _grantRole(RATE_ADMIN_ROLE, admin);
        rateAtCheckpoint = initialRate;
        checkpointTime = uint64(block.timestamp);
        apr = initialApr;
        emit StakingAprChanged(initialApr, initialRate, uint64(block.timestamp));
    }

    /// @inheritdoc IExchangeRate
    function stEthPerToken() public view returns (uint256) {
        uint256 elapsed = block.timestamp > checkpointTime ? block.timestamp - checkpointTime : 0;
        return rateAtCheckpoint + rateAtCheckpoint * apr * elapsed / (WAD * SECONDS_PER_YEAR);
    }

    /// @notice Sets the yearly growth of the exchange rate (WAD), from now on.
    function setApr(uint256 newApr) external onlyRole(RATE_ADMIN_ROLE) {
        if (newApr > MAX_APR) revert AprTooHigh(newApr, MAX_APR);
        rateAtCheckpoint = stEthPerToken();
        checkpointTime = uint64(block.timestamp);
        apr = newApr;
        emit StakingAprChanged(newApr, rateAtCheckpoint, checkpointTime);
    }
}
