import { createWalletClient, http, maxUint256, type Address, type WalletClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toWad } from '../../devnet/venue/venueParams'
import { applyWhatIf, type WhatIfChange } from '../core/solvers/applyWhatIf'
import { marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { readVenueState } from './readVenueState'
import { venueOnAnvil } from './venueOnAnvil.testing'

/**
 * What-if against the venue itself: lib/core's `applyWhatIf` books a list of changes from the
 * state at one block; the same changes are then sent as real transactions, mined together in the
 * next block, and the venue's book must be what the what-if said. The only difference allowed is
 * the one second between the blocks (funding accrual, option time value in the fill).
 */
describe('applyWhatIf books changes as the venue does', () => {
  let chain: Awaited<ReturnType<typeof venueOnAnvil>>
  let trader: Address
  const gas = 5_000_000n
  const venue = devnetAddresses.marginVenue
  let expiry: bigint
  let wallet: WalletClient
  const write = (account: Address, functionName: string, args: readonly unknown[]) =>
    wallet.writeContract({ chain: null, account, gas, address: venue, abi: marginVenueAbi, functionName, args } as never)

  beforeAll(async () => {
    chain = await venueOnAnvil()
    trader = chain.devAccounts[3] as Address
    const owner = chain.owner
    await chain.publish()
    await chain.mintAndApprove(trader, 'USDC', 200_000)
    await chain.confirm(chain.deposit(trader, 'USDC', 100_000))
    await chain.confirm(chain.trade(trader, 'BTC', 0.5))
    const { timestamp } = await chain.publicClient.getBlock({ blockTag: 'latest' })
    expiry = timestamp + 7n * 86_400n
    wallet = createWalletClient({ transport: http(chain.rpcUrl) })
    await chain.confirm(write(owner, 'setOptionLister', [owner, true]))
    await chain.confirm(write(owner, 'listSeries', [0n, true, toWad(62_000), expiry]))
    await chain.publish({ BTC: 60_500 }, { afterSeconds: 30 })
  }, 120_000)

  afterAll(async () => {
    await chain?.anvil.stop()
  })

  it('balances, sizes and entry prices after deposit, trades, an option buy and a withdrawal', async () => {
    const before = await readVenueState(chain.publicClient, { accounts: [trader] })
    const book = before.accounts[trader.toLowerCase() as Lowercase<Address>]!
    const skews = Object.fromEntries(Object.entries(before.marketStatus).map(([symbol, s]) => [symbol, s.longOpenInterest - s.shortOpenInterest]))
    const changes: WhatIfChange[] = [
      { type: 'collateral', asset: 'USDC', amount: 25_000 },
      { type: 'perpTrade', trade: { underlying: 'ETH', size: -4 } },
      { type: 'optionTrade', trade: { underlying: 'BTC', kind: 'call', strike: 62_000, expiry: Number(expiry), seriesId: '0', size: 3 } },
      { type: 'perpTrade', trade: { underlying: 'BTC', size: 0.3 } },
      { type: 'perpTrade', trade: { underlying: 'BTC', size: -0.6 } },
      { type: 'collateral', asset: 'USDC', amount: -10_000 },
    ]
    const whatIf = applyWhatIf({ account: book, markets: before.markets, params: before.params, changes, tradingParams: before.optionTradingParams, skews })

    // The same, as transactions mined together in the next block (one second later).
    await chain.testClient.setAutomine(false)
    const hashes = [
      await chain.deposit(trader, 'USDC', 25_000),
      await write(trader, 'trade', [1n, toWad(-4), 0n, false]),
      await write(trader, 'tradeOption', [0n, toWad(3), maxUint256]),
      await write(trader, 'trade', [0n, toWad(0.3), maxUint256, false]),
      await write(trader, 'trade', [0n, toWad(-0.6), 0n, false]),
      await write(trader, 'withdraw', [0n, 10_000n * 10n ** 6n]),
    ]
    await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(before.chainTime + 1) })
    await chain.testClient.mine({ blocks: 1 })
    await chain.testClient.setAutomine(true)
    for (const hash of hashes) await chain.confirm(Promise.resolve(hash))

    const after = await readVenueState(chain.publicClient, { accounts: [trader] })
    const real = after.accounts[trader.toLowerCase() as Lowercase<Address>]!
    const hypothetical = whatIf.account

    // Within 0.05 USD: the fees alone are tens of USD, a second of funding and theta is cents.
    expect(real.collateral.USDC).toBeCloseTo(hypothetical.collateral.USDC!, 1)
    expect(real.perps.map((p) => p.underlying)).toStrictEqual(hypothetical.perps.map((p) => p.underlying))
    for (const [i, perp] of real.perps.entries()) {
      expect(perp.size).toBeCloseTo(hypothetical.perps[i]!.size, 12)
      expect(perp.entryPrice).toBeCloseTo(hypothetical.perps[i]!.entryPrice, 6)
    }
    expect(real.options).toHaveLength(1)
    expect(real.options[0]).toMatchObject({ underlying: 'BTC', kind: 'call', strike: 62_000, expiry: Number(expiry), size: 3 })
    expect(real.options[0]!.entryPrice! / hypothetical.options[0]!.entryPrice! - 1).toBeLessThan(1e-5)
  }, 120_000)
})
