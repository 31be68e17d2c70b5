// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";

import {FeedGuard} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {VenueCore} from "./VenueCore.sol";
import {RiskEngine} from "./RiskEngine.sol";
import {MarketParams, OptionParams, RiskParams} from "./VenueTypes.sol";

/// @title VenueAdmin
/// @notice The owner's functions of the venue: listings, parameters (each emitted as an event),
/// and moving the venue's own funds. Executed by delegatecall from `MarginVenue`, whose stubs
/// carry the access control (`onlyOwner`, `nonReentrant`); this code holds none itself and must
/// only ever run that way. Called directly it acts on its own empty storage and holds no tokens.
contract VenueAdmin is VenueCore {
    using SafeERC20 for IERC20;

    uint256 public constant MAX_MARKETS = 8;
    uint256 public constant MAX_COLLATERALS = 8;

    error AlreadyInitialized();

    /// @notice Sets the venue's oracles and parameters and lists the settlement asset (USDC) as
    /// collateral 0. Run once, from the venue's constructor.
    function initialize(
        IPyth pyth_,
        VolatilityIndex volatilityIndex_,
        RiskEngine riskEngine_,
        IERC20Metadata settlementToken,
        bytes32 settlementPriceId,
        RiskParams calldata riskParams_,
        FeedGuard.Params calldata guardParams_
    ) external {
        VenueState storage $ = _state();
        if (address($.pyth) != address(0)) revert AlreadyInitialized();
        $.pyth = pyth_;
        $.volatilityIndex = volatilityIndex_;
        $.riskEngine = riskEngine_;
        $.nextIsolatedId = 1;
        _setRiskParams(riskParams_);
        _setOracleGuardParams(guardParams_);
        _listCollateral(settlementToken, settlementPriceId, address(0), 0);
    }

    /// @notice Lists a collateral: its token, Pyth price id, an optional exchange-rate source
    /// (wstETH: priced as the feed's asset × `stEthPerToken()`), and its haircut (WAD).
    function listCollateral(IERC20Metadata token, bytes32 priceId, address rateProvider, uint256 haircut)
        external
        returns (uint256 collateralId)
    {
        return _listCollateral(token, priceId, rateProvider, haircut);
    }

    /// @notice Lists a perp market on the Pyth feed `priceId` and the volatility-index key.
    function listMarket(string calldata symbol, bytes32 priceId, bytes32 volatilityKey, MarketParams calldata params)
        external
        returns (uint256 marketId)
    {
        if (_state().markets.length >= MAX_MARKETS) revert InvalidParameter("MAX_MARKETS");
        for (uint256 m; m < _state().markets.length; ++m) {
            if (keccak256(bytes(_state().markets[m].symbol)) == keccak256(bytes(symbol))) revert AlreadyListed();
        }
        _validateMarketParams(params);
        marketId = _state().markets.length;
        Market storage mk = _state().markets.push();
        mk.symbol = symbol;
        mk.priceId = priceId;
        mk.volatilityKey = volatilityKey;
        mk.feedIndex = _registerFeed(priceId);
        mk.params = params;
        mk.lastFundingTime = uint64(block.timestamp);
        emit MarketListed(marketId, symbol, priceId, volatilityKey);
        emit MarketParamsUpdated(marketId, params);
    }

    /// @notice Sets the global risk parameters (bounds as lib/core's validateAccount).
    function setRiskParams(RiskParams calldata params) external {
        _setRiskParams(params);
    }

    /// @notice Sets a market's parameters; funding is accrued under the old ones first.
    function setMarketParams(uint256 marketId, MarketParams calldata params) external {
        Market storage mk = _market(marketId);
        _validateMarketParams(params);
        _sync();
        mk.params = params;
        emit MarketParamsUpdated(marketId, params);
    }

    /// @notice Sets a collateral's haircut (WAD, at most 1).
    function setHaircut(uint256 collateralId, uint256 haircut) external {
        Collateral storage col = _collateral(collateralId);
        if (haircut > WAD) revert InvalidParameter("haircut");
        col.haircut = haircut;
        emit HaircutUpdated(collateralId, haircut);
    }

    /// @notice Allows or stops option listings on a market (issue 8: BTC and ETH on the devnet).
    function setOptionsEnabled(uint256 marketId, bool enabled) external {
        _market(marketId);
        _state().optionsEnabled[marketId] = enabled;
        emit OptionsEnabled(marketId, enabled);
    }

    /// @notice Grants or revokes the right to list option series (the keeper's role).
    function setOptionLister(address lister, bool allowed) external {
        _state().optionListers[lister] = allowed;
        emit OptionListerSet(lister, allowed);
    }

    /// @notice Sets the option trading parameters: spread < 1, fee rate < 1, fee cap <= 1 (WAD).
    function setOptionParams(OptionParams calldata params) external {
        if (params.spread >= WAD) revert InvalidParameter("spread");
        if (params.feeRate >= WAD) revert InvalidParameter("feeRate");
        if (params.feeCap > WAD) revert InvalidParameter("feeCap");
        _state().optionParams = params;
        emit OptionParamsUpdated(params);
    }

    /// @notice Sets the oracle guards' thresholds for the Pyth feeds (the volatility index has its own).
    function setOracleGuardParams(FeedGuard.Params calldata params) external {
        _setOracleGuardParams(params);
    }

    /// @notice Pays `amount` (USDC token units) out of the liquidity pool.
    function withdrawLiquidity(address to, uint256 amount) external {
        Collateral storage usdc = _state().collaterals[USDC];
        int256 wad = _toWad(amount, usdc.decimals);
        if (_state().liquidityPool < wad) revert InsufficientLiquidity(_state().liquidityPool, uint256(wad));
        _state().liquidityPool -= wad;
        emit LiquidityWithdrawn(to, amount);
        usdc.token.safeTransfer(to, amount);
    }

    /// @notice Pays `amount` (USDC token units) of collected taker fees.
    function withdrawFees(address to, uint256 amount) external {
        Collateral storage usdc = _state().collaterals[USDC];
        uint256 wad = uint256(_toWad(amount, usdc.decimals));
        if (_state().protocolFees < wad) revert InsufficientFees(_state().protocolFees, wad);
        _state().protocolFees -= wad;
        emit FeesWithdrawn(to, amount);
        usdc.token.safeTransfer(to, amount);
    }

    function _listCollateral(IERC20Metadata token, bytes32 priceId, address rateProvider, uint256 haircut)
        internal
        returns (uint256 collateralId)
    {
        if (_state().collaterals.length >= MAX_COLLATERALS) revert InvalidParameter("MAX_COLLATERALS");
        if (haircut > WAD) revert InvalidParameter("haircut");
        uint8 decimals = token.decimals();
        if (decimals > 18) revert InvalidParameter("decimals");
        for (uint256 c; c < _state().collaterals.length; ++c) {
            if (address(_state().collaterals[c].token) == address(token)) revert AlreadyListed();
        }
        collateralId = _state().collaterals.length;
        _state().collaterals
            .push(
                Collateral({
                token: IERC20(address(token)),
                symbol: token.symbol(),
                decimals: decimals,
                feedIndex: _registerFeed(priceId),
                rateProvider: rateProvider,
                haircut: haircut
            })
            );
        emit CollateralListed(collateralId, address(token), priceId, rateProvider);
        emit HaircutUpdated(collateralId, haircut);
    }

    function _registerFeed(bytes32 priceId) internal returns (uint256) {
        uint256 indexPlusOne = _state().feedIndexPlusOne[priceId];
        if (indexPlusOne != 0) return indexPlusOne - 1;
        _state().feedIds.push(priceId);
        _state().feedIndexPlusOne[priceId] = _state().feedIds.length;
        return _state().feedIds.length - 1;
    }

    function _setRiskParams(RiskParams memory p) internal {
        // The same bounds as lib/core validateAccount, so the engine accepts whatever the venue runs.
        if (p.imMultiplier < WAD) revert InvalidParameter("imMultiplier");
        if (p.volDown >= WAD) revert InvalidParameter("volDown");
        if (p.imVolShockMultiplier < WAD) revert InvalidParameter("imVolShockMultiplier");
        if (p.maxImVolDown >= WAD) revert InvalidParameter("maxImVolDown");
        if (p.backstopRatio > WAD) revert InvalidParameter("backstopRatio");
        if (p.liqFee >= WAD) revert InvalidParameter("liqFee");
        if (p.riskFreeRate < -IWAD || p.riskFreeRate > IWAD) revert InvalidParameter("riskFreeRate");
        if (p.z > 1_000 * WAD || p.horizonSeconds > 366 days) revert InvalidParameter("range");
        _state().params = p;
        emit RiskParamsUpdated(p);
    }

    function _setOracleGuardParams(FeedGuard.Params memory p) internal {
        if (!FeedGuard.valid(p)) revert InvalidParameter("oracleGuard");
        _state().guard = p;
        emit OracleGuardParamsUpdated(p);
    }

    function _validateMarketParams(MarketParams memory p) internal pure {
        if (p.skewScale == 0) revert InvalidParameter("skewScale");
        if (p.takerFee >= WAD) revert InvalidParameter("takerFee");
        if (p.mmFloor > WAD) revert InvalidParameter("mmFloor");
    }
}
