import { describe, expect, test } from 'vitest'
import { defaultRiskParams } from '../core/risk/params'
import { toEngineRiskParams } from './toEngineRiskParams'
import { venueViews } from './venueViews.testing'

describe('toEngineRiskParams', () => {
  test("the venue's WAD defaults are lib/core's defaultRiskParams, field for field", () => {
    const { riskParams, markets, collaterals } = venueViews()
    expect(toEngineRiskParams({ riskParams, markets, collaterals })).toStrictEqual(defaultRiskParams)
  })

  test('horizonSeconds is seconds, not WAD; every other field is a WAD fraction', () => {
    const { riskParams, markets, collaterals } = venueViews()
    const params = toEngineRiskParams({ riskParams: { ...riskParams, horizonSeconds: 86_400n, riskFreeRate: -(10n ** 16n) }, markets, collaterals })
    expect(params.horizonSeconds).toBe(86_400)
    expect(params.riskFreeRate).toBe(-0.01)
  })
})
