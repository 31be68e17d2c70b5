import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { defaultOracleGuardParams } from '../../lib/core/oracle/params'
import { assertAssetModel } from './assertAssetModel'
import { assetModels, maxConfRatio, simulatedAssets } from './assetModels'

describe('assertAssetModel', () => {
  test('the default models are valid and start where deployVenue starts the market', () => {
    for (const asset of simulatedAssets) expect(() => assertAssetModel(`assets.${asset}`, assetModels[asset])).not.toThrow()
    expect([assetModels.BTC.price, assetModels.ETH.price, assetModels.SOL.price]).toEqual([60_000, 3_000, 150])
    expect([assetModels.BTC.vol, assetModels.ETH.vol, assetModels.SOL.vol]).toEqual([0.55, 0.65, 0.85])
    expect(maxConfRatio).toBeLessThan(defaultOracleGuardParams.maxConfRatio)
  })

  test.each([
    ['price', 0],
    ['price', 1e11],
    ['vol', 0],
    ['vol', 6],
    ['volHalfLifeSeconds', 0],
    ['volOfVol', -0.1],
    ['jumpIntensity', -1],
    ['jumpIntensity', 1e7],
    ['jumpMeanLog', Number.NaN],
    ['jumpMeanLog', 2],
    ['jumpVolLog', -0.01],
    ['confRatio', 0],
    ['confRatio', 0.015],
    ['volSpikeSensitivity', Number.POSITIVE_INFINITY],
    ['volatility', 0.5],
  ])('rejects %s = %s, naming the field', (key, value) => {
    const call = () => assertAssetModel('assets.BTC', { [key]: value }, { partial: true })
    expect(call).toThrow(InvalidInputError)
    expect(call).toThrow(`Invalid assets.BTC.${key}`)
  })

  test('a full model needs every field; overrides need only some', () => {
    expect(() => assertAssetModel('m', { price: 1 })).toThrow('Invalid m.vol')
    expect(() => assertAssetModel('m', { price: 1 }, { partial: true })).not.toThrow()
    expect(() => assertAssetModel('m', null, { partial: true })).toThrow('Invalid m')
  })
})
