/**
 * The page's venue writes against a real anvil with the venue deployed and the retail account
 * seeded (devnet modules are test-only imports here): the one-click permit deposit, the
 * simulate-first refusal, a halted market, a rejected signature; the chain's own state is the truth.
 */
import { createPublicClient, createWalletClient, custom, http, UserRejectedRequestError, type PublicClient, type WalletClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type StartAnvilReturnType } from '../../../devnet/anvil/startAnvil'
import { deployVenue } from '../../../devnet/deploy'
import { createDevnetClients } from '../../../devnet/runtime/createDevnetClients'
import { devnetAccount, devnetRoles } from '../../../devnet/runtime/devnetAccounts'
import { seedMarket } from '../../../devnet/runtime/seedMarket'
import { seedPlan } from '../../../devnet/runtime/seedPlan'
import { devnetTokenAbi, marginVenueAbi } from '../generated/abis'
import { devnetAddresses } from '../generated/addresses'
import { depositWithPermitCall } from './depositWithPermitCall'
import { devnetCollaterals } from './devnetCollaterals'
import { devnetMarketIds } from './devnetMarkets'
import { sendVenueWrite, type WriteStage } from './sendVenueWrite'
import { venueCall } from './venueCall'

let anvil: StartAnvilReturnType
let publicClient: PublicClient
let wallet: WalletClient
const retail = privateKeyToAccount(devnetAccount(devnetRoles.retail).privateKey)
const usdc = { id: 0n, token: devnetAddresses.usdc, decimals: 6 }
const venue = devnetAddresses.marginVenue

beforeAll(async () => {
  anvil = await startAnvil()
  await deployVenue({ rpcUrl: anvil.rpcUrl })
  const plans = seedPlan({ seed: 1, prices: { BTC: 60_000, ETH: 3_000, SOL: 150 } }).filter((plan) => plan.role === 'retail')
  await seedMarket(createDevnetClients(anvil.rpcUrl), plans)
  // The retail wallet holds more USDC to deposit.
  const { walletClient } = createDevnetClients(anvil.rpcUrl)
  await walletClient.writeContract({ chain: null, account: devnetAccount(devnetRoles.deployer).address, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [retail.address, 50_000_000_000n] })
  publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) })
  wallet = createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl), account: retail })
}, 120_000)
afterAll(async () => anvil?.stop())

const balanceOf = async () => (await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [retail.address] })).collateral[0]!

