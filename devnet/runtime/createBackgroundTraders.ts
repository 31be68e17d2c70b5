import { parseUnits, type Address, type Hash } from 'viem'
import { devnetTokenAbi, marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { createRandomState } from '../../lib/core/math/createRandomState'
import { nextUniform } from '../../lib/core/math/nextUniform'
import type { Logger } from '../hermes/createLogger'
import { toWad } from '../venue/venueParams'
import type { DevnetClients } from './createDevnetClients'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import type { ChainBlock } from './createKeeper'

export type BackgroundTradersStatus = { trades: number; reverts: number; topUps: number }

export type BackgroundTraders = {
  onBlock: (block: ChainBlock) => Promise<void>
  status: () => BackgroundTradersStatus
}

export type CreateBackgroundTradersParameters = {
  clients: DevnetClients
  /** The traders (anvil-unlocked accounts that have approved the venue for USDC). */
  traders: readonly Address[]
  seed: number
  logger: Logger
  /** One trade every this many blocks (3 by default). */
  everyBlocks?: number
  /** Gross leverage a trader does not go beyond (12 by default). */
  maxLeverage?: number
}

const wad = 1e18
const gas = 3_000_000n
/** A trader whose equity fell below this (USD), e.g. after a liquidation, deposits again. */
const topUpBelow = 5_000
const topUpAmount = 50_000

/**
 * The market's background flow (issue 5): every few blocks one trader, drawn from the seeded
 * stream, trades a perp. Most trades lean against the market's skew (as arbitrageurs chasing
 * funding would), the rest with it, so skew and funding wander instead of trending; a trader
 * above `maxLeverage` reduces instead; one whose equity was liquidated away deposits again, so
 * the market stays alive. Orders carry a 1 % slippage bound and skip halted markets. Sent
 * without waiting; a revert is counted and logged at debug (a trader outrun by the market is
 * ordinary), never fatal.
 */
export function createBackgroundTraders({
  clients,
  traders,
  seed,
  logger,
  everyBlocks = 3,
  maxLeverage = 12,
}: CreateBackgroundTradersParameters): BackgroundTraders {
  const { publicClient, walletClient } = clients
  const random = createRandomState(seed ^ 0x5eed)
  const status: BackgroundTradersStatus = { trades: 0, reverts: 0, topUps: 0 }
  let pending: Hash[] = []
  const venue = devnetAddresses.marginVenue

  const checkPending = async () => {
    const previous = pending
    pending = []
    for (const hash of previous) {
      const receipt = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined)
      if (receipt === undefined) pending.push(hash)
      else if (receipt.status !== 'success') {
        status.reverts += 1
        logger.debug('background trade reverted', { hash })
      }
    }
  }

  const onBlock = async (block: ChainBlock) => {
    if (traders.length === 0 || block.number % BigInt(everyBlocks) !== 0n) return
    await checkPending()
    const trader = traders[Math.floor(nextUniform(random) * traders.length)] as Address
    const [health, account, markets] = await Promise.all([
      publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [trader] }),
      publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [trader] }),
      publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' }),
    ])
    const equity = Number(health.cross.equity) / wad
    if (equity < topUpBelow && account.perps.length === 0) {
      const minter = devnetAccount(devnetRoles.deployer).address
      const units = parseUnits(String(topUpAmount), 6)
      pending.push(await walletClient.writeContract({ chain: null, account: minter, gas, address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'mint', args: [trader, units] }))
      pending.push(await walletClient.writeContract({ chain: null, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'deposit', args: [0n, units] }))
      status.topUps += 1
      logger.info('background trader topped up', { trader, usdc: topUpAmount })
      return
    }
    const gross = health.cross.underlyings.reduce((sum, underlying) => sum + Number(underlying.grossNotional) / wad, 0)
    const live = markets.filter((market) => market.halt === 0)
    if (live.length === 0 || equity <= 0) return

    const order = chooseOrder()
    if (order === undefined) return
    const { market, size, reduceOnly } = order
    const price = Number(market.price) / wad
    const acceptable = size > 0 ? toWad(price * 1.01) : toWad(price * 0.99)
    pending.push(
      await walletClient.writeContract({ chain: null, account: trader, gas, address: venue, abi: marginVenueAbi, functionName: 'trade', args: [market.id, toWad(size), acceptable, reduceOnly] }),
    )

    function chooseOrder() {
      if (gross / equity > maxLeverage && account.perps.length > 0) {
        const largest = account.perps.reduce((a, b) => (abs(a.size) >= abs(b.size) ? a : b))
        const market = live.find((m) => m.id === largest.marketId)
        return market && { market, size: roundSize((-0.3 * Number(largest.size)) / wad), reduceOnly: true }
      }
      const market = live[Math.floor(nextUniform(random) * live.length)]
      if (market === undefined) return undefined
      const skew = Number(market.longOpenInterest - market.shortOpenInterest) / wad
      const againstSkew = nextUniform(random) < 0.65
      const side = skew === 0 ? (nextUniform(random) < 0.5 ? -1 : 1) : againstSkew ? -Math.sign(skew) : Math.sign(skew)
      const room = Math.max(0, maxLeverage * equity - gross)
      const notional = Math.min(room, equity * (0.3 + 1.2 * nextUniform(random)))
      if (notional < 100) return undefined
      return { market, size: roundSize((side * notional) / (Number(market.price) / wad)), reduceOnly: false }
    }
    status.trades += 1
    logger.debug('background trade', { trader, market: market.symbol, size, reduceOnly })
  }

  return {
    onBlock: async (block) => {
      try {
        await onBlock(block)
      } catch (error) {
        logger.warn('background trader skipped a block', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
      }
    },
    status: () => ({ ...status }),
  }
}

/** Six significant digits: a size a person would type. */
function roundSize(size: number): number {
  return Number(size.toPrecision(6))
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value
}
