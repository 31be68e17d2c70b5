// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMarginVenue} from "../src/margin/IMarginVenue.sol";
import {VenueFixture} from "./base/VenueFixture.sol";

/// @notice Options on the venue (issue 8): listing by option listers, trading at the model mark
/// plus spread and fee with a premium limit, margin on the 27-scenario grid netted with the perp of
/// the same underlying, settlement at the first oracle price at or after expiry, payout to holders
/// and writers, and liquidation of option books.
contract OptionsTest is VenueFixture {
    address trader = makeAddr("trader");
    address writer = makeAddr("writer");
    address keeper = makeAddr("keeper");
    address stranger = makeAddr("stranger");

    /// PythErrors.PriceFeedNotFoundWithinRange()
    bytes4 constant PRICE_FEED_NOT_FOUND_WITHIN_RANGE = bytes4(keccak256("PriceFeedNotFoundWithinRange()"));
    uint64 expiry;
    uint256 btcCall; // 62,000 call, 1 day
    uint256 btcPut; // 58,000 put, 1 day
    uint256 ethCall; // 3,000 call, 1 day

    function setUp() public {
        setUpVenue();
        setPrice(USDC_USD, 1e8, 0);
        advance(1);
        expiry = uint64(block.timestamp + 1 days);
        btcCall = venue.listSeries(BTC, true, 62_000e18, expiry);
        btcPut = venue.listSeries(BTC, false, 58_000e18, expiry);
        ethCall = venue.listSeries(ETH, true, 3_000e18, expiry);
    }

    // ------------------------------------------------------------------ listing

    function test_onlyListersListAndOnlyOnOptionMarkets() external {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.NotOptionLister.selector, stranger));
        venue.listSeries(BTC, true, 70_000e18, expiry);

        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.OptionsNotEnabled.selector, SOL));
        venue.listSeries(SOL, true, 150e18, expiry);
        vm.expectRevert(IMarginVenue.AlreadyListed.selector);
        venue.listSeries(BTC, true, 62_000e18, expiry);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidSeries.selector, "expiry"));
        venue.listSeries(BTC, true, 62_000e18, uint64(block.timestamp));
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.InvalidSeries.selector, "strike"));
        venue.listSeries(BTC, true, 0, expiry);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", stranger));
        venue.setOptionLister(stranger, true);
        venue.setOptionLister(keeper, true);
        vm.prank(keeper);
        uint256 id = venue.listSeries(ETH, false, 2_800e18, expiry);
        vm.assertEq(id, 3, "ids count up");
        vm.assertEq(views.seriesCount(), 4, "four series");
        IMarginVenue.SeriesView memory s = views.getOptionSeries(3, 10)[0];
        vm.assertEq(s.marketId, ETH, "market");
        vm.assertFalse(s.isCall, "a put");
        vm.assertEq(s.strike, 2_800e18, "strike");
        vm.assertEq(s.expiry, expiry, "expiry");
    }

    // ------------------------------------------------------------------ trading

    /// A buy fills at mark·(1 + spread) with fee min(feeRate·S, feeCap·mark) per contract; the
    /// trader's USDC falls by exactly premium·n + fee and the pool and fees receive them.
    function test_buyPaysPremiumAndFee() external {
        fund(trader, 50_000e6);
        int256 size = 2e18;
        (uint256 mark, uint256 premium, uint256 fee) = views.quoteOption(btcCall, size);
        vm.assertGt(mark, 0, "an OTM call with a day left is worth something");
        vm.assertEq(premium, mark * 101 / 100, "ask = mark + 1 %");
        uint256 perContract = min(priceWad(BTC_USD) * 3 / 10_000, mark / 8);
        vm.assertEq(fee, 2 * perContract, "fee per contract, two contracts");

        int256 poolBefore = views.liquidityPool();
        uint256 feesBefore = views.protocolFees();
        vm.prank(trader);
        venue.tradeOption(btcCall, size, premium);
        vm.assertEq(balanceOf(trader, USDC), 50_000e18 - int256(2 * premium + fee), "USDC paid");
        vm.assertEq(views.liquidityPool() - poolBefore, int256(2 * premium), "premium to the pool");
        vm.assertEq(views.protocolFees() - feesBefore, fee, "fee collected");

        IMarginVenue.OptionPositionView memory p = views.getAccount(trader).options[0];
        vm.assertEq(p.seriesId, btcCall, "series");
        vm.assertEq(p.size, size, "size");
        vm.assertEq(p.entryPremium, premium, "entry premium");
        vm.assertEq(views.getOptionSeries(btcCall, 1)[0].longOpenInterest, 2e18, "open interest");
        // equity counts the option at its mark: cash paid minus the value held
        IMarginVenue.AccountHealth memory h = health(trader);
        vm.assertEq(h.cross.optionValue, int256(2 * mark), "option value at mark");
    }

    function test_premiumLimitBoundsTheFill() external {
        fund(trader, 50_000e6);
        (, uint256 ask,) = views.quoteOption(btcCall, 1e18);
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.PremiumLimitExceeded.selector, ask, ask - 1));
        venue.tradeOption(btcCall, 1e18, ask - 1);
        (, uint256 bid,) = views.quoteOption(btcCall, -1e18);
        vm.assertEq(bid, views.getOptionSeries(btcCall, 1)[0].mark * 99 / 100, unicode"bid = mark − 1 %");
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.PremiumLimitExceeded.selector, bid, bid + 1));
        venue.tradeOption(btcCall, -1e18, bid + 1);
    }

    /// Writing options needs initial margin: a naked short call on 1,000 USDC is refused; the same
    /// short call covered by a long perp of the same underlying needs less margin than naked.
    function test_writingNeedsMarginAndThePerpNetsTheCall() external {
        fund(trader, 1_000e6);
        vm.prank(trader);
        vm.expectRevert(); // InsufficientMargin(equity, IM): figures depend on the mark
        venue.tradeOption(btcCall, -5e18, 0);

        fund(writer, 200_000e6);
        vm.prank(writer);
        venue.tradeOption(btcCall, -5e18, 0);
        uint256 naked = health(writer).cross.maintenanceMargin;
        vm.assertGt(naked, 0, "a short call has a requirement");
        tradeAs(writer, BTC, 2e18); // delta hedge in the same underlying
        uint256 hedged = health(writer).cross.maintenanceMargin;
        vm.assertLt(hedged, naked, "the long perp offsets the short call's upside loss");
    }

    /// A reduction of a long option needs no margin check; a growing one does.
    function test_closingALongOptionRefundsTheBid() external {
        fund(trader, 50_000e6);
        vm.prank(trader);
        venue.tradeOption(btcPut, 1e18, type(uint256).max);
        (, uint256 bid, uint256 fee) = views.quoteOption(btcPut, -1e18);
        int256 before = balanceOf(trader, USDC);
        vm.prank(trader);
        venue.tradeOption(btcPut, -1e18, 0);
        vm.assertEq(balanceOf(trader, USDC) - before, int256(bid) - int256(fee), "bid received, fee paid");
        vm.assertEq(views.getAccount(trader).options.length, 0, "position gone");
        vm.assertEq(views.getOptionSeries(btcPut, 1)[0].longOpenInterest, 0, "no open interest");
    }

    function test_expiredSeriesDoNotTrade() external {
        fund(trader, 50_000e6);
        vm.warp(expiry);
        publishAll();
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.SeriesExpired.selector, btcCall, expiry));
        venue.tradeOption(btcCall, 1e18, type(uint256).max);
    }

    function test_positionsPerAccountAreCapped() external {
        fund(trader, 1_000_000e6);
        uint256 cap = venue.MAX_OPTION_POSITIONS();
        for (uint256 i; i < cap; ++i) {
            uint256 id = venue.listSeries(ETH, false, 2_000e18 + i * 10e18, expiry);
            vm.prank(trader);
            venue.tradeOption(id, 1e17, type(uint256).max);
        }
        uint256 extra = venue.listSeries(ETH, false, 1_000e18, expiry);
        vm.prank(trader);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.TooManyOptionPositions.selector, cap));
        venue.tradeOption(extra, 1e17, type(uint256).max);
    }

    // ------------------------------------------------------------------ expiry and settlement

    /// Between expiry and settlement a series is worth its intrinsic value at the oracle price.
    function test_expiredUnsettledSeriesCountAtIntrinsic() external {
        fund(trader, 50_000e6);
        vm.prank(trader);
        venue.tradeOption(btcCall, 3e18, type(uint256).max);
        setPrice(BTC_USD, 63_000e8, 15e8);
        vm.warp(expiry + 30);
        publishAll();
        vm.assertEq(health(trader).cross.optionValue, 3 * 1_000e18, unicode"3 × (63,000 − 62,000)");
        vm.assertEq(views.getOptionSeries(btcCall, 1)[0].mark, 1_000e18, "the view's mark is intrinsic too");
    }

    /// Settlement takes the first price at or after expiry (Pyth's unique parse; MockPyth skips the
    /// uniqueness check, so here the guard's maxAge window after expiry is what is tested), pays
    /// holders n·max(0, P − K) and charges writers the same, from and into the pool.
    function test_settlementPaysHoldersAndChargesWriters() external {
        fund(trader, 50_000e6);
        fund(writer, 200_000e6);
        vm.prank(trader);
        venue.tradeOption(btcCall, 2e18, type(uint256).max);
        vm.prank(writer);
        venue.tradeOption(btcCall, -3e18, 0);

        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.SeriesNotExpired.selector, btcCall, expiry));
        venue.settleSeries(btcCall, new bytes[](0));

        // the first update at or after expiry: 64,000; one past the window: 70,000
        vm.warp(expiry);
        setPrice(BTC_USD, 64_000e8, 15e8);
        publishAll();
        bytes[] memory first = new bytes[](1);
        first[0] = pyth.createPriceFeedUpdateData(BTC_USD, 64_000e8, 15e8, -8, 64_000e8, 15e8, expiry, expiry - 1);
        bytes[] memory later = new bytes[](1);
        later[0] = pyth.createPriceFeedUpdateData(BTC_USD, 70_000e8, 15e8, -8, 70_000e8, 15e8, expiry + 61, expiry + 60);
        vm.prank(stranger);
        vm.expectRevert(PRICE_FEED_NOT_FOUND_WITHIN_RANGE);
        venue.settleSeries(btcCall, later);

        int256 traderBefore = balanceOf(trader, USDC);
        int256 writerBefore = balanceOf(writer, USDC);
        int256 poolBefore = views.liquidityPool();
        vm.prank(stranger);
        venue.settleSeries(btcCall, first);
        IMarginVenue.SeriesView memory s = views.getOptionSeries(btcCall, 1)[0];
        vm.assertTrue(s.settled, "settled");
        vm.assertEq(s.settlementPrice, 64_000e18, "at the first price after expiry");
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.SeriesAlreadySettled.selector, btcCall));
        venue.settleSeries(btcCall, first);

        // views already count the settled positions as cash
        vm.assertEq(health(trader).cross.optionValue, 0, "no option left in the book");
        vm.assertEq(venue.payOutSeries(btcCall, 1), 1, "one holder left");
        vm.assertEq(venue.payOutSeries(btcCall, 10), 0, "all paid");
        vm.assertEq(balanceOf(trader, USDC) - traderBefore, 2 * 2_000e18, unicode"2 × (64,000 − 62,000)");
        vm.assertEq(balanceOf(writer, USDC) - writerBefore, -3 * 2_000e18, unicode"writer pays 3 × 2,000");
        vm.assertEq(views.liquidityPool() - poolBefore, 2_000e18, "the pool wrote the net short 1 contract");
        vm.assertEq(views.getAccount(trader).options.length, 0, "position removed");
        s = views.getOptionSeries(btcCall, 1)[0];
        vm.assertEq(s.longOpenInterest + s.shortOpenInterest, 0, "no open interest after the payout");
    }

    /// A settled position is paid on its owner's next action even if nobody ran the payout.
    function test_settledPositionIsPaidOnTheNextAction() external {
        fund(trader, 50_000e6);
        vm.prank(trader);
        venue.tradeOption(btcPut, 1e18, type(uint256).max);
        vm.warp(expiry + 2);
        setPrice(BTC_USD, 57_000e8, 15e8);
        publishAll();
        bytes[] memory update = new bytes[](1);
        update[0] = pyth.createPriceFeedUpdateData(BTC_USD, 57_500e8, 15e8, -8, 57_500e8, 15e8, expiry + 1, expiry - 1);
        venue.settleSeries(btcPut, update);
        int256 before = balanceOf(trader, USDC);
        vm.prank(trader);
        venue.withdraw(USDC, 1e6);
        vm.assertEq(balanceOf(trader, USDC) - before, 500e18 - 1e18, unicode"paid 58,000 − 57,500, withdrew 1");
        vm.assertEq(views.getAccount(trader).options.length, 0, "position removed");
    }

    /// Any settlement price and any position: the holder gets size × max(0, P − K) (a put
    /// K − P), the pool pays exactly that, and tokens stay conserved.
    function testFuzz_settlementPaysThePayoff(uint256 price, int256 size, bool call) external {
        price = bound(price, 40_000, 80_000);
        size = bound(size, -3e18, 3e18);
        if (size == 0) return;
        relaxJumpGuards();
        fund(trader, 500_000e6);
        uint256 id = call ? btcCall : btcPut;
        vm.prank(trader);
        venue.tradeOption(id, size, size > 0 ? type(uint256).max : 0);
        vm.warp(expiry + 1);
        setPrice(BTC_USD, int64(int256(price)) * 1e8, 15e8);
        publishAll();
        bytes[] memory update = new bytes[](1);
        update[0] = pyth.createPriceFeedUpdateData(
            BTC_USD, int64(int256(price)) * 1e8, 15e8, -8, int64(int256(price)) * 1e8, 15e8, expiry + 1, expiry - 1
        );
        venue.settleSeries(id, update);
        uint256 strike = call ? 62_000e18 : 58_000e18;
        uint256 p = price * 1e18;
        uint256 payoff = call ? (p > strike ? p - strike : 0) : (strike > p ? strike - p : 0);
        int256 before = balanceOf(trader, USDC);
        int256 poolBefore = views.liquidityPool();
        venue.payOutSeries(id, 1);
        int256 paid = size * int256(payoff) / 1e18;
        vm.assertEq(balanceOf(trader, USDC) - before, paid, "holder paid size x payoff");
        vm.assertEq(poolBefore - views.liquidityPool(), paid, "from the pool");
    }

    // ------------------------------------------------------------------ liquidation

    /// A written straddle goes under maintenance on a jump; the liquidation closes options at
    /// their mark and leaves the book at or above MM·(1 + liqBuffer), or closes it all.
    function test_optionBookLiquidationRestoresOrCloses() external {
        writeStraddleAndJump();
        IMarginVenue.AccountHealth memory before = health(writer);
        vm.assertLt(before.cross.equity, int256(before.cross.maintenanceMargin), "below MM after the jump");

        vm.prank(keeper);
        venue.liquidate(writer);
        IMarginVenue.AccountHealth memory afterwards = health(writer);
        IMarginVenue.OptionPositionView[] memory left = views.getAccount(writer).options;
        vm.assertEq(left.length, 2, "partial: both legs still open");
        if (left.length != 0) {
            vm.assertGe(
                afterwards.cross.equity * 10,
                int256(afterwards.cross.maintenanceMargin) * 11,
                "restored with the buffer"
            );
            vm.assertLt(-left[0].size, 1e18, "partly closed");
        }
        IMarginVenue.SeriesView memory call = views.getOptionSeries(btcCall, 1)[0];
        vm.assertEq(call.shortOpenInterest, left.length == 0 ? 0 : uint256(-left[0].size), "open interest follows");
        vm.assertGe(balanceOf(keeper, USDC), 1, "the liquidator earned its half of the fee");
    }

    function test_liquidateAtRefusesAClosingThatIsNotMinimal() external {
        relaxJumpGuards();
        writeStraddleAndJump();
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.ClosingNotMinimal.selector, 1e16));
        venue.liquidateAt(writer, 1e16); // 1 % of the BTC book: far too little
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IMarginVenue.ClosingNotMinimal.selector, 0.99e18));
        venue.liquidateAt(writer, 0.99e18); // 99 %: restores, but 98 % would too

        // the bisection's answer, proposed, is accepted and closes the same
        uint256 snapshot = vm.snapshotState();
        vm.prank(keeper);
        venue.liquidate(writer);
        int256 bisected = views.getAccount(writer).options[0].size;
        vm.revertToState(snapshot);
        // closing = 1 − |left| / 1 contract (each leg closes the same fraction, rounded up)
        uint256 closing = 1e18 - uint256(-bisected) + 1e15; // a little more, as the bot adds
        vm.prank(keeper);
        venue.liquidateAt(writer, closing);
        int256 proposed = views.getAccount(writer).options[0].size;
        vm.assertApproxEqAbs(uint256(-proposed), uint256(-bisected) - 1e15, 1, "closed what was proposed");
    }

    /// Expiry across a liquidation: a written call expires in the money and, before anyone settles
    /// it, its intrinsic value puts the writer under maintenance; the liquidation closes it at
    /// intrinsic (the mark of an expired series), and the later settlement charges only what is
    /// left open.
    function test_expiredSeriesLiquidatedBeforeSettlement() external {
        relaxJumpGuards();
        fund(writer, 2_500e6);
        vm.prank(writer);
        venue.tradeOption(btcCall, -1e18, 0);
        vm.warp(expiry);
        setPrice(BTC_USD, 64_400e8, 15e8);
        publishAll();
        IMarginVenue.AccountHealth memory h = health(writer);
        vm.assertEq(h.cross.optionValue, -2_400e18, "short 1 call at intrinsic 2,400");
        vm.assertLt(h.cross.equity, int256(h.cross.maintenanceMargin), "liquidatable at expiry");

        vm.prank(keeper);
        venue.liquidate(writer);
        IMarginVenue.OptionPositionView[] memory left = views.getAccount(writer).options;
        int256 open = left.length == 0 ? int256(0) : left[0].size;
        vm.assertLt(-open, 1e18, "some of it closed at intrinsic");

        bytes[] memory update = new bytes[](1);
        update[0] = pyth.createPriceFeedUpdateData(BTC_USD, 64_400e8, 15e8, -8, 64_400e8, 15e8, expiry, expiry - 1);
        venue.settleSeries(btcCall, update);
        int256 before = balanceOf(writer, USDC);
        venue.payOutSeries(btcCall, 10);
        vm.assertEq(balanceOf(writer, USDC) - before, open * 2_400e18 / 1e18, "charged only for what stayed open");
        IMarginVenue.SeriesView memory s = views.getOptionSeries(btcCall, 1)[0];
        vm.assertEq(s.shortOpenInterest, 0, "nothing open after the payout");
    }

    // ------------------------------------------------------------------ gas

    /// Issue 8's budget: a margin check of a book with 20 option positions under 5M gas. Measured
    /// on a withdrawal (oracle sync, funding, the IM grid of both underlyings with every option
    /// repriced at 52 points) and on a trade that adds the 20th position.
    function test_gasOfAMarginCheckWithTwentyOptions() external {
        fund(trader, 2_000_000e6);
        tradeAs(trader, BTC, 1e18);
        tradeAs(trader, ETH, -10e18);
        uint64 weekly = uint64(block.timestamp + 7 days);
        for (uint256 i; i < 19; ++i) {
            uint256 market = i % 2 == 0 ? BTC : ETH;
            uint256 step = market == BTC ? 1_000e18 : 50e18;
            uint256 spot = market == BTC ? 60_000e18 : 3_000e18;
            uint256 strike = spot - 5 * step + (i / 2) * step + step / 2; // off the setUp strikes
            uint256 id = venue.listSeries(market, i % 4 < 2, strike, i % 3 == 0 ? expiry : weekly);
            vm.prank(trader);
            venue.tradeOption(id, i % 3 == 1 ? int256(-1e18) : int256(1e18), i % 3 == 1 ? 0 : type(uint256).max);
        }
        uint256 last = venue.listSeries(ETH, false, 2_500e18, weekly);
        vm.prank(trader);
        uint256 before = gasleft();
        venue.tradeOption(last, -2e18, 0);
        uint256 tradeGas = before - gasleft();
        vm.assertEq(views.getAccount(trader).options.length, 20, "twenty option positions");

        vm.prank(trader);
        before = gasleft();
        venue.withdraw(USDC, 1e6);
        uint256 withdrawGas = before - gasleft();
        vm.assertLt(withdrawGas, 5_000_000, "withdrawal: margin check under 5M gas");
        vm.assertLt(tradeGas, 5_000_000, "trade: margin check under 5M gas");
        emit GasMeasured("withdraw, 20 options + 2 perps", withdrawGas);
        emit GasMeasured("tradeOption (20th position), 20 options + 2 perps", tradeGas);
    }

    event GasMeasured(string what, uint256 gas);

    /// Writes a 62,000 call and a 58,000 put on 4,000 USDC, then BTC jumps to 65,000 (equity ≈ 0.85·MM: a partial liquidation).
    function writeStraddleAndJump() internal {
        relaxJumpGuards();
        fund(writer, 4_000e6);
        vm.startPrank(writer);
        venue.tradeOption(btcCall, -1e18, 0);
        venue.tradeOption(btcPut, -1e18, 0);
        vm.stopPrank();
        setPrice(BTC_USD, 65_000e8, 15e8);
        advance(1);
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
