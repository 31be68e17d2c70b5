import type { Address, PublicClient } from 'viem'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import type { Account, Markets, RiskParams } from '../../lib/core/risk/types'

const wad = 1e18

/** A WAD fixed-point value as a number (1e18 → 1). */
export function fromWad(value: bigint): number {
  return Number(value) / wad
}

export type VenueReading = {
  account: Account
  markets: Markets
  params: RiskParams
  /** The venue's own figures for the same block. */
  health: Awaited<ReturnType<typeof readHealth>>
  liquidatable: boolean
  isolatedLiquidatable: Record<string, boolean>
}

function readHealth(client: PublicClient, venue: Address, trader: Address, blockNumber: bigint) {
  return client.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [trader], blockNumber })
}

/**
 * Reads one trader's account and everything the engine needs from the venue at one block, and
 * converts it to lib/core's types (DESIGN.md §3: WAD on-chain, numbers in the engine): balances in
 * asset units, sizes in base units, prices and funding in USD, vols and params as fractions.
 * The venue's own `accountHealth` and liquidation flags come from the same block.
 */
export async function readEngineInputs(client: PublicClient, venue: Address, trader: Address, blockNumber: bigint): Promise<VenueReading> {
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    client.readContract({ address: venue, abi: marginVenueAbi, functionName, args, blockNumber } as never) as Promise<T>
  const [block, view, marketViews, collateralViews, risk, health, liquidatable] = await Promise.all([
    client.getBlock({ blockNumber }),
    read<{ collateral: readonly bigint[]; perps: readonly { marketId: bigint; size: bigint; entryPrice: bigint; lastFundingIndex: bigint }[]; isolated: readonly { id: bigint; marketId: bigint; margin: bigint; size: bigint; entryPrice: bigint; lastFundingIndex: bigint }[] }>('getAccount', [trader]),
    read<readonly { symbol: string; price: bigint; conf: bigint; volatility: bigint; fundingIndex: bigint; params: { mmFloor: bigint; sizeSlope: bigint; skewScale: bigint; maxFundingVelocity: bigint; takerFee: bigint } }[]>('getMarkets'),
    read<readonly { symbol: string; price: bigint; conf: bigint; haircut: bigint; rateProvider: Address }[]>('getCollaterals'),
    read<{ z: bigint; horizonSeconds: bigint; imMultiplier: bigint; volUp: bigint; volDown: bigint; imVolShockMultiplier: bigint; maxImVolDown: bigint; shortOptionContingency: bigint; liqBuffer: bigint; backstopRatio: bigint; liqFee: bigint; riskFreeRate: bigint }>('riskParams'),
    readHealth(client, venue, trader, blockNumber),
    read<boolean>('isLiquidatable', [trader]),
  ])

  const symbolOf = (marketId: bigint) => {
    const market = marketViews[Number(marketId)]
    if (market === undefined) throw new Error(`unknown market ${marketId}`)
    return market.symbol
  }
  const account: Account = {
    collateral: Object.fromEntries(collateralViews.map((c, i) => [c.symbol, fromWad(view.collateral[i] ?? 0n)])),
    perps: view.perps.map((p) => ({ underlying: symbolOf(p.marketId), size: fromWad(p.size), entryPrice: fromWad(p.entryPrice), lastFundingIndex: fromWad(p.lastFundingIndex) })),
    options: [],
    isolated: view.isolated.map((p) => ({
      id: String(p.id),
      margin: fromWad(p.margin),
      perp: { underlying: symbolOf(p.marketId), size: fromWad(p.size), entryPrice: fromWad(p.entryPrice), lastFundingIndex: fromWad(p.lastFundingIndex) },
    })),
  }
  const markets: Markets = {
    now: Number(block.timestamp),
    underlyings: Object.fromEntries(marketViews.map((m) => [m.symbol, { price: fromWad(m.price), conf: fromWad(m.conf), vol: fromWad(m.volatility), fundingIndex: fromWad(m.fundingIndex) }])),
    collateral: Object.fromEntries(
      collateralViews.map((c) => [c.symbol, { price: fromWad(c.price), conf: fromWad(c.conf), ...(c.symbol === 'USDC' ? {} : { linkedUnderlying: 'ETH' }) }]),
    ),
  }
  const params: RiskParams = {
    z: fromWad(risk.z),
    horizonSeconds: Number(risk.horizonSeconds),
    imMultiplier: fromWad(risk.imMultiplier),
    volUp: fromWad(risk.volUp),
    volDown: fromWad(risk.volDown),
    imVolShockMultiplier: fromWad(risk.imVolShockMultiplier),
    maxImVolDown: fromWad(risk.maxImVolDown),
    shortOptionContingency: fromWad(risk.shortOptionContingency),
    liqBuffer: fromWad(risk.liqBuffer),
    backstopRatio: fromWad(risk.backstopRatio),
    liqFee: fromWad(risk.liqFee),
    riskFreeRate: fromWad(risk.riskFreeRate),
    markets: Object.fromEntries(
      marketViews.map((m) => [m.symbol, { mmFloor: fromWad(m.params.mmFloor), sizeSlope: fromWad(m.params.sizeSlope), skewScale: fromWad(m.params.skewScale), maxFundingVelocity: fromWad(m.params.maxFundingVelocity), takerFee: fromWad(m.params.takerFee) }]),
    ),
    collateral: Object.fromEntries(collateralViews.map((c) => [c.symbol, { haircut: fromWad(c.haircut) }])),
  }
  const isolatedLiquidatable: Record<string, boolean> = {}
  for (const iso of health.isolated) isolatedLiquidatable[String(iso.id)] = iso.liquidatable
  return { account, markets, params, health, liquidatable, isolatedLiquidatable }
}
