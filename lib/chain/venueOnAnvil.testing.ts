import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, type Address, type Hash, type TransactionReceipt } from 'viem'
import { foundry } from 'viem/chains'
import { startAnvil } from '../../devnet/anvil/startAnvil'
import { deployVenue } from '../../devnet/deploy'
import { encodePriceFeedUpdate } from '../../devnet/hermes/encodePriceFeedUpdate'
import { toWad } from '../../devnet/venue/venueParams'
import { priceFeedId, type PriceFeedSymbol } from '../feeds/priceFeeds'
import { volatilityFeedId } from '../feeds/volatilityFeeds'
import { devnetTokenAbi, marginVenueAbi, volatilityIndexAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'

const root = fileURLToPath(new URL('../../', import.meta.url))
const gas = 5_000_000n
const tokens = { USDC: { id: 0n, address: devnetAddresses.usdc, decimals: 6 }, WETH: { id: 1n, address: devnetAddresses.weth, decimals: 18 } } as const

/**
 * A fresh anvil with the venue deployed (devnet/deploy.ts), for lib/chain's tests against real
 * chain state (tests only: lib/chain itself never imports devnet/). Every write names its gas
 * and is confirmed by polling its receipt, so it works with automine on; with automine off,
 * `submit` only sends and the test mines.
 */
export async function venueOnAnvil() {
  // A fresh clone has no artifacts yet; the build also regenerates lib/chain/generated.
  if (!existsSync(`${root}contracts/out/MarginVenue.sol/MarginVenue.json`)) {
    const build = spawnSync(process.execPath, [`${root}scripts/forge.mjs`, 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('forge build failed')
  }
  const anvil = await startAnvil()
  const transport = http(anvil.rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport })
  const wallet = createWalletClient({ chain: foundry, transport })
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const { owner } = await deployVenue({ rpcUrl: anvil.rpcUrl })
  const devAccounts = await wallet.getAddresses()
  const venue = devnetAddresses.marginVenue
  const level: Record<PriceFeedSymbol, number> = { BTC: 60_000, ETH: 3_000, SOL: 150, USDC: 1 }
  const vol = { BTC: 0.55, ETH: 0.65, SOL: 0.85 }

  const confirm = async (pending: Promise<Hash>): Promise<TransactionReceipt> => {
    const hash = await pending
    for (let tries = 0; tries < 1_000; tries++) {
      const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined)
      if (receipt !== undefined) {
        if (receipt.status !== 'success') throw new Error(`${hash} reverted`)
        return receipt
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`no receipt for ${hash}`)
  }

  const units = (token: keyof typeof tokens, amount: number) => BigInt(Math.round(amount * 1e6)) * 10n ** BigInt(tokens[token].decimals - 6)
  const marketIds = { BTC: 0n, ETH: 1n, SOL: 2n } as const

  return {
    anvil,
    rpcUrl: anvil.rpcUrl,
    wsUrl: anvil.rpcUrl.replace(/^http/, 'ws'),
    publicClient,
    testClient,
    owner,
    devAccounts,
    level,
    confirm,
    // The writes below only send (they resolve to the hash): with automine off, the test mines.
    deposit: (trader: Address, token: keyof typeof tokens, amount: number) =>
      wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [tokens[token].id, units(token, amount)] }),
    /** A cross trade of `size` base units (long > 0) at any price. */
    trade: (trader: Address, market: keyof typeof marketIds, size: number) =>
      wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [marketIds[market], toWad(size), size > 0 ? maxUint256 : 0n, false] }),
    /** An isolated position of `size` base units on `marginUsdc` USDC of margin, at any price. */
    openIsolated: (trader: Address, market: keyof typeof marketIds, marginUsdc: number, size: number) =>
      wallet.writeContract({ chain: foundry, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'openIsolated', args: [marketIds[market], units('USDC', marginUsdc), toWad(size), size > 0 ? maxUint256 : 0n] }),
    /** Mints `amount` of a token to `trader` and approves the venue (no deposit). */
    mintAndApprove: async (trader: Address, token: keyof typeof tokens, amount: number) => {
      const { address } = tokens[token]
      await confirm(wallet.writeContract({ chain: foundry, account: owner, gas, address, abi: devnetTokenAbi, functionName: 'mint', args: [trader, units(token, amount)] }))
      await confirm(wallet.writeContract({ chain: foundry, account: trader, gas, address, abi: devnetTokenAbi, functionName: 'approve', args: [venue, maxUint256] }))
    },
    /**
     * Publishes every price (conf 0.05 %) and vol as the keeper does, in a block `afterSeconds`
     * after the latest one and stamped with its time (so time passes for funding); returns the
     * receipt of the price update.
     */
    publish: async (moves: Partial<Record<PriceFeedSymbol, number>> = {}, { afterSeconds = 1 } = {}) => {
      Object.assign(level, moves)
      const now = (await publicClient.getBlock({ blockTag: 'latest' })).timestamp + BigInt(Math.max(1, afterSeconds))
      await testClient.setNextBlockTimestamp({ timestamp: now })
      const updates = (Object.keys(level) as PriceFeedSymbol[]).map((symbol) => {
        const price = BigInt(Math.round(level[symbol] * 1e8))
        const conf = price / 2_000n
        return encodePriceFeedUpdate({ id: priceFeedId(symbol), price, conf, expo: -8, emaPrice: price, emaConf: conf, publishTime: Number(now), prevPublishTime: 0 })
      })
      const receipt = await confirm(wallet.writeContract({ chain: foundry, account: owner, gas, address: venue, abi: marginVenueAbi, functionName: 'updatePrices', args: [updates] }))
      const symbols = ['BTC', 'ETH', 'SOL'] as const
      await confirm(
        wallet.writeContract({
          chain: foundry,
          account: owner,
          gas,
          address: devnetAddresses.volatilityIndex,
          abi: volatilityIndexAbi,
          functionName: 'pushMany',
          args: [symbols.map(volatilityFeedId), symbols.map((s) => toWad(vol[s])), symbols.map((s) => toWad(vol[s] / 100)), symbols.map(() => now)],
        }),
      )
      return receipt
    },
  }
}
