// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The devnet runs Pyth's own MockPyth (from @pythnetwork/pyth-sdk-solidity): importing it here makes
// `forge build` emit its artifact for devnet/deploy.ts and the ABI generator.
import {MockPyth} from "@pythnetwork/pyth-sdk-solidity/MockPyth.sol";
