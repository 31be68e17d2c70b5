import { maxUint256, parseEventLogs, parseUnits, type Address } from 'viem'
import { fromWad } from '../../lib/chain/fromWad'
import { devnetTokenAbi, marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { toWad } from '../venue/venueParams'
import { confirmTransaction } from './confirmTransaction'
import type { DevnetClients } from './createDevnetClients'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import { optionExpiries } from './optionExpiries'
import { optionStrikes } from './optionStrikes'
import { readOptionSeries } from './readOptionSeries'
import { readVenueDirectory } from './readVenueDirectory'
import type { SeededAccountPlan, SeededOptionLeg } from './seedPlan'

/** Generous fixed gas: estimates go stale between blocks (see devnet/deploy.ts). */
const gas = 3_000_000n
/** An option trade revalues the whole book on the margin grid with Black-Scholes: more headroom. */
const optionTradeGas = 10_000_000n
/** Limit premium around the quote: a buy accepts up to 2 % more, a sale down to 2 % less. */
const premiumTolerance = 0.02

export type SeedMarketOptions = {
  /**
   * Lists the series the plans' option legs need (an option lister; the devnet keeper, anvil
   * account 1, by default — `deployVenue` makes every keeper one).
   */
  optionLister?: Address
}

/**
 * Executes a seed plan on a venue deployed by `deployVenue`: the deployer mints each account its
 * collateral, the account approves the venue, deposits, and opens its cross and isolated perps
 * (from anvil's unlocked dev accounts, each transaction confirmed before the next). Market
 * orders: no slippage bound — the seed runs before anyone else trades.
 *
 * Option legs (issue 8) are resolved against the chain as the keeper lists series
 * (`optionExpiries` at the latest block's time, `optionStrikes` around the oracle price); the
 * series they need and the venue lacks are listed by `optionLister`, and each leg is traded with
 * `tradeOption` at a limit premium of the venue's own quote ± 2 %. The keeper lists the rest of
 * the grid once it runs.
 *
 * @throws Error naming the step when a transaction reverts (e.g. a plan beyond initial margin).
 */
export async function seedMarket(clients: DevnetClients, plans: readonly SeededAccountPlan[], { optionLister = devnetAccount(devnetRoles.keeper).address }: SeedMarketOptions = {}): Promise<void> {
  const { publicClient, walletClient } = clients
  const venue = devnetAddresses.marginVenue
  const minter = devnetAccount(devnetRoles.deployer).address
  const directory = await readVenueDirectory(publicClient, venue)
  const write = (label: string, request: Parameters<typeof walletClient.writeContract>[0]) =>
    confirmTransaction(publicClient, walletClient.writeContract(request), { label })
  const legs = plans.flatMap((plan) => plan.options)
  const seriesOf = legs.length > 0 ? await listSeedSeries(clients, legs, optionLister) : () => 0n

  for (const plan of plans) {
    const account: Address = plan.address
    for (const [symbol, amount] of Object.entries(plan.deposits)) {
      const collateral = directory.collaterals[symbol]
      if (collateral === undefined || amount === undefined) throw new Error(`The venue lists no collateral ${symbol}.`)
      const units = parseUnits(String(amount), collateral.decimals)
      await write(`mint ${symbol} to ${plan.role}`, { chain: null, account: minter, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'mint', args: [account, units] })
      await write(`approve ${symbol} for ${plan.role}`, { chain: null, account, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] })
      await write(`deposit ${symbol} for ${plan.role}`, { chain: null, account, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [collateral.id, units] })
    }
    for (const [symbol, amount] of Object.entries(plan.wallet)) {
      const collateral = directory.collaterals[symbol]
      if (collateral === undefined || amount === undefined) throw new Error(`The venue lists no collateral ${symbol}.`)
      await write(`mint ${symbol} to ${plan.role}'s wallet`, { chain: null, account: minter, gas, address: collateral.token, abi: devnetTokenAbi, functionName: 'mint', args: [account, parseUnits(String(amount), collateral.decimals)] })
    }
    for (const { market, size } of plan.perps) {
      const marketId = marketIdOf(directory.markets, market)
      await write(`${plan.role} ${market} perp`, { chain: null, account, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [marketId, toWad(size), size > 0 ? maxUint256 : 0n, false] })
    }
    for (const { market, margin, size } of plan.isolated) {
      const marketId = marketIdOf(directory.markets, market)
      await write(`${plan.role} isolated ${market} perp`, {
        chain: null,
        account,
        gas,
        address: venue,
        abi: marginVenueAbi,
        functionName: 'openIsolated',
        args: [marketId, parseUnits(String(margin), 6), toWad(size), size > 0 ? maxUint256 : 0n],
      })
    }
    for (const leg of plan.options) {
      const seriesId = seriesOf(leg)
      const size = toWad(leg.size)
      const [, premium] = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'quoteOption', args: [seriesId, size] })
      const limit = size > 0n ? (premium * toWad(1 + premiumTolerance)) / 10n ** 18n : (premium * toWad(1 - premiumTolerance)) / 10n ** 18n
      await write(`${plan.role} ${leg.market} ${leg.kind} (${leg.purpose})`, { chain: null, account, gas: optionTradeGas, address: venue, abi: marginVenueAbi, functionName: 'tradeOption', args: [seriesId, size, limit] })
    }
  }
}

