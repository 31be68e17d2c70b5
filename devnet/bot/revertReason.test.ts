import { createPublicClient, createWalletClient, custom, http, maxUint256, type Address, type Hash, type PublicClient } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetTokenAbi, marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { deployVenue } from '../deploy'
import { toWad } from '../venue/venueParams'
import { revertReason } from './revertReason'

/** Real reverts on a fresh anvil, decoded through the call trace and through the eth_call replay alone. */
describe('revertReason (anvil)', () => {
  let anvil: StartAnvilReturnType
  let client: PublicClient
  /** The same node without debug_*: only the replay can answer. */
  let replayOnly: PublicClient
  let wallet: ReturnType<typeof createWalletClient>
  let owner: Address
  let trader: Address
  const venue = devnetAddresses.marginVenue
  const gas = 5_000_000n

  const mined = async (hash: Hash) => {
    for (;;) {
      const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined)
      if (receipt !== undefined) return receipt
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  beforeAll(async () => {
    anvil = await startAnvil()
    const transport = http(anvil.rpcUrl)
    client = createPublicClient({ chain: foundry, transport })
    const node = transport({ chain: foundry })
    replayOnly = createPublicClient({
      chain: foundry,
      transport: custom({
        request: ({ method, params }: { method: string; params?: unknown }) => (method.startsWith('debug_') ? Promise.reject(new Error('method not found')) : node.request({ method, params } as never)),
      }),
    })
    wallet = createWalletClient({ chain: foundry, transport })
    owner = (await deployVenue({ rpcUrl: anvil.rpcUrl })).owner
    trader = (await wallet.getAddresses())[5] as Address
    // A healthy trader: 10,000 USDC, long 1 ETH.
    await mined(await wallet.writeContract({ chain: foundry, account: owner, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [trader, 10_000_000_000n] }))
    await mined(await wallet.writeContract({ chain: foundry, account: trader, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] }))
    await mined(await wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [0n, 10_000_000_000n] }))
    await mined(await wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [1n, toWad(1), maxUint256, false] }))
  }, 60_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it("names the venue's error and its arguments: NotLiquidatable with the book's equity and MM", async () => {
    const receipt = await mined(await wallet.writeContract({ chain: foundry, account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'liquidate', args: [trader] }))
    expect(receipt.status).toBe('reverted')
    // The venue's view at the same block gives the figures it refused on (to rounding: the view
    // accrues funding without settling it, the action settles first).
    const health = await client.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [trader], blockNumber: receipt.blockNumber })
    expect(health.cross.equity).toBeGreaterThan(health.cross.maintenanceMargin)
    for (const reason of [await revertReason({ client, receipt }), await revertReason({ client: replayOnly, receipt })]) {
      expect(reason.errorName).toBe('NotLiquidatable')
      const [equity, maintenanceMargin] = reason.args as [bigint, bigint]
      expect(Number(equity - health.cross.equity)).toBeLessThanOrEqual(1e-12 * Number(health.cross.equity))
      expect(Number(health.cross.equity - equity)).toBeLessThanOrEqual(1e-12 * Number(health.cross.equity))
      expect(maintenanceMargin).toBe(health.cross.maintenanceMargin)
    }
  })

  it('decodes errors of the venue modules (UnknownIsolatedPosition) and says unknown for a transaction that did not revert', async () => {
    const receipt = await mined(await wallet.writeContract({ chain: foundry, account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'liquidateIsolated', args: [999n] }))
    expect(receipt.status).toBe('reverted')
    expect(await revertReason({ client, receipt })).toEqual({ errorName: 'UnknownIsolatedPosition', args: [999n] })
    const fine = await mined(await wallet.writeContract({ chain: foundry, account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'sync' }))
    expect(fine.status).toBe('success')
    expect(await revertReason({ client, receipt: fine })).toEqual({ errorName: 'unknown', args: [] })
    expect(await revertReason({ client: replayOnly, receipt: fine })).toEqual({ errorName: 'unknown', args: [] })
  })
})
