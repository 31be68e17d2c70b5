import { describe, expect, it } from 'vitest'
import { scenarioCellLabel } from './scenarioCellLabel'

describe('scenarioCellLabel', () => {
  it('scenarioCellLabel: the scenario, whole-USD P&L and margin ratio, then liquidation and venue flags', () => {
    expect(scenarioCellLabel({ priceMove: -0.1, volShock: 0.3, pnl: -1_234.4, marginRatio: 0.84, liquidatable: false, venueScenario: false })).toBe(
      'price −10 %, vol +30 %: P&L −1,234 USD, margin ratio 84 %',
    )
    expect(scenarioCellLabel({ priceMove: -0.3, volShock: 0, pnl: -25_000, marginRatio: Infinity, liquidatable: true, venueScenario: true })).toBe(
      'price −30 %, vol 0 %: P&L −25,000 USD, margin ratio ∞ %, liquidatable, venue maintenance scenario',
    )
    expect(scenarioCellLabel({ priceMove: 0, volShock: 0, pnl: -0.2, marginRatio: 0.1, liquidatable: false, venueScenario: true })).toContain('P&L 0 USD')
  })
})
