import { describe, expect, it } from 'vitest'
import { estimateAgeText } from './estimateAgeText'

describe('estimateAgeText', () => {
  it('reads the age in seconds, then minutes', () => {
    expect(estimateAgeText(-20)).toBe('just now') // a clock a hair behind the stamp
    expect(estimateAgeText(1_499)).toBe('just now')
    expect(estimateAgeText(12_400)).toBe('12 s ago')
    expect(estimateAgeText(59_400)).toBe('59 s ago')
    expect(estimateAgeText(60_000)).toBe('1 min ago')
    expect(estimateAgeText(185_000)).toBe('3 min 5 s ago')
  })

  it('never says NaN', () => {
    expect(estimateAgeText(Number.NaN)).toBe('age unknown')
  })
})
