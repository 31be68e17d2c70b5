// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OptionMath} from "../../src/options/OptionMath.sol";

/// @notice Exposes OptionMath in batches for the forge tests and the anvil parity suite
/// (contracts/parity/optionMath.parity.test.ts): one eth_call prices a whole chunk of inputs.
contract OptionMathHarness {
    /// One option: WAD spot, strike, vol and yearsToExpiry; signed WAD rate.
    struct Input {
        bool isCall;
        uint256 spot;
        uint256 strike;
        uint256 vol;
        uint256 yearsToExpiry;
        int256 rate;
    }

    struct Greeks {
        int256 delta;
        uint256 gamma;
        uint256 vega;
        int256 theta;
    }

    /// @notice OptionMath.price for every input (prepare + lnWad + valueAt).
    function values(Input[] calldata inputs) external pure returns (uint256[] memory out) {
        out = new uint256[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            Input calldata x = inputs[i];
            out[i] = OptionMath.price(x.isCall, x.spot, x.strike, x.vol, x.yearsToExpiry, x.rate);
        }
    }

    /// @notice OptionMath.greeks for every input.
    function greeksMany(Input[] calldata inputs) external pure returns (Greeks[] memory out) {
        out = new Greeks[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            Input calldata x = inputs[i];
            (int256 delta, uint256 gamma, uint256 vega, int256 theta) =
                OptionMath.greeks(x.isCall, x.spot, x.strike, x.vol, x.yearsToExpiry, x.rate);
            out[i] = Greeks(delta, gamma, vega, theta);
        }
    }

    function lnMany(uint256[] calldata xs) external pure returns (int256[] memory out) {
        out = new int256[](xs.length);
        for (uint256 i; i < xs.length; ++i) {
            out[i] = OptionMath.lnWad(xs[i]);
        }
    }

    function expMany(int256[] calldata xs) external pure returns (uint256[] memory out) {
        out = new uint256[](xs.length);
        for (uint256 i; i < xs.length; ++i) {
            out[i] = OptionMath.expWad(xs[i]);
        }
    }

    function normalCdfMany(int256[] calldata xs) external pure returns (uint256[] memory out) {
        out = new uint256[](xs.length);
        for (uint256 i; i < xs.length; ++i) {
            out[i] = OptionMath.normalCdfWad(xs[i]);
        }
    }

    /// @notice Gas of one call, averaged over the inputs, and the largest seen for valueAt, measured
    /// with gasleft() right around the library call. For valueAt the series' prepare and lnWad(spot)
    /// are outside the measurement (the venue's grid does them once); price and greeks include
    /// everything. `checksum` keeps the optimizer from dropping the results.
    function gasPerValue(Input[] calldata inputs)
        external
        view
        returns (uint256 valueAtMean, uint256 valueAtMax, uint256 priceMean, uint256 greeksMean, uint256 checksum)
    {
        uint256 n = inputs.length;
        for (uint256 i; i < n; ++i) {
            (uint256 valueAtGas, uint256 priceGas, uint256 greeksGas, uint256 sum) = _measure(inputs[i]);
            valueAtMean += valueAtGas;
            if (valueAtGas > valueAtMax) valueAtMax = valueAtGas;
            priceMean += priceGas;
            greeksMean += greeksGas;
            unchecked {
                checksum += sum;
            }
        }
        return (valueAtMean / n, valueAtMax, priceMean / n, greeksMean / n, checksum);
    }

    function _measure(Input calldata x)
        private
        view
        returns (uint256 valueAtGas, uint256 priceGas, uint256 greeksGas, uint256 checksum)
    {
        uint256 value;
        (valueAtGas, value) = _measureValueAt(x);
        checksum = value;
        (priceGas, value) = _measurePrice(x);
        unchecked {
            checksum += value;
            (greeksGas, value) = _measureGreeks(x);
            checksum += value; // wraps for a negative delta: only a sink for the results
        }
    }

    function _measureValueAt(Input calldata x) private view returns (uint256 gasUsed, uint256 value) {
        OptionMath.Series memory series = OptionMath.prepare(x.isCall, x.strike, x.yearsToExpiry, x.rate);
        int256 logSpot = OptionMath.lnWad(x.spot);
        uint256 spot = x.spot;
        uint256 vol = x.vol;
        uint256 before = gasleft();
        value = OptionMath.valueAt(series, spot, logSpot, vol);
        gasUsed = before - gasleft();
    }

    function _measurePrice(Input calldata x) private view returns (uint256 gasUsed, uint256 value) {
        (bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 yearsToExpiry, int256 rate) =
            (x.isCall, x.spot, x.strike, x.vol, x.yearsToExpiry, x.rate);
        uint256 before = gasleft();
        value = OptionMath.price(isCall, spot, strike, vol, yearsToExpiry, rate);
        gasUsed = before - gasleft();
    }

    function _measureGreeks(Input calldata x) private view returns (uint256 gasUsed, uint256 value) {
        (bool isCall, uint256 spot, uint256 strike, uint256 vol, uint256 yearsToExpiry, int256 rate) =
            (x.isCall, x.spot, x.strike, x.vol, x.yearsToExpiry, x.rate);
        uint256 before = gasleft();
        (int256 delta,,,) = OptionMath.greeks(isCall, spot, strike, vol, yearsToExpiry, rate);
        gasUsed = before - gasleft();
        value = uint256(delta);
    }
}