describe('venue writes', () => {
  it('deposits in one click: one permit signature and one transaction, no approve', async () => {
    const before = await balanceOf()
    const nonceBefore = await publicClient.getTransactionCount({ address: retail.address })
    const stages: WriteStage['stage'][] = []
    const result = await sendVenueWrite({
      publicClient,
      walletClient: wallet,
      account: retail.address,
      call: () => depositWithPermitCall({ walletClient: wallet, publicClient, owner: retail.address, collateral: usdc, amount: 2_500.5 }),
      onStage: (stage) => stages.push(stage.stage),
    })
    expect(result.stage).toBe('confirmed')
    expect(stages).toEqual(['signing', 'simulating', 'awaitingSignature', 'pending', 'confirmed'])
    expect((await balanceOf()) - before).toBe(2_500_500_000_000_000_000_000n) // WAD inside the venue
    expect(await publicClient.getTransactionCount({ address: retail.address })).toBe(nonceBefore + 1) // one transaction
  })

  it('refuses before signing what the venue would revert, with the decoded reason', async () => {
    const nonceBefore = await publicClient.getTransactionCount({ address: retail.address })
    const stages: WriteStage['stage'][] = []
    const result = await sendVenueWrite({
      publicClient,
      walletClient: wallet,
      account: retail.address,
      call: venueCall({ kind: 'withdraw', collateralId: 0n, decimals: 6, amount: 12_000 }),
      onStage: (stage) => stages.push(stage.stage),
    })
    expect(result.stage).toBe('failed')
    expect(stages).not.toContain('awaitingSignature')
    if (result.stage === 'failed') {
      expect(result.error.name).toBe('InsufficientMargin')
      expect(result.error.message).toMatch(/^Equity after \(.+ USD\) would be below the initial margin it needs \(.+ USD\)\.$/)
    }
    expect(await publicClient.getTransactionCount({ address: retail.address })).toBe(nonceBefore)
  })

  it('names a halted market: no risk-increasing order on a stale price', async () => {
    const { testClient } = createDevnetClients(anvil.rpcUrl)
    await testClient.increaseTime({ seconds: 120 })
    await testClient.mine({ blocks: 1 })
    const result = await sendVenueWrite({ publicClient, walletClient: wallet, account: retail.address, call: venueCall({ kind: 'trade', marketId: 1n, size: 1 }), markets: ['BTC', 'ETH', 'SOL'], onStage: () => undefined })
    expect(result.stage === 'failed' && result.error).toMatchObject({ name: 'MarketHalted', message: 'The ETH market takes no risk-increasing orders now: the price is stale.' })
  })

  it('names a token-level refusal too: a deposit the wallet cannot fund', async () => {
    const empty = privateKeyToAccount(devnetAccount(9).privateKey) // holds ETH for gas, no USDC
    const emptyWallet = createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl), account: empty })
    const result = await sendVenueWrite({
      publicClient,
      walletClient: emptyWallet,
      account: empty.address,
      call: () => depositWithPermitCall({ walletClient: emptyWallet, publicClient, owner: empty.address, collateral: usdc, amount: 10 }),
      onStage: () => undefined,
    })
    expect(result.stage === 'failed' && result.error.name).toBe('ERC20InsufficientBalance')
  })

  it('a rejected signature leaves nothing sent and says so', async () => {
    const refusing = createWalletClient({
      chain: foundry,
      account: retail.address,
      transport: custom({
        request: async ({ method }) => {
          if (method === 'eth_signTypedData_v4') throw new UserRejectedRequestError(new Error('User rejected the request.'))
          return publicClient.request({ method } as never)
        },
      }),
    })
    const result = await sendVenueWrite({
      publicClient,
      walletClient: refusing,
      account: retail.address,
      call: () => depositWithPermitCall({ walletClient: refusing, publicClient, owner: retail.address, collateral: usdc, amount: 10 }),
      onStage: () => undefined,
    })
    expect(result.stage === 'failed' && result.error).toMatchObject({ name: 'UserRejected', rejected: true })
  })
})

describe('devnetMarketIds', () => {
  it('match the venue’s own listing', async () => {
    const listed = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })
    expect(Object.fromEntries(listed.map((market) => [market.symbol, market.id]))).toEqual(devnetMarketIds)
  })
})

describe('devnetCollaterals', () => {
  it('match the venue’s own listing (ids, tokens, decimals)', async () => {
    const listed = await publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getCollaterals' })
    expect(listed.map((c) => ({ symbol: c.symbol, id: c.id, token: c.token, decimals: c.decimals }))).toEqual(devnetCollaterals.map(({ symbol, id, token, decimals }) => ({ symbol, id, token, decimals })))
  })
})

describe('venueCall', () => {
  it('converts trader units exactly: shortest decimal to token units or WAD; market-order bounds', () => {
    expect(venueCall({ kind: 'trade', marketId: 1n, size: 16.5 })).toEqual({ functionName: 'trade', args: [1n, 16_500_000_000_000_000_000n, 2n ** 256n - 1n, false] })
    expect(venueCall({ kind: 'trade', marketId: 0n, size: -0.1, limitPrice: 59_000.5 })).toEqual({ functionName: 'trade', args: [0n, -100_000_000_000_000_000n, 59_000_500_000_000_000_000_000n, false] })
    expect(venueCall({ kind: 'withdraw', collateralId: 0n, decimals: 6, amount: 0.1 })).toEqual({ functionName: 'withdraw', args: [0n, 100_000n] })
    expect(venueCall({ kind: 'moveToIsolated', isolatedId: 3n, amount: 1e-6 })).toEqual({ functionName: 'addIsolatedMargin', args: [3n, 1n] })
    expect(venueCall({ kind: 'tradeOption', seriesId: 7n, size: -2.5, limitPremium: 1_234.56 })).toEqual({ functionName: 'tradeOption', args: [7n, -2_500_000_000_000_000_000n, 1_234_560_000_000_000_000_000n] })
    expect(venueCall({ kind: 'tradeOption', seriesId: 7n, size: 1 }).args[2]).toBe(2n ** 256n - 1n) // a buy without a limit pays any premium
    expect(() => venueCall({ kind: 'trade', marketId: 0n, size: Number.NaN })).toThrow('Not a finite amount')
  })
})