/**
 * Resolves the legs to series terms at the chain's time and oracle prices, lists those the venue
 * lacks, and returns the series id of each leg.
 */
async function listSeedSeries(clients: DevnetClients, legs: readonly SeededOptionLeg[], lister: Address): Promise<(leg: SeededOptionLeg) => bigint> {
  const { publicClient, walletClient } = clients
  const venue = devnetAddresses.marginVenue
  const [block, markets] = await Promise.all([publicClient.getBlock({ blockTag: 'latest' }), publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })])
  const expiries = optionExpiries({ now: Number(block.timestamp) })
  const termsOf = (leg: SeededOptionLeg) => {
    const market = markets.find((m) => m.symbol === leg.market)
    if (market === undefined) throw new Error(`The venue lists no market ${leg.market}.`)
    const { atTheMoney, step } = optionStrikes({ market: leg.market, spot: fromWad(market.price) })
    return { marketId: market.id, isCall: leg.kind === 'call', strike: toWad(atTheMoney + leg.strikeSteps * step), expiry: BigInt(expiries[leg.expiry]) }
  }
  const key = (terms: { marketId: bigint; isCall: boolean; strike: bigint; expiry: bigint }) => `${terms.marketId}/${terms.isCall}/${terms.strike}/${terms.expiry}`
  const listed = new Map((await readOptionSeries(publicClient, { venue })).map((series) => [key(series), series.id]))
  for (const leg of legs) {
    const terms = termsOf(leg)
    if (listed.has(key(terms))) continue
    const receipt = await confirmTransaction(
      publicClient,
      walletClient.writeContract({ chain: null, account: lister, gas, address: venue, abi: marginVenueAbi, functionName: 'listSeries', args: [terms.marketId, terms.isCall, terms.strike, terms.expiry] }),
      { label: `list ${leg.market} ${leg.kind} series for the seed` },
    )
    const event = parseEventLogs({ abi: marginVenueAbi, logs: receipt.logs, eventName: 'SeriesListed' })[0]
    if (event === undefined) throw new Error(`The ${leg.market} ${leg.kind} series was not listed.`)
    listed.set(key(terms), event.args.seriesId)
  }
  return (leg) => {
    const id = listed.get(key(termsOf(leg)))
    if (id === undefined) throw new Error(`No series for the ${leg.market} ${leg.kind} leg.`)
    return id
  }
}

function marketIdOf(markets: Record<string, bigint>, symbol: string): bigint {
  const id = markets[symbol]
  if (id === undefined) throw new Error(`The venue lists no market ${symbol}.`)
  return id
}
