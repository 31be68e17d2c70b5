import {
  concat,
  createPublicClient,
  createWalletClient,
  http,
  maxUint256,
  type Address,
  type Hash,
} from 'viem'
import { foundry } from 'viem/chains'
import { devnetTokenAbi, marginVenueAbi, volatilityIndexAbi } from '../lib/chain/generated/abis'
import { defaultRiskParams } from '../lib/core/risk/params'
import { priceFeedId, type PriceFeedSymbol } from '../lib/feeds/priceFeeds'
import { volatilityFeedId, type VolatilityFeedSymbol } from '../lib/feeds/volatilityFeeds'
import { encodePriceFeedUpdate } from './hermes/encodePriceFeedUpdate'
import { confirmTransaction } from './runtime/confirmTransaction'
import { create2Factory, devnetDeployer, devnetSalt, venuePlan, type VenueContractName } from './venue/venuePlan'
import { toWad, venueMarketParams, venueOptionParams } from './venue/venueParams'
import { defaultOptionTradingParams } from '../lib/core/market/params'

/** A price as the devnet publishes it: USD per unit and its confidence. */
export type InitialPrice = { price: number; conf: number }

export type DeployVenueParameters = {
  /** JSON-RPC endpoint of an anvil node, e.g. `http://127.0.0.1:8545`. */
  rpcUrl: string
  /**
   * Sender of every transaction and owner of the venue, an account the node signs for (anvil's
   * dev accounts are unlocked). Defaults to anvil's first account; the generated addresses in
   * lib/chain/generated assume it.
   */
  deployer?: Address
  /** Granted the volatility index's KEEPER_ROLE (price updates through Pyth need no role). */
  keepers?: readonly Address[]
  /** Granted MINTER_ROLE on USDC, WETH and wstETH (a faucet, the demo seeder). */
  minters?: readonly Address[]
  /** USDC (token units, 6 decimals) seeded into the venue's liquidity pool: 10,000,000 by default. */
  liquidity?: bigint
  /** USDC (token units) seeded into the insurance fund: 1,000,000 by default. */
  insurance?: bigint
  /** First published prices (defaults: BTC 60,000, ETH 3,000, SOL 150, USDC 1). */
  prices?: Partial<Record<PriceFeedSymbol, InitialPrice>>
  /** First published volatilities, annualised (defaults: BTC 0.55, ETH 0.65, SOL 0.85). */
  volatilities?: Partial<Record<VolatilityFeedSymbol, number>>
}

export type DeployVenueReturnType = {
  /** Every contract's address (the same as `devnetAddresses` for the default deployer). */
  addresses: Record<VenueContractName, Address>
  owner: Address
  /** False when the venue was already deployed and configured on this node: nothing was sent. */
  deployed: boolean
}

const defaultPrices: Record<PriceFeedSymbol, InitialPrice> = {
  BTC: { price: 60_000, conf: 15 },
  ETH: { price: 3_000, conf: 1.5 },
  SOL: { price: 150, conf: 0.08 },
  USDC: { price: 1, conf: 0.0001 },
}
const defaultVolatilities: Record<VolatilityFeedSymbol, number> = { BTC: 0.55, ETH: 0.65, SOL: 0.85 }
const markets = ['BTC', 'ETH', 'SOL'] as const
/** Markets with option series (issue 8). */
const optionMarkets = ['BTC', 'ETH'] as const
/**
 * Gas of each configuration transaction, given rather than estimated: an estimate made at one
 * block's timestamp can fall short at the next (the venue's oracle sync and funding accrual do
 * more or less work depending on time). Far above what any of them uses (updatePrices ≈ 0.5M).
 */
const configGas = 3_000_000n
/** Collateral haircuts by token (DESIGN.md §4.1), from lib/core's defaults. */
const haircuts = defaultRiskParams.collateral

/**
 * Deploys the margin venue to an anvil node from the forge artifacts and configures it the way
 * the engine assumes: lib/core's default risk, market and oracle-guard parameters; WETH and
 * wstETH listed (valued off ETH/USD, wstETH times its exchange rate); BTC, ETH and SOL perps;
 * first prices and volatilities published; the liquidity pool and insurance fund seeded.
 *
 * Every contract is deployed with CREATE2 through anvil's predeployed factory, so a fresh anvil
 * always gets the same addresses (`venuePlan`, and `devnetAddresses` in lib/chain/generated).
 * Idempotent: contracts already there are not redeployed, and a venue with markets listed is
 * left as it is.
 *
 * @example
 * const { addresses } = await deployVenue({ rpcUrl: 'http://127.0.0.1:8545' })
 * addresses.marginVenue // === devnetAddresses.marginVenue
 */
