/**
 * Seeding on a real anvil: the power user's option book as the chain holds it after
 * `seedMarket` — positions, the series they are in (against a calendar walk and the oracle
 * price), and the venue's own margin figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { marginVenueAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { deployVenue } from '../deploy'
import { toWad } from '../venue/venueParams'
import { createDevnetClients, type DevnetClients } from './createDevnetClients'
import { devnetAccount, devnetRoles } from './devnetAccounts'
import type { OptionExpiryName } from './optionExpiries'
import { readOptionSeries } from './readOptionSeries'
import { seedMarket } from './seedMarket'
import { seedPlan } from './seedPlan'

const venue = devnetAddresses.marginVenue
const prices = { BTC: 60_000, ETH: 3_000, SOL: 150 }
let anvil: StartAnvilReturnType
let clients: DevnetClients
let seededAt: number

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 })
  await deployVenue({ rpcUrl: anvil.rpcUrl, keepers: [devnetAccount(devnetRoles.keeper).address] })
  clients = createDevnetClients(anvil.rpcUrl)
  seededAt = Number((await clients.publicClient.getBlock({ blockTag: 'latest' })).timestamp)
  await seedMarket(clients, seedPlan({ seed: 4, prices }).filter((plan) => plan.role !== 'background'))
}, 120_000)

afterAll(async () => {
  await anvil?.stop()
})

/** Deribit's calendar walked hour by hour: 08:00 UTC more than an hour away; Fridays for weeklies. */
function calendar(now: number): Record<OptionExpiryName, number> {
  const dailies: number[] = []
  const fridays: number[] = []
  for (let hour = Math.ceil(now / 3_600) * 3_600; fridays.length < 2; hour += 3_600) {
    const date = new Date(hour * 1_000)
    if (date.getUTCHours() !== 8 || hour <= now + 3_600) continue
    if (dailies.length < 2) dailies.push(hour)
    if (date.getUTCDay() === 5) fridays.push(hour)
  }
  return { nextDaily: dailies[0]!, secondDaily: dailies[1]!, nextWeekly: fridays[0]!, secondWeekly: fridays[1]! }
}

describe('seedMarket: options (anvil)', () => {
  it('gives the power user its 20+ option positions in the planned series, sizes and directions, well inside its margin', async () => {
    const power = seedPlan({ seed: 4, prices })[1]!
    const account = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getAccount', args: [power.address] })
    expect(account.options.length).toBeGreaterThanOrEqual(20)
    expect(account.options).toHaveLength(power.options.length)
    expect(new Set(account.options.map((option) => option.seriesId)).size).toBe(account.options.length)

    // Each leg sits in the series a trader would name: the calendar's expiry, the grid strike nearest the oracle price plus its steps.
    const expiries = calendar(seededAt)
    const series = new Map((await readOptionSeries(clients.publicClient)).map((s) => [s.id, s]))
    const markets = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'getMarkets' })
    const expected = power.options.map((leg) => {
      const market = markets.find((m) => m.symbol === leg.market)!
      const step = leg.market === 'BTC' ? 1_000 : 50
      const spot = Number(market.price / 10n ** 10n) / 1e8
      return `${market.id}/${leg.kind === 'call'}/${toWad(Math.round(spot / step) * step + leg.strikeSteps * step)}/${expiries[leg.expiry]}/${toWad(leg.size)}`
    })
    const held = account.options.map((option) => {
      const s = series.get(option.seriesId)!
      expect([s.marketId, s.isCall, s.strike, s.expiry]).toEqual([option.marketId, option.isCall, option.strike, option.expiry])
      return `${option.marketId}/${option.isCall}/${option.strike}/${option.expiry}/${option.size}`
    })
    expect(held.sort()).toEqual(expected.sort())
    expect(account.options.some((option) => option.size > 0n) && account.options.some((option) => option.size < 0n)).toBe(true)

    // The venue's own figures: MM under half of equity, equity above IM.
    const health = await clients.publicClient.readContract({ address: venue, abi: marginVenueAbi, functionName: 'accountHealth', args: [power.address] })
    expect(Number(health.cross.maintenanceMargin) / Number(health.cross.equity)).toBeLessThan(0.5)
    expect(health.cross.equity).toBeGreaterThan(BigInt(health.cross.initialMargin))
    expect(health.liquidatable).toBe(false)
    // The perps and the isolated position are there too.
    expect(account.perps.filter((perp) => perp.size !== 0n)).toHaveLength(power.perps.length)
    expect(account.isolated).toHaveLength(power.isolated.length)
  })
})
