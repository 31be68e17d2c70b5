import { describe, expect, it } from 'vitest'
import { noLiquidationText } from './noLiquidationText'

const searchRange = { low: 0.01, high: 100 }

describe('noLiquidationText', () => {
  it('none in range: says how far the search went, on the side asked', () => {
    expect(noLiquidationText({ reason: 'noneInRange', side: 'below', searchRange, moving: 'BTC' })).toEqual({
      short: 'none down to −99 %',
      long: 'No liquidation even if BTC falls 99 % (to 0.01× its price): the account survives every fall searched.',
    })
    expect(noLiquidationText({ reason: 'noneInRange', side: 'above', searchRange: { low: 0.5, high: 3 }, moving: 'every underlying' }).short).toBe('none up to 3×')
    expect(noLiquidationText({ reason: 'noneInRange', side: 'below', searchRange: { low: 0.5, high: 3 }, moving: 'ETH' }).short).toBe('none down to −50 %')
  })

  it('already liquidatable and no exposure, in words', () => {
    expect(noLiquidationText({ reason: 'alreadyLiquidatable', side: 'above', searchRange, moving: 'ETH' }).short).toBe('already liquidatable')
    expect(noLiquidationText({ reason: 'noExposure', side: 'below', searchRange, moving: 'SOL' }).long).toBe('Nothing in the book changes value with SOL: no price of it liquidates.')
  })
})
