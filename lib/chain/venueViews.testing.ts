import { priceFeedId } from '../feeds/priceFeeds'
import { volatilityFeedId } from '../feeds/volatilityFeeds'
import type { CollateralView, MarketView, RiskParamsView } from './types'

const wad = 10n ** 18n
const zeroAddress = '0x0000000000000000000000000000000000000000'

/**
 * Hand-written venue views (WAD, as viem decodes them) for the converter tests: every number is
 * written as a decimal the tests can state in USD, and the parameters are DESIGN.md §4's defaults. The markets are listed out of id order, and
 * WETH's price id is written in upper case, so that lookups by id and by feed are exercised.
 */
export function venueViews(): { markets: MarketView[]; collaterals: CollateralView[]; riskParams: RiskParamsView } {
  const market = (id: bigint, symbol: 'BTC' | 'ETH' | 'SOL', price: bigint, conf: bigint, volatility: bigint, mmFloor: bigint, skewScale: bigint): MarketView => ({
    id,
    symbol,
    priceId: priceFeedId(symbol),
    volatilityKey: volatilityFeedId(symbol),
    price,
    conf,
    publishTime: 1_700_000_000n,
    priceStatus: 0,
    volatility,
    volatilityConf: 0n,
    volatilityTime: 1_700_000_001n,
    volatilityStatus: 0,
    halt: 0,
    fundingRate: 0n,
    fundingIndex: 0n,
    longOpenInterest: 0n,
    shortOpenInterest: 0n,
    params: { mmFloor, sizeSlope: 10n ** 9n, skewScale: skewScale * wad, maxFundingVelocity: 3n * wad, takerFee: 5n * 10n ** 14n },
  })
  return {
    markets: [
      { ...market(1n, 'ETH', 3_000n * wad, 15n * 10n ** 17n, 65n * 10n ** 16n, 75n * 10n ** 14n, 250_000n), fundingIndex: -125n * 10n ** 15n, priceStatus: 3, halt: 3 },
      { ...market(0n, 'BTC', 60_000n * wad, 15n * wad, 55n * 10n ** 16n, 5n * 10n ** 15n, 10_000n), fundingIndex: 42_500n * 10n ** 15n, fundingRate: 12n * 10n ** 14n, longOpenInterest: 35n * 10n ** 17n, shortOpenInterest: 125n * 10n ** 16n },
      { ...market(2n, 'SOL', 150n * wad, 8n * 10n ** 16n, 85n * 10n ** 16n, 125n * 10n ** 14n, 5_000_000n), volatilityStatus: 1, halt: 4 },
    ],
    collaterals: [
      { id: 0n, token: zeroAddress, symbol: 'USDC', decimals: 6, priceId: priceFeedId('USDC'), rateProvider: zeroAddress, exchangeRate: wad, price: wad, conf: 10n ** 14n, priceStatus: 0, haircut: 0n },
      { id: 1n, token: zeroAddress, symbol: 'WETH', decimals: 18, priceId: priceFeedId('ETH').toUpperCase().replace('0X', '0x') as `0x${string}`, rateProvider: zeroAddress, exchangeRate: wad, price: 3_000n * wad, conf: 15n * 10n ** 17n, priceStatus: 3, haircut: 10n ** 17n },
      { id: 2n, token: zeroAddress, symbol: 'wstETH', decimals: 18, priceId: priceFeedId('ETH'), rateProvider: zeroAddress, exchangeRate: 12n * 10n ** 17n, price: 3_600n * wad, conf: 18n * 10n ** 17n, priceStatus: 3, haircut: 12n * 10n ** 16n },
    ],
    riskParams: {
      z: 3n * wad,
      horizonSeconds: 3_600n,
      imMultiplier: 2n * wad,
      volUp: 3n * 10n ** 17n,
      volDown: 2n * 10n ** 17n,
      imVolShockMultiplier: 2n * wad,
      maxImVolDown: 5n * 10n ** 17n,
      shortOptionContingency: 10n ** 15n,
      liqBuffer: 10n ** 17n,
      backstopRatio: 666_666_666_666_666_600n,
      liqFee: 5n * 10n ** 15n,
      riskFreeRate: 0n,
    },
  }
}
