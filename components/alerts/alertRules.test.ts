import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets } from '@/lib/core/risk/types'
import { evaluateAlerts, loadAlertRules, nearestLiquidationDistance, saveAlertRules, type AlertState } from './alertRules'

const account: Account = { collateral: { USDC: 10_000 }, perps: [{ underlying: 'ETH', size: 16, entryPrice: 3_000, lastFundingIndex: 0 }], options: [], isolated: [] }
const at = (price: number) => {
  const markets: Markets = { now: 1_700_000_000, underlyings: { ETH: { price, conf: 0, vol: 0.65, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } }
  return evaluateAccount(account, markets, defaultRiskParams, { liquidationPrices: true })
}

describe('alerts', () => {
  it('the nearest liquidation distance is the perp book’s closed-form liquidation price', () => {
    const risk = at(3_000)
    // A − MM = 0 at S: 10,000 + 16(S − 3,000) = M·16·S, M = 3·0.65·√(1 h/1 y) + 1e-9·16·S (solved by lib/core exactly).
    const level = risk.liquidationPrices!.underlyings.ETH!.below
    expect(level.price).not.toBeNull()
    expect(nearestLiquidationDistance(risk.liquidationPrices)).toBeCloseTo(Math.abs((level.price! - 3_000) / 3_000), 12)
  })

  it('fire once when the condition becomes true, re-arm when it clears', () => {
    let states: AlertState[] = [
      { rule: { id: 'mr', kind: 'marginRatioAbove', threshold: 0.5 }, active: false },
      { rule: { id: 'd', kind: 'liquidationDistanceBelow', threshold: 0.05 }, active: false },
    ]
    const step = (price: number) => {
      const result = evaluateAlerts(states, at(price))
      states = result.states
      return result.fired.map((fired) => fired.rule.id)
    }
    expect(step(3_000)).toEqual([]) // ratio ≈ 10 %, liquidation ≈ 18 % away
    expect(step(2_540)).toEqual(['d']) // ratio ≈ 32 %, ≈ 4.5 % away
    expect(step(2_470)).toEqual(['mr']) // ratio ≈ 54 % (the distance alert already fired)
    expect(step(2_460)).toEqual([]) // still true: not again
    expect(step(3_000)).toEqual([]) // clears: re-armed
    expect(step(2_470)).toEqual(['mr', 'd'])
  })

  it('persist locally; unreadable storage gives no rules rather than an error', () => {
    const memory = new Map<string, string>()
    const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value) }
    saveAlertRules(storage, [{ id: 'a', kind: 'marginRatioAbove', threshold: 0.6 }])
    expect(loadAlertRules(storage)).toEqual([{ id: 'a', kind: 'marginRatioAbove', threshold: 0.6 }])
    memory.set('marginflow.alerts', '{not json')
    expect(loadAlertRules(storage)).toEqual([])
    memory.set('marginflow.alerts', JSON.stringify([{ id: 'x', kind: 'nonsense', threshold: 1 }, { id: 'y', kind: 'marginRatioAbove', threshold: -1 }]))
    expect(loadAlertRules(storage)).toEqual([])
  })
})
