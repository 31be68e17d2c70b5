// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";

import {FeedGuard} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {RiskEngine} from "./RiskEngine.sol";
import {VenueAdmin} from "./VenueAdmin.sol";
import {VenueCore} from "./VenueCore.sol";
import {Book, MarketParams, OptionParams, RiskParams, Snapshot} from "./VenueTypes.sol";

/// @title MarginVenue
/// @notice A small but real margin venue (DESIGN.md §4–§5): collateral in USDC, WETH and wstETH;
/// linear perps on BTC, ETH and SOL priced by Pyth; one cross account per address plus isolated
/// positions with their own USDC margin; margin from one 27-scenario grid per underlying scaled by
/// a live volatility index; skew-based funding and fills; partial and backstop liquidation with an
/// insurance fund; oracle guards that halt a market whose data cannot be trusted.
/// @dev One address, four pieces of code (the whole exceeds EIP-170's 24 KB): this contract holds
/// the trader actions and the access control; `VenueAdmin` (owner functions) and
/// `VenueLiquidations` run by delegatecall behind stubs here that carry `onlyOwner`,
/// `nonReentrant` and `whenNotPaused`; `MarginVenueViews` serves every read function through the
/// fallback. State lives in one ERC-7201 namespace (`VenueStorage`).
///
/// Accounting is WAD: USD values, prices, sizes (base units) and every balance (units of the
/// asset; a USDC balance is 1e18 per USDC). Realized PnL, fees and funding settle into the USDC
/// balance 1:1. The venue is the counterparty of every trade, so traders' net PnL and net funding
/// are paid from and into `liquidityPool`. Token conservation, for USDC in WAD:
///   balanceOf(venue)·1e12 = Σ cross USDC balances + Σ isolated margins + insuranceFund
///                          + protocolFees + liquidityPool
/// and for every other collateral: balanceOf(venue) = Σ balances (scaled to WAD).
contract MarginVenue is VenueCore, Ownable2Step, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The code the venue delegates to, deployed beforehand.
    struct Modules {
        /// `MarginVenueViews`: every read function, through the fallback.
        address views;
        /// `VenueAdmin`: listings, parameters, the venue's funds.
        address admin;
        /// `VenueLiquidations`: liquidate, liquidateAt, liquidateIsolated.
        address liquidations;
        /// `VenueTrading`: perp trades, isolated positions and their margin.
        address trading;
        /// `VenueOptions`: listing, trading, settling option series.
        address options;
        /// `RiskEngine`: the risk model every evaluation calls (a plain call, not a delegatecall).
        address risk;
    }

    address public immutable views;
    address public immutable admin;
    address public immutable liquidations;
    address public immutable options;
    address public immutable trading;

    /// @param settlementToken USDC: collateral id 0, the asset PnL, fees, funding and isolated
    /// margin settle in; `settlementPriceId` its Pyth USDC/USD feed.
    constructor(
        address owner_,
        Modules memory modules,
        IPyth pyth_,
        VolatilityIndex volatilityIndex_,
        IERC20Metadata settlementToken,
        bytes32 settlementPriceId,
        RiskParams memory riskParams_,
        FeedGuard.Params memory guardParams_
    ) Ownable(owner_) {
        views = modules.views;
        admin = modules.admin;
        liquidations = modules.liquidations;
        options = modules.options;
        trading = modules.trading;
        _delegate(
            modules.admin,
            abi.encodeCall(
                VenueAdmin.initialize,
                (
                    pyth_,
                    volatilityIndex_,
                    RiskEngine(modules.risk),
                    settlementToken,
                    settlementPriceId,
                    riskParams_,
                    guardParams_
                )
            )
        );
    }

    /// @notice Serves the read functions of `IMarginVenueViews` from `views`, in this contract's
    /// storage. Those functions are all `view`, so the delegated code cannot write state.
    fallback() external {
        address target = views;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }

    // =================================================================== trader actions

    /// @notice Deposits `amount` (token units) of a collateral into the caller's cross account.
    function deposit(uint256 collateralId, uint256 amount) external nonReentrant whenNotPaused {
        _deposit(collateralId, amount);
    }

    /// @notice The one-click deposit: an EIP-2612 permit signature and the deposit in one transaction.
    /// @dev The permit is attempted, not required: if someone front-ran it with the same signature,
    /// the allowance is already there and the deposit still goes through.
    function depositWithPermit(uint256 collateralId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        whenNotPaused
    {
        IERC20 token = _collateral(collateralId).token;
        try IERC20Permit(address(token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _deposit(collateralId, amount);
    }

    /// @notice Withdraws `amount` (token units) of a collateral from the caller's cross account.
    /// Allowed when the balance holds it and, for an account with positions or debt, every feed it
    /// is exposed to is live and equity after the withdrawal is at least its initial margin.
    function withdraw(uint256 collateralId, uint256 amount) external nonReentrant whenNotPaused {
        Collateral storage col = _collateral(collateralId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b = _loadCross(msg.sender, s);
        int256 wad = _toWad(amount, col.decimals);
        if (b.balances[collateralId] < wad) revert InsufficientBalance(collateralId, b.balances[collateralId], amount);
        bool risky = _hasRisk(b);
        if (risky) _requireLive(b, s);
        b.balances[collateralId] -= wad;
        if (risky) _requireInitialMargin(b, s);
        _storeCross(msg.sender, b);
        emit Withdrawn(msg.sender, collateralId, amount);
        col.token.safeTransfer(msg.sender, amount);
    }

    /// @notice Trades the cross perp of `marketId` by `sizeDelta` (WAD base units, + buys) at the
    /// skew-premium fill price, paying the taker fee; `acceptablePrice` bounds the fill.
    function trade(uint256, int256, uint256, bool) external nonReentrant whenNotPaused {
        _delegate(trading, msg.data);
    }

    /// @notice Opens an isolated position funded with `margin` USDC (token units) from the cross account.
    function openIsolated(uint256, uint256, int256, uint256) external nonReentrant whenNotPaused returns (uint256) {
        return abi.decode(_delegate(trading, msg.data), (uint256));
    }

    /// @notice Trades an isolated position; closing it to zero returns its margin to the cross account.
    function tradeIsolated(uint256, int256, uint256, bool) external nonReentrant whenNotPaused {
        _delegate(trading, msg.data);
    }

    /// @notice Moves `amount` (USDC token units) from the cross account into an isolated position.
    function addIsolatedMargin(uint256, uint256) external nonReentrant whenNotPaused {
        _delegate(trading, msg.data);
    }

    /// @notice Moves `amount` (USDC token units) from an isolated position back to the cross account.
    function removeIsolatedMargin(uint256, uint256) external nonReentrant whenNotPaused {
        _delegate(trading, msg.data);
    }

    // =================================================================== liquidation

    /// @notice Liquidates `account`'s cross book when its equity is below maintenance margin
    /// (DESIGN.md §4.4): partially, just enough to restore equity >= MM·(1 + liqBuffer), or fully
    /// below backstopRatio·MM. The caller earns half the fee, credited to its cross account.
    function liquidate(address) external nonReentrant whenNotPaused {
        _delegate(liquidations, msg.data);
    }

    /// @notice Liquidates `account`'s cross book closing `closing` (WAD: underlyings in liquidation
    /// order, each counting 1) as lib/core `liquidationSize` computes it; the venue checks it is
    /// minimal. The way to liquidate books with options within a block's gas.
    function liquidateAt(address, uint256) external nonReentrant whenNotPaused {
        _delegate(liquidations, msg.data);
    }

    /// @notice Liquidates an isolated position whose equity is below its maintenance margin.
    function liquidateIsolated(uint256) external nonReentrant whenNotPaused {
        _delegate(liquidations, msg.data);
    }

    // =================================================================== options (issue 8)

    /// @notice Buys (+) or sells (−) `size` contracts (WAD) of an option series at the model mark
    /// plus or minus the spread, with a fee; `limitPremium` bounds the premium per contract.
    function tradeOption(uint256, int256, uint256) external nonReentrant whenNotPaused {
        _delegate(options, msg.data);
    }

    /// @notice Lists an option series (option listers only).
    function listSeries(uint256, bool, uint256, uint64) external nonReentrant whenNotPaused returns (uint256) {
        return abi.decode(_delegate(options, msg.data), (uint256));
    }

    /// @notice Fixes an expired series' settlement price from the first Pyth update at or after expiry.
    function settleSeries(uint256, bytes[] calldata) external payable nonReentrant {
        _delegate(options, msg.data);
    }

    /// @notice Pays up to `maxAccounts` holders of a settled series; returns how many remain.
    function payOutSeries(uint256, uint256) external nonReentrant returns (uint256) {
        return abi.decode(_delegate(options, msg.data), (uint256));
    }

    // =================================================================== keepers and funds

    /// @notice Pushes Pyth price updates (forwarding `msg.value` as Pyth's fee) and runs them
    /// through the venue's guards right away, so a jump and its confirmation are both seen.
    function updatePrices(bytes[] calldata updateData) external payable nonReentrant {
        _state().pyth.updatePriceFeeds{value: msg.value}(updateData);
        _sync();
    }

    /// @notice Reads every feed through the guards and accrues funding; anyone may call it.
    function sync() external nonReentrant {
        _sync();
    }

    /// @notice Adds USDC (token units) to the insurance fund.
    function depositInsurance(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Collateral storage usdc = _state().collaterals[USDC];
        uint256 wad = uint256(_toWad(amount, usdc.decimals));
        _state().insuranceFund += wad;
        emit InsuranceFundDeposited(msg.sender, amount);
        emit InsuranceFundChanged(int256(wad), _state().insuranceFund);
        usdc.token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Adds USDC (token units) to the venue's liquidity pool (the traders' counterparty).
    function depositLiquidity(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Collateral storage usdc = _state().collaterals[USDC];
        _state().liquidityPool += _toWad(amount, usdc.decimals);
        emit LiquidityDeposited(msg.sender, amount);
        usdc.token.safeTransferFrom(msg.sender, address(this), amount);
    }

    // =================================================================== owner

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Lists a collateral: its token, Pyth price id, an optional exchange-rate source
    /// (wstETH: priced as the feed's asset × `stEthPerToken()`), and its haircut (WAD).
    function listCollateral(IERC20Metadata, bytes32, address, uint256) external onlyOwner returns (uint256) {
        return abi.decode(_delegate(admin, msg.data), (uint256));
    }

    /// @notice Lists a perp market on a Pyth feed and a volatility-index key.
    function listMarket(string calldata, bytes32, bytes32, MarketParams calldata) external onlyOwner returns (uint256) {
        return abi.decode(_delegate(admin, msg.data), (uint256));
    }

    function setRiskParams(RiskParams calldata) external onlyOwner {
        _delegate(admin, msg.data);
    }

    /// @notice Sets a market's parameters; funding is accrued under the old ones first.
    function setMarketParams(uint256, MarketParams calldata) external onlyOwner {
        _delegate(admin, msg.data);
    }

    function setHaircut(uint256, uint256) external onlyOwner {
        _delegate(admin, msg.data);
    }

    function setOptionsEnabled(uint256, bool) external onlyOwner {
        _delegate(admin, msg.data);
    }

    function setOptionLister(address, bool) external onlyOwner {
        _delegate(admin, msg.data);
    }

    function setOptionParams(OptionParams calldata) external onlyOwner {
        _delegate(admin, msg.data);
    }

    function setOracleGuardParams(FeedGuard.Params calldata) external onlyOwner {
        _delegate(admin, msg.data);
    }

    /// @notice Withdraws USDC (token units) from the venue's liquidity pool.
    function withdrawLiquidity(address, uint256) external onlyOwner nonReentrant {
        _delegate(admin, msg.data);
    }

    /// @notice Withdraws collected taker fees (USDC token units).
    function withdrawFees(address, uint256) external onlyOwner nonReentrant {
        _delegate(admin, msg.data);
    }

    // =================================================================== internals

    function _deposit(uint256 collateralId, uint256 amount) private {
        Collateral storage col = _collateral(collateralId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b = _loadCross(msg.sender, s);
        b.balances[collateralId] += _toWad(amount, col.decimals);
        _storeCross(msg.sender, b);
        emit Deposited(msg.sender, collateralId, amount);
        col.token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _delegate(address target, bytes memory data) private returns (bytes memory result) {
        bool ok;
        (ok, result) = target.delegatecall(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
