// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";

import {FeedGuard} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {RiskMath} from "./RiskMath.sol";
import {VenueAdmin} from "./VenueAdmin.sol";
import {VenueCore} from "./VenueCore.sol";
import {Book, MarketParams, Position, RiskParams, Snapshot} from "./VenueTypes.sol";

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

    uint256 public constant MAX_ISOLATED_POSITIONS = 16;

    /// @notice The code the venue delegates to, deployed beforehand.
    struct Modules {
        /// `MarginVenueViews`: every read function, through the fallback.
        address views;
        /// `VenueAdmin`: listings, parameters, the venue's funds.
        address admin;
        /// `VenueLiquidations`: liquidate, liquidateIsolated.
        address liquidations;
    }

    struct Order {
        uint256 marketId;
        int256 sizeDelta;
        uint256 acceptablePrice;
        bool reduceOnly;
    }

    address public immutable views;
    address public immutable admin;
    address public immutable liquidations;

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
        _delegate(
            modules.admin,
            abi.encodeCall(
                VenueAdmin.initialize,
                (pyth_, volatilityIndex_, settlementToken, settlementPriceId, riskParams_, guardParams_)
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
    /// skew-premium fill price, paying the taker fee. Reverts if the fill is worse than
    /// `acceptablePrice`. A trade that opens, grows or flips a position needs every feed the account
    /// is exposed to live and equity >= IM afterwards; a pure reduction always goes through.
    function trade(uint256 marketId, int256 sizeDelta, uint256 acceptablePrice, bool reduceOnly)
        external
        nonReentrant
        whenNotPaused
    {
        _market(marketId);
        Snapshot memory s = _sync();
        Book memory b = _loadCross(msg.sender, s);
        bool increases = _fill(msg.sender, 0, b, s, Order(marketId, sizeDelta, acceptablePrice, reduceOnly));
        if (increases) {
            _requireLive(b, s);
            _requireInitialMargin(b, s);
        }
        _storeCross(msg.sender, b);
    }

    /// @notice Opens an isolated position: moves `margin` (USDC token units) from the cross account
    /// into a new position of `marketId` and trades it by `sizeDelta`.
    function openIsolated(uint256 marketId, uint256 margin, int256 sizeDelta, uint256 acceptablePrice)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 isolatedId)
    {
        _market(marketId);
        if (margin == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b;
        (isolatedId, b) = _newIsolated(marketId, margin, s);
        _fill(msg.sender, isolatedId, b, s, Order(marketId, sizeDelta, acceptablePrice, false));
        _requireLive(b, s);
        _requireInitialMargin(b, s);
        _storeIsolated(isolatedId, b);
    }

    /// @notice Trades an isolated position; closing it to zero returns its margin to the cross account.
    function tradeIsolated(uint256 isolatedId, int256 sizeDelta, uint256 acceptablePrice, bool reduceOnly)
        external
        nonReentrant
        whenNotPaused
    {
        Isolated storage iso = _ownedIsolated(isolatedId);
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        bool increases =
            _fill(msg.sender, isolatedId, b, s, Order(iso.marketId, sizeDelta, acceptablePrice, reduceOnly));
        if (increases) {
            _requireLive(b, s);
            _requireInitialMargin(b, s);
        }
        if (b.positions[iso.marketId].size == 0) _closeIsolated(isolatedId, b, s);
        else _storeIsolated(isolatedId, b);
    }

    /// @notice Moves `amount` (USDC token units) from the cross account into an isolated position.
    function addIsolatedMargin(uint256 isolatedId, uint256 amount) external nonReentrant whenNotPaused {
        _ownedIsolated(isolatedId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory cross = _loadCross(msg.sender, s);
        int256 wad = _toWad(amount, _state().collaterals[USDC].decimals);
        _takeFromCross(cross, s, wad, amount);
        Book memory b = _loadIsolated(isolatedId, s);
        b.balances[USDC] += wad;
        _storeCross(msg.sender, cross);
        _storeIsolated(isolatedId, b);
        emit IsolatedMarginMoved(msg.sender, isolatedId, wad);
    }

    /// @notice Moves `amount` (USDC token units) from an isolated position back to the cross
    /// account; the position must stay at or above its initial margin, on live data.
    function removeIsolatedMargin(uint256 isolatedId, uint256 amount) external nonReentrant whenNotPaused {
        _ownedIsolated(isolatedId);
        if (amount == 0) revert ZeroAmount();
        Snapshot memory s = _sync();
        Book memory b = _loadIsolated(isolatedId, s);
        int256 wad = _toWad(amount, _state().collaterals[USDC].decimals);
        if (b.balances[USDC] < wad) revert InsufficientBalance(USDC, b.balances[USDC], amount);
        _requireLive(b, s);
        b.balances[USDC] -= wad;
        _requireInitialMargin(b, s);
        _storeIsolated(isolatedId, b);
        _state().balances[msg.sender][USDC] += wad;
        emit IsolatedMarginMoved(msg.sender, isolatedId, -wad);
    }

    // =================================================================== liquidation

    /// @notice Liquidates `account`'s cross book when its equity is below maintenance margin
    /// (DESIGN.md §4.4): partially, just enough to restore equity >= MM·(1 + liqBuffer), or fully
    /// below backstopRatio·MM. The caller earns half the fee, credited to its cross account.
    function liquidate(address) external nonReentrant whenNotPaused {
        _delegate(liquidations, msg.data);
    }

    /// @notice Liquidates an isolated position whose equity is below its maintenance margin.
    function liquidateIsolated(uint256) external nonReentrant whenNotPaused {
        _delegate(liquidations, msg.data);
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

    /// @dev Registers a new isolated position of the caller funded with `margin` (USDC token
    /// units) taken from its cross account, which must allow it like a withdrawal.
    function _newIsolated(uint256 marketId, uint256 margin, Snapshot memory s)
        private
        returns (uint256 isolatedId, Book memory b)
    {
        uint256[] storage ids = _state().isolatedIds[msg.sender];
        if (ids.length >= MAX_ISOLATED_POSITIONS) revert TooManyIsolatedPositions(MAX_ISOLATED_POSITIONS);
        Book memory cross = _loadCross(msg.sender, s);
        int256 wad = _toWad(margin, _state().collaterals[USDC].decimals);
        _takeFromCross(cross, s, wad, margin);
        _storeCross(msg.sender, cross);

        isolatedId = _state().nextIsolatedId++;
        ids.push(isolatedId);
        Isolated storage iso = _state().isolated[isolatedId];
        iso.owner = msg.sender;
        iso.marketId = marketId;
        b = _emptyBook();
        b.balances[USDC] = wad;
        emit IsolatedPositionOpened(msg.sender, isolatedId, marketId);
        emit IsolatedMarginMoved(msg.sender, isolatedId, wad);
    }

    /// @dev A move of USDC out of the cross account (into isolated margin): a withdrawal by the rules.
    function _takeFromCross(Book memory cross, Snapshot memory s, int256 wad, uint256 amount) private pure {
        if (cross.balances[USDC] < wad) revert InsufficientBalance(USDC, cross.balances[USDC], amount);
        bool risky = _hasRisk(cross);
        if (risky) _requireLive(cross, s);
        cross.balances[USDC] -= wad;
        if (risky) _requireInitialMargin(cross, s);
    }

    /// @dev Fills an order against the book at the skew-premium price; realized PnL and the fee
    /// settle into the book's USDC. Returns whether the trade increases risk (opens, grows or flips).
    function _fill(address account, uint256 isolatedId, Book memory b, Snapshot memory s, Order memory o)
        private
        returns (bool increases)
    {
        if (o.sizeDelta == 0) revert ZeroSize();
        Market storage mk = _state().markets[o.marketId];
        Position memory p = b.positions[o.marketId];
        int256 oldSize = p.size;
        int256 newSize = oldSize + o.sizeDelta;
        increases = !(oldSize != 0 && (newSize == 0 || (newSize > 0) == (oldSize > 0)) && _abs(newSize) < _abs(oldSize));
        if (o.reduceOnly && increases) revert ReduceOnlyWouldIncrease(oldSize, o.sizeDelta);

        uint256 fill = RiskMath.fillPrice(
            s.markets[o.marketId].price,
            int256(mk.longOpenInterest) - int256(mk.shortOpenInterest),
            o.sizeDelta,
            mk.params.skewScale
        );
        if (fill == 0) revert FillPriceNotPositive();
        if (o.sizeDelta > 0 ? fill > o.acceptablePrice : fill < o.acceptablePrice) {
            revert SlippageExceeded(fill, o.acceptablePrice);
        }
        uint256 fee = _takerFee(o.sizeDelta, fill, mk.params.takerFee);
        int256 realized = _applyFill(p, o.sizeDelta, fill);
        p.lastFundingIndex = p.size == 0 ? int256(0) : s.markets[o.marketId].fundingIndex;

        b.balances[USDC] += realized - int256(fee);
        _state().liquidityPool -= realized;
        _state().protocolFees += fee;
        _updateOpenInterest(mk, oldSize, p.size);
        emit Traded(account, isolatedId, o.marketId, o.sizeDelta, fill, fee, realized, p.size, p.entryPrice);
    }

    /// @dev Average-entry accounting: growing a position averages the entry; reducing realizes
    /// (fill − entry) on the closed part; flipping closes all and opens the rest at the fill.
    function _applyFill(Position memory p, int256 sizeDelta, uint256 fill) private pure returns (int256 realized) {
        int256 oldSize = p.size;
        int256 newSize = oldSize + sizeDelta;
        if (oldSize == 0 || (oldSize > 0) == (sizeDelta > 0)) {
            p.entryPrice = (_abs(oldSize) * p.entryPrice + _abs(sizeDelta) * fill) / _abs(newSize);
        } else {
            uint256 closing = Math.min(_abs(sizeDelta), _abs(oldSize));
            int256 closedSigned = oldSize > 0 ? int256(closing) : -int256(closing);
            realized = closedSigned * (int256(fill) - int256(p.entryPrice)) / IWAD;
            if (newSize == 0) p.entryPrice = 0;
            else if ((newSize > 0) != (oldSize > 0)) p.entryPrice = fill;
        }
        p.size = newSize;
    }

    function _ownedIsolated(uint256 isolatedId) private view returns (Isolated storage iso) {
        iso = _existingIsolated(isolatedId);
        if (iso.owner != msg.sender) revert NotPositionOwner(isolatedId, iso.owner);
    }

    function _takerFee(int256 sizeDelta, uint256 fill, uint256 takerFee) private pure returns (uint256) {
        return _abs(sizeDelta) * fill / WAD * takerFee / WAD;
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
