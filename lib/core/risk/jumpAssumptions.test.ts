import { describe, expect, it } from 'vitest'
import { assetModels } from '../../../devnet/market/assetModels'
import { jumpAssumptions } from './jumpAssumptions'

describe('jumpAssumptions', () => {
  it('are the jumps the devnet price simulator actually draws, for every simulated underlying', () => {
    // lib/core may not import devnet/ (boundaries.test.ts); a test may: it keeps the copy honest.
    const fromSimulator = Object.fromEntries(
      Object.entries(assetModels).map(([asset, model]) => [asset, { intensity: model.jumpIntensity, meanLog: model.jumpMeanLog, volLog: model.jumpVolLog }]),
    )
    expect(jumpAssumptions.underlyings).toEqual(fromSimulator)
  })
})