export async function deployVenue(parameters: DeployVenueParameters): Promise<DeployVenueReturnType> {
  const { rpcUrl, deployer = devnetDeployer } = parameters
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport })
  const walletClient = createWalletClient({ chain: foundry, transport, account: deployer })
  const send = (pending: Promise<Hash>) => confirmTransaction(publicClient, pending, { label: 'Deployment transaction' })

  const factoryCode = await publicClient.getCode({ address: create2Factory })
  if (factoryCode === undefined || factoryCode === '0x')
    throw new Error(`No CREATE2 factory at ${create2Factory}: start anvil without --disable-default-create2-deployer.`)

  const plan = venuePlan({ owner: deployer })
  let deployedSomething = false
  for (const contract of plan.contracts) {
    const code = await publicClient.getCode({ address: contract.address })
    if (code !== undefined && code !== '0x') continue
    await send(walletClient.sendTransaction({ to: create2Factory, data: concat([devnetSalt, contract.initCode]) }))
    const deployed = await publicClient.getCode({ address: contract.address })
    if (deployed === undefined || deployed === '0x') throw new Error(`${contract.contract} did not deploy at ${contract.address}.`)
    deployedSomething = true
  }

  const { addresses } = plan
  const venue = addresses.marginVenue
  const marketCount = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'marketCount' })
  if (marketCount > 0n) return { addresses, owner: deployer, deployed: deployedSomething }

  await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'listCollateral', args: [addresses.weth, priceFeedId('ETH'), '0x0000000000000000000000000000000000000000', toWad(haircuts.WETH?.haircut ?? 0)] }))
  await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'listCollateral', args: [addresses.wstEth, priceFeedId('ETH'), addresses.wstEth, toWad(haircuts.wstETH?.haircut ?? 0)] }))
  for (const symbol of markets) {
    const params = defaultRiskParams.markets[symbol]
    if (params === undefined) throw new Error(`lib/core has no default parameters for ${symbol}.`)
    await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'listMarket', args: [symbol, priceFeedId(symbol), volatilityFeedId(symbol), venueMarketParams(params)] }))
  }

  // Options (issue 8): European BTC and ETH series, listed by the keepers.
  await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'setOptionParams', args: [venueOptionParams(defaultOptionTradingParams)] }))
  for (const symbol of optionMarkets) {
    const marketId = BigInt(markets.indexOf(symbol))
    await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'setOptionsEnabled', args: [marketId, true] }))
  }
  for (const keeper of parameters.keepers ?? [])
    await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'setOptionLister', args: [keeper, true] }))

  // First prices and vols, stamped with the latest block's time (the next block is not earlier).
  const now = Number((await publicClient.getBlock()).timestamp)
  const prices = { ...defaultPrices, ...parameters.prices }
  const updates = (Object.keys(prices) as PriceFeedSymbol[]).map((symbol) => {
    const { price, conf } = prices[symbol]
    const price8 = BigInt(Math.round(price * 1e8))
    const conf8 = BigInt(Math.round(conf * 1e8))
    return encodePriceFeedUpdate({ id: priceFeedId(symbol), price: price8, conf: conf8, expo: -8, emaPrice: price8, emaConf: conf8, publishTime: now, prevPublishTime: 0 })
  })
  await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'updatePrices', args: [updates] }))
  const volatilities = { ...defaultVolatilities, ...parameters.volatilities }
  const volSymbols = Object.keys(volatilities) as VolatilityFeedSymbol[]
  await send(walletClient.writeContract({ gas: configGas,
    address: addresses.volatilityIndex,
    abi: volatilityIndexAbi,
    functionName: 'pushMany',
    args: [
      volSymbols.map(volatilityFeedId),
      volSymbols.map((symbol) => toWad(volatilities[symbol])),
      volSymbols.map((symbol) => toWad(volatilities[symbol] / 100)),
      volSymbols.map(() => BigInt(now)),
    ],
  }))

  const liquidity = parameters.liquidity ?? 10_000_000_000_000n
  const insurance = parameters.insurance ?? 1_000_000_000_000n
  await send(walletClient.writeContract({ gas: configGas, address: addresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [deployer, liquidity + insurance] }))
  await send(walletClient.writeContract({ gas: configGas, address: addresses.usdc, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] }))
  if (liquidity > 0n) await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'depositLiquidity', args: [liquidity] }))
  if (insurance > 0n) await send(walletClient.writeContract({ gas: configGas, address: venue, abi: marginVenueAbi, functionName: 'depositInsurance', args: [insurance] }))

  const keeperRole = await publicClient.readContract({ address: addresses.volatilityIndex, abi: volatilityIndexAbi, functionName: 'KEEPER_ROLE' })
  for (const keeper of parameters.keepers ?? [])
    await send(walletClient.writeContract({ gas: configGas, address: addresses.volatilityIndex, abi: volatilityIndexAbi, functionName: 'grantRole', args: [keeperRole, keeper] }))
  const minterRole = await publicClient.readContract({ address: addresses.usdc, abi: devnetTokenAbi, functionName: 'MINTER_ROLE' })
  for (const minter of parameters.minters ?? [])
    for (const token of [addresses.usdc, addresses.weth, addresses.wstEth])
      await send(walletClient.writeContract({ gas: configGas, address: token, abi: devnetTokenAbi, functionName: 'grantRole', args: [minterRole, minter] }))

  return { addresses, owner: deployer, deployed: true }
}
