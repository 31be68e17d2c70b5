import { encodeDeployData, getContractAddress, keccak256, toHex, type Abi, type Address, type Hex } from 'viem'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { readArtifact } from './readArtifact'
import { venueGuardParams, venueRiskParams } from './venueParams'

/**
 * Anvil's first dev account (mnemonic "test test … junk"), the devnet's deployer and venue owner.
 * Fresh anvil instances give it the same key, so the same plan yields the same addresses.
 */
export const devnetDeployer: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/**
 * The CREATE2 factory anvil predeploys (Arachnid's deterministic-deployment-proxy): a call with
 * `salt ‖ initCode` deploys at keccak256(0xff ‖ factory ‖ salt ‖ keccak256(initCode))[12:].
 */
export const create2Factory: Address = '0x4e59b44847b379578588920ca78fbf26c0b4956c'

/** One salt for every contract: different init code already gives different addresses. */
export const devnetSalt: Hex = keccak256(toHex('marginflow.devnet.v1'))

/** Names of the deployed contracts, in deployment order. */
export type VenueContractName =
  | 'pyth'
  | 'volatilityIndex'
  | 'usdc'
  | 'weth'
  | 'wstEth'
  | 'marginVenueViews'
  | 'venueAdmin'
  | 'venueLiquidations'
  | 'venueTrading'
  | 'venueOptions'
  | 'riskEngine'
  | 'marginVenue'

export type PlannedContract = {
  name: VenueContractName
  /** Contract name in the forge artifacts. */
  contract: string
  abi: Abi
  /** Creation bytecode with the ABI-encoded constructor arguments. */
  initCode: Hex
  address: Address
}

export type VenuePlanParameters = {
  /** Owner of the venue and admin of the tokens and volatility index. Defaults to `devnetDeployer`. */
  owner?: Address
  /** wstETH's exchange rate to ETH at deployment (WAD) and its yearly growth (WAD). */
  wstEthRate?: bigint
  wstEthApr?: bigint
  artifactsDir?: string
}

export type VenuePlanReturnType = {
  owner: Address
  contracts: PlannedContract[]
  addresses: Record<VenueContractName, Address>
}

/**
 * The venue's deployment as a list of CREATE2 deployments through anvil's factory: each
 * contract's init code (forge artifact + constructor arguments) and the address it lands at.
 * Pure — it reads artifacts, sends nothing — so `scripts/gen-abis.mjs` writes the addresses into
 * lib/chain/generated and `deployVenue` deploys exactly them. Risk and oracle-guard parameters
 * are lib/core's defaults (`venueRiskParams`, `venueGuardParams`).
 *
 * @example
 * const { addresses } = venuePlan()
 * addresses.marginVenue // the same on every fresh anvil
 */
export function venuePlan({
  owner = devnetDeployer,
  wstEthRate = 1_210_000_000_000_000_000n,
  wstEthApr = 30_000_000_000_000_000n,
  artifactsDir,
}: VenuePlanParameters = {}): VenuePlanReturnType {
  const contracts: PlannedContract[] = []
  const addresses = {} as Record<VenueContractName, Address>
  const plan = (name: VenueContractName, contract: string, args: readonly unknown[] = []) => {
    const { abi, bytecode } = readArtifact({ contract, ...(artifactsDir === undefined ? {} : { artifactsDir }) })
    const initCode = encodeDeployData({ abi, bytecode, args } as Parameters<typeof encodeDeployData>[0])
    const address = getContractAddress({ opcode: 'CREATE2', from: create2Factory, salt: devnetSalt, bytecode: initCode })
    contracts.push({ name, contract, abi, initCode, address })
    addresses[name] = address
  }

  const guard = venueGuardParams()
  // MockPyth(validTimePeriod, singleUpdateFeeInWei): updates are free on the devnet.
  plan('pyth', 'MockPyth', [60n, 0n])
  plan('volatilityIndex', 'VolatilityIndex', [owner, guard])
  plan('usdc', 'DevnetToken', ['USD Coin', 'USDC', 6, owner])
  plan('weth', 'DevnetToken', ['Wrapped Ether', 'WETH', 18, owner])
  plan('wstEth', 'DevnetWstETH', [owner, wstEthRate, wstEthApr])
  plan('marginVenueViews', 'MarginVenueViews')
  plan('venueAdmin', 'VenueAdmin')
  plan('venueLiquidations', 'VenueLiquidations')
  plan('venueTrading', 'VenueTrading')
  plan('venueOptions', 'VenueOptions')
  plan('riskEngine', 'RiskEngine')
  plan('marginVenue', 'MarginVenue', [
    owner,
    {
      views: addresses.marginVenueViews,
      admin: addresses.venueAdmin,
      liquidations: addresses.venueLiquidations,
      trading: addresses.venueTrading,
      options: addresses.venueOptions,
      risk: addresses.riskEngine,
    },
    addresses.pyth,
    addresses.volatilityIndex,
    addresses.usdc,
    priceFeedId('USDC'),
    venueRiskParams(),
    guard,
  ])
  return { owner, contracts, addresses }
}
