import { InvalidInputError } from '../../lib/core/errors'
import { assertInRange, assertNonNegative, assertPositive } from '../../lib/core/validate'
import { maxConfRatio, simulatedPriceRange, volatilityIndexRange, type AssetModel } from './assetModels'

export type AssertAssetModelErrorType = InvalidInputError

/**
 * Checks an {@link AssetModel} (or the overrides of one, when `partial`): every field finite and
 * in its domain — price within `simulatedPriceRange`, vol within `volatilityIndexRange`,
 * volHalfLifeSeconds > 0, volOfVol and volSpikeSensitivity ≥ 0, jumpIntensity in [0, 1e6] per
 * year, jumpMeanLog in [−1, 1], jumpVolLog in [0, 1] (a log jump beyond ±1 is a ×2.7 move, not a
 * market), confRatio in (0, 0.01] — and no field it does not know.
 * Throws {@link InvalidInputError} naming `field.<name>`.
 *
 * @example
 * assertAssetModel('assets.BTC', { vol: 0.8 }, { partial: true }) // passes
 * assertAssetModel('assets.BTC', { vol: -1 }, { partial: true }) // throws: Invalid assets.BTC.vol
 */
export function assertAssetModel(field: string, model: unknown, options: { partial?: boolean } = {}): asserts model is AssetModel {
  if (typeof model !== 'object' || model === null || Array.isArray(model))
    throw new InvalidInputError(field, model, 'an asset model object')
  const given = model as Record<string, unknown>
  for (const key of Object.keys(given))
    if (!(modelFields as readonly string[]).includes(key))
      throw new InvalidInputError(`${field}.${key}`, given[key], `one of the model's fields (${modelFields.join(', ')})`)
  for (const key of modelFields) {
    const value = given[key]
    if (value === undefined && options.partial) continue
    const name = `${field}.${key}`
    switch (key) {
      case 'price':
        assertInRange(name, value, simulatedPriceRange.min, simulatedPriceRange.max)
        break
      case 'vol':
        assertInRange(name, value, volatilityIndexRange.min, volatilityIndexRange.max)
        break
      case 'volHalfLifeSeconds':
        assertPositive(name, value)
        break
      case 'jumpIntensity':
        assertInRange(name, value, 0, 1e6)
        break
      case 'jumpMeanLog':
        assertInRange(name, value, -1, 1)
        break
      case 'jumpVolLog':
        assertInRange(name, value, 0, 1)
        break
      case 'confRatio':
        assertPositive(name, value)
        if (value > maxConfRatio) throw new InvalidInputError(name, value, `at most ${maxConfRatio} (half the oracle's 2 % bar)`)
        break
      default:
        assertNonNegative(name, value)
    }
  }
}

const modelFields = [
  'price',
  'vol',
  'volHalfLifeSeconds',
  'volOfVol',
  'jumpIntensity',
  'jumpMeanLog',
  'jumpVolLog',
  'confRatio',
  'volSpikeSensitivity',
] as const satisfies readonly (keyof AssetModel)[]
