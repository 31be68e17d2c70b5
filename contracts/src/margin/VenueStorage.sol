// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPyth} from "@pythnetwork/pyth-sdk-solidity/IPyth.sol";
import {PythErrors} from "@pythnetwork/pyth-sdk-solidity/PythErrors.sol";
import {PythStructs} from "@pythnetwork/pyth-sdk-solidity/PythStructs.sol";

import {FeedGuard, FeedStatus, UpdateVerdict} from "../oracle/FeedGuard.sol";
import {VolatilityIndex} from "../oracle/VolatilityIndex.sol";
import {IExchangeRate} from "../tokens/IExchangeRate.sol";
import {IMarginVenue} from "./IMarginVenue.sol";
import {RiskEngine} from "./RiskEngine.sol";
import {RiskMath} from "./RiskMath.sol";
import {
    Book,
    CollateralSnapshot,
    HaltReason,
    Health,
    MarketParams,
    MarketSnapshot,
    OptionHolding,
    OptionParams,
    Position,
    RiskParams,
    Snapshot
} from "./VenueTypes.sol";

/// @title VenueStorage
/// @notice The venue's state and the read path every part of it shares: feeds through the oracle
/// guards, the market snapshot, books as stored. The venue is several pieces of code at one
/// address — `MarginVenue` and the modules it delegatecalls (`VenueAdmin`, `VenueLiquidations`,
/// `MarginVenueViews`) — because together they exceed the 24 KB code-size limit (EIP-170). The
/// state therefore lives in one ERC-7201 namespace, independent of any contract's layout.
abstract contract VenueStorage is IMarginVenue {
    uint256 internal constant WAD = 1e18;
    int256 internal constant IWAD = 1e18;
    uint256 internal constant USDC = RiskMath.SETTLEMENT;

    struct Market {
        string symbol;
        bytes32 priceId;
        bytes32 volatilityKey;
        uint256 feedIndex;
        MarketParams params;
        uint256 longOpenInterest;
        uint256 shortOpenInterest;
        int256 fundingRate;
        int256 fundingIndex;
        uint64 lastFundingTime;
    }

    struct Collateral {
        IERC20 token;
        string symbol;
        uint8 decimals;
        uint256 feedIndex;
        address rateProvider;
        uint256 haircut;
    }

    struct Isolated {
        address owner;
        uint256 marketId;
        int256 margin;
        Position position;
    }

    /// @notice A listed option series (issue 8): European, cash-settled in USDC, 1 contract = 1 unit.
    struct OptionSeries {
        uint256 marketId;
        bool isCall;
        uint64 expiry;
        /// WAD USD per unit.
        uint256 strike;
        /// Fixed by `settleSeries`: the first oracle price published at or after expiry.
        bool settled;
        uint64 settlementPublishTime;
        uint256 settlementPrice;
        /// Open contracts, WAD: long and short (the venue holds the other side).
        uint256 longOpenInterest;
        uint256 shortOpenInterest;
        /// Next index into the series' holders that `payOutSeries` pays.
        uint256 payoutCursor;
    }

    struct OptionPosition {
        /// Signed contracts, WAD.
        int256 size;
        /// Average premium per contract at entry, WAD USD.
        uint256 entryPremium;
    }

    /// @custom:storage-location erc7201:marginflow.venue
    struct VenueState {
        IPyth pyth;
        VolatilityIndex volatilityIndex;
        RiskParams params;
        FeedGuard.Params guard;
        Market[] markets;
        Collateral[] collaterals;
        bytes32[] feedIds;
        mapping(bytes32 priceId => uint256) feedIndexPlusOne;
        mapping(bytes32 priceId => FeedGuard.State) feeds;
        mapping(bytes32 priceId => FeedStatus) lastStatus;
        mapping(address account => mapping(uint256 collateralId => int256)) balances;
        mapping(address account => mapping(uint256 marketId => Position)) cross;
        mapping(uint256 isolatedId => Isolated) isolated;
        mapping(address account => uint256[]) isolatedIds;
        uint256 nextIsolatedId;
        /// USDC (WAD) that covers shortfalls of liquidated accounts before anything is bad debt.
        uint256 insuranceFund;
        /// Taker fees collected, USDC WAD.
        uint256 protocolFees;
        /// The venue's own USDC (WAD), counterparty to traders' net PnL and funding.
        int256 liquidityPool;
        /// Shortfalls the insurance fund could not cover, USDC WAD, cumulative.
        uint256 totalBadDebt;
        /// The risk model's code (`RiskEngine`), called for every evaluation.
        RiskEngine riskEngine;
        // ---- options (issue 8)
        OptionParams optionParams;
        OptionSeries[] optionSeries;
        mapping(bytes32 terms => uint256) seriesIdPlusOne;
        mapping(uint256 marketId => bool) optionsEnabled;
        mapping(address lister => bool) optionListers;
        /// Series an account holds a position in (open, or settled and not yet paid out).
        mapping(address account => uint256[]) optionSeriesOf;
        mapping(address account => mapping(uint256 seriesId => OptionPosition)) optionPositions;
        /// Every account that ever held the series, for paying out its settlement.
        mapping(uint256 seriesId => address[]) seriesHolders;
        mapping(address account => mapping(uint256 seriesId => bool)) isSeriesHolder;
    }

    /// @dev A feed as read at the start of an action: its guard state after the latest Pyth update.
    struct FeedReading {
        FeedGuard.State state;
        FeedStatus status;
        bool changed;
    }

    // keccak256(abi.encode(uint256(keccak256("marginflow.venue")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant VENUE_STATE_SLOT = 0x428860168ac9c1a22a8c856acf1000d709826f0b833d991a3eef1aa292dd9d00;

    function _state() internal pure returns (VenueState storage $) {
        assembly {
            $.slot := VENUE_STATE_SLOT
        }
    }

    // ----------------------------------------------------------------- feeds and snapshot

    function _viewSnapshot() internal view returns (Snapshot memory) {
        return _snapshot(_readFeeds());
    }

    /// @dev The latest Pyth update of each feed, judged against the stored guard state.
    function _readFeeds() internal view returns (FeedReading[] memory readings) {
        VenueState storage $ = _state();
        uint256 n = $.feedIds.length;
        readings = new FeedReading[](n);
        FeedGuard.Params memory guard = $.guard;
        for (uint256 i; i < n; ++i) {
            bytes32 id = $.feedIds[i];
            FeedReading memory r = readings[i];
            r.state = $.feeds[id];
            (bool found, PythStructs.Price memory price) = _latestPythPrice($.pyth, id, guard.maxAge);
            if (found) {
                (bool wellFormed, uint256 value, uint256 conf) = _pythToWad(price);
                if (wellFormed) {
                    (UpdateVerdict verdict,) =
                        FeedGuard.guardUpdate(r.state, value, conf, price.publishTime, block.timestamp, guard);
                    r.changed = verdict != UpdateVerdict.Rejected;
                }
            }
            r.status = FeedGuard.status(r.state, block.timestamp, guard);
        }
    }

    /// @dev Reads Pyth as production code would: `getPriceNoOlderThan`. When that reverts with
    /// Pyth's `StalePrice`, the latest update is still read (`getPriceUnsafe`) for the guard to
    /// judge — and call stale; a feed never published is "not found". Any other failure, out of
    /// gas included, reverts the whole action: a caller must not be able to starve the oracle
    /// read of gas and have the venue act on its stored price instead of the latest one.
    function _latestPythPrice(IPyth pyth, bytes32 id, uint256 maxAge)
        private
        view
        returns (bool, PythStructs.Price memory)
    {
        try pyth.getPriceNoOlderThan(id, maxAge) returns (PythStructs.Price memory fresh) {
            return (true, fresh);
        } catch (bytes memory reason) {
            bytes4 selector = reason.length >= 4 ? bytes4(reason) : bytes4(0);
            if (selector == PythErrors.StalePrice.selector) return (true, pyth.getPriceUnsafe(id));
            if (selector == PythErrors.PriceFeedNotFound.selector) {
                PythStructs.Price memory none;
                return (false, none);
            }
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    /// @dev Pyth fixed point (price·10^expo) to WAD. Exponents outside [−18, 0] are malformed; a
    /// non-positive price converts to 0, which the guard rejects as non-positive.
    function _pythToWad(PythStructs.Price memory p)
        internal
        pure
        returns (bool wellFormed, uint256 value, uint256 conf)
    {
        if (p.expo > 0 || p.expo < -18) return (false, 0, 0);
        uint256 scale = 10 ** uint256(int256(18 + p.expo));
        value = p.price > 0 ? uint256(uint64(p.price)) * scale : 0;
        conf = uint256(p.conf) * scale;
        wellFormed = true;
    }

    /// @dev Markets (trusted price, vol, funding accrued to now) and collaterals at this block.
    function _snapshot(FeedReading[] memory feeds) internal view returns (Snapshot memory s) {
        VenueState storage $ = _state();
        uint256 nm = $.markets.length;
        s.markets = new MarketSnapshot[](nm);
        for (uint256 m; m < nm; ++m) {
            Market storage mk = $.markets[m];
            FeedReading memory f = feeds[mk.feedIndex];
            MarketSnapshot memory ms = s.markets[m];
            ms.price = f.state.accepted.value;
            ms.conf = f.state.accepted.conf;
            ms.publishTime = f.state.accepted.publishTime;
            ms.priceStatus = f.status;
            (ms.vol, ms.volConf, ms.volTime, ms.volStatus) = $.volatilityIndex.latest(mk.volatilityKey);
            ms.params = mk.params;
            // A view may run at a time before the last accrual: anvil's eth_call briefly pairs a
            // new block's state with the previous block's timestamp. The stored index already
            // covers up to lastFundingTime, so nothing more accrues (in a transaction the block
            // time is never behind it, and this is the plain difference).
            (ms.fundingRate, ms.fundingIndex) = RiskMath.accrueFunding(
                mk.fundingRate,
                mk.fundingIndex,
                block.timestamp > mk.lastFundingTime ? block.timestamp - mk.lastFundingTime : 0,
                int256(mk.longOpenInterest) - int256(mk.shortOpenInterest),
                ms.price,
                mk.params
            );
        }
        uint256 nc = $.collaterals.length;
        s.collaterals = new CollateralSnapshot[](nc);
        for (uint256 c; c < nc; ++c) {
            Collateral storage col = $.collaterals[c];
            FeedReading memory f = feeds[col.feedIndex];
            uint256 rate = _exchangeRate(col);
            s.collaterals[c] = CollateralSnapshot({
                price: uint256(f.state.accepted.value) * rate / WAD,
                conf: uint256(f.state.accepted.conf) * rate / WAD,
                haircut: col.haircut,
                status: f.status
            });
        }
        s.timestamp = block.timestamp;
        s.params = $.params;
        s.sqrtHorizon = RiskMath.sqrtHorizon($.params.horizonSeconds);
    }

    /// @dev Units of the priced asset per token, WAD (wstETH: ETH per wstETH).
    function _exchangeRate(Collateral storage col) internal view returns (uint256) {
        return col.rateProvider == address(0) ? WAD : IExchangeRate(col.rateProvider).stEthPerToken();
    }

    // ----------------------------------------------------------------- books

    /// @dev The cross book as stored (funding since each position's last index not settled).
    function _readCross(address account) internal view returns (Book memory b) {
        VenueState storage $ = _state();
        b = _emptyBook();
        for (uint256 c; c < b.balances.length; ++c) {
            b.balances[c] = $.balances[account][c];
        }
        for (uint256 m; m < b.positions.length; ++m) {
            b.positions[m] = $.cross[account][m];
        }
        uint256[] storage ids = $.optionSeriesOf[account];
        uint256 open;
        for (uint256 i; i < ids.length; ++i) {
            if (!$.optionSeries[ids[i]].settled) ++open;
        }
        b.options = new OptionHolding[](open);
        uint256 k;
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            OptionSeries storage se = $.optionSeries[id];
            OptionPosition storage p = $.optionPositions[account][id];
            // A settled series is cash owed either way: counted as paid (VenueCore pays it on the next action).
            if (se.settled) {
                b.balances[USDC] += _settlementAmount(se, p.size);
            } else {
                b.options[k++] = OptionHolding(id, se.marketId, se.isCall, se.strike, se.expiry, p.size, p.entryPremium);
            }
        }
    }

    /// @dev What a settled position is paid (negative: charged), WAD USDC: size × payoff at the
    /// settlement price, payoff max(0, P − K) for a call, max(0, K − P) for a put.
    function _settlementAmount(OptionSeries storage se, int256 size) internal view returns (int256) {
        uint256 price = se.settlementPrice;
        uint256 strike = se.strike;
        uint256 payoff = se.isCall ? (price > strike ? price - strike : 0) : (strike > price ? strike - price : 0);
        return size * int256(payoff) / IWAD;
    }

    /// @dev The risk model, evaluated by the `RiskEngine` contract.
    function _evaluate(Book memory b, Snapshot memory s, bool withInitial) internal view returns (Health memory) {
        return _state().riskEngine.evaluate(b, s, withInitial);
    }

    /// @dev An isolated position as a book: its margin as the USDC balance, its one position.
    function _readIsolated(uint256 isolatedId) internal view returns (Book memory b) {
        Isolated storage iso = _state().isolated[isolatedId];
        b = _emptyBook();
        b.balances[USDC] = iso.margin;
        b.positions[iso.marketId] = iso.position;
    }

    function _emptyBook() internal view returns (Book memory b) {
        VenueState storage $ = _state();
        b.balances = new int256[]($.collaterals.length);
        b.positions = new Position[]($.markets.length);
    }

    // ----------------------------------------------------------------- guards

    /// @dev Whether every market the book holds and every collateral it has a balance in is live.
    function _isLive(Book memory b, Snapshot memory s) internal pure returns (bool) {
        for (uint256 m; m < b.positions.length; ++m) {
            if (RiskMath.holdsUnderlying(b, m) && _haltReason(s.markets[m]) != HaltReason.None) return false;
        }
        for (uint256 c; c < b.balances.length; ++c) {
            if (b.balances[c] != 0 && s.collaterals[c].status != FeedStatus.Live) return false;
        }
        return true;
    }

    /// @dev Why a market is halted: its price feed first, then its volatility feed.
    function _haltReason(MarketSnapshot memory m) internal pure returns (HaltReason) {
        if (m.priceStatus != FeedStatus.Live) return _priceHalt(m.priceStatus);
        if (m.volStatus == FeedStatus.Stale) return HaltReason.StaleVolatility;
        if (m.volStatus == FeedStatus.Uncertain) return HaltReason.UncertainVolatility;
        if (m.volStatus == FeedStatus.Jumped) return HaltReason.VolatilityJumped;
        return HaltReason.None;
    }

    function _priceHalt(FeedStatus status) internal pure returns (HaltReason) {
        if (status == FeedStatus.Stale) return HaltReason.StalePrice;
        if (status == FeedStatus.Uncertain) return HaltReason.UncertainPrice;
        if (status == FeedStatus.Jumped) return HaltReason.PriceJumped;
        return HaltReason.None;
    }

    // ----------------------------------------------------------------- lookups

    function _market(uint256 marketId) internal view returns (Market storage) {
        VenueState storage $ = _state();
        if (marketId >= $.markets.length) revert UnknownMarket(marketId);
        return $.markets[marketId];
    }

    function _collateral(uint256 collateralId) internal view returns (Collateral storage) {
        VenueState storage $ = _state();
        if (collateralId >= $.collaterals.length) revert UnknownCollateral(collateralId);
        return $.collaterals[collateralId];
    }

    /// @dev An option trade of `size` contracts now (WAD USD): the model mark (Black-Scholes at the
    /// oracle price and volatility index; intrinsic once expired), the premium per contract —
    /// mark·(1 + spread) to buy, mark·(1 − spread) to sell — and the fee, |size|·min(feeRate·S, feeCap·mark).
    function _quoteOption(OptionSeries storage se, int256 size, Snapshot memory s)
        internal
        view
        returns (uint256 mark, uint256 premium, uint256 fee)
    {
        MarketSnapshot memory m = s.markets[se.marketId];
        OptionParams memory op = _state().optionParams;
        uint256 time = RiskMath.yearsToExpiry(se.expiry, s.timestamp);
        mark = _state().riskEngine.optionPrice(se.isCall, m.price, se.strike, m.vol, time, s.params.riskFreeRate);
        premium = size > 0 ? mark * (WAD + op.spread) / WAD : mark * (WAD - op.spread) / WAD;
        uint256 contracts = uint256(size >= 0 ? size : -size);
        fee = contracts * Math.min(op.feeRate * m.price / WAD, op.feeCap * mark / WAD) / WAD;
    }

    function _series(uint256 seriesId) internal view returns (OptionSeries storage) {
        VenueState storage $ = _state();
        if (seriesId >= $.optionSeries.length) revert UnknownSeries(seriesId);
        return $.optionSeries[seriesId];
    }

    function _existingIsolated(uint256 isolatedId) internal view returns (Isolated storage iso) {
        iso = _state().isolated[isolatedId];
        if (iso.owner == address(0)) revert UnknownIsolatedPosition(isolatedId);
    }
}
