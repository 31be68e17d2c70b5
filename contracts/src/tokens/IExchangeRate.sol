// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A yield-bearing token's exchange rate to its underlying (Lido's wstETH naming).
interface IExchangeRate {
    /// @notice Units of the underlying (ETH) one token is worth, WAD (1.15e18 = 1.15 ETH).
    function stEthPerToken() external view returns (uint256);
}
