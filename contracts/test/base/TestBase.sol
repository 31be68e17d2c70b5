// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

/// @notice A minimal base for forge tests: the cheatcode handle, `bound` for fuzz inputs, and the
/// hooks forge's invariant runner reads (`targetContracts`, `targetSelectors`).
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev forge reads these to pick invariant-test targets (same shape as forge-std's StdInvariant).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function targetSelector(address target, bytes4[] memory selectors) internal {
        _targetedSelectors.push(FuzzSelector(target, selectors));
    }

    /// @notice Maps any fuzzed `x` into [min, max] (inclusive), keeping small inputs where they are
    /// so the fuzzer's edge values (0, 1, max) still land on the range's edges.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + x % (size + 1);
    }

    function bound(int256 x, int256 min, int256 max) internal pure returns (int256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = uint256(max - min);
        uint256 offset = uint256(x >= 0 ? x : -(x + 1)) % (size + 1);
        return min + int256(offset);
    }

    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(account, name);
    }

    /// @notice The ABI-encoded arguments of a custom error's revert data (drops the selector).
    function errorArguments(bytes memory revertData) internal pure returns (bytes memory args) {
        args = new bytes(revertData.length - 4);
        for (uint256 i; i < args.length; ++i) {
            args[i] = revertData[i + 4];
        }
    }

    function abs(int256 x) internal pure returns (uint256) {
        return uint256(x >= 0 ? x : -x);
    }
}
