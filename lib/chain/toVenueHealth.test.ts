import { describe, expect, test } from 'vitest'
import { UnknownMarketError } from '../core/errors'
import { toVenueHealth } from './toVenueHealth'
import type { AccountHealthView } from './types'
import { venueViews } from './venueViews.testing'

const wad = 10n ** 18n
const book = (equity: bigint, marketId: bigint) => ({
  equity,
  collateralValue: 9_999n * wad,
  unrealizedPnl: -625n * 10n ** 16n,
  optionValue: 0n, fundingOwed: 125n * 10n ** 16n,
  maintenanceMargin: 58_125n * 10n ** 16n,
  initialMargin: 11_625n * 10n ** 17n,
  underlyings: [{ marketId, grossNotional: 30_000n * wad, maintenanceRange: 19_375n * 10n ** 12n, initialRange: 38_750n * 10n ** 12n, maintenanceMargin: 58_125n * 10n ** 16n, initialMargin: 11_625n * 10n ** 17n }],
})

describe('toVenueHealth', () => {
  test("the venue's figures in USD, underlyings by symbol, isolated positions by id", () => {
    const health: AccountHealthView = {
      cross: book(99_915n * 10n ** 17n, 0n),
      liquidatable: false,
      isolated: [{ id: 7n, marketId: 2n, health: book(-(3n * wad), 2n), liquidatable: true }],
    }
    const underlying = { grossNotional: 30_000, maintenanceRange: 0.019375, initialRange: 0.03875, maintenanceMargin: 581.25, initialMargin: 1_162.5 }
    const figures = { collateralValue: 9_999, unrealizedPnl: -6.25, optionValue: 0, fundingOwed: 1.25, maintenanceMargin: 581.25, initialMargin: 1_162.5 }
    expect(toVenueHealth({ health, markets: venueViews().markets })).toStrictEqual({
      cross: { equity: 9_991.5, ...figures, underlyings: { BTC: underlying } },
      liquidatable: false,
      isolated: { '7': { underlying: 'SOL', health: { equity: -3, ...figures, underlyings: { SOL: underlying } }, liquidatable: true } },
    })
  })

  test('an underlying the views do not list is an UnknownMarketError', () => {
    const health: AccountHealthView = { cross: book(0n, 5n), liquidatable: false, isolated: [] }
    expect(() => toVenueHealth({ health, markets: venueViews().markets })).toThrow(UnknownMarketError)
  })
})
