import { describe, expect, it } from 'vitest'
import { horizonText } from './horizonText'

describe('horizonText', () => {
  it('says the panel’s horizons the way a trader does', () => {
    expect(horizonText(3_600)).toBe('1 h')
    expect(horizonText(86_400)).toBe('24 h')
    expect(horizonText(604_800)).toBe('7 d')
    expect(horizonText(172_800)).toBe('2 d')
    expect(horizonText(900)).toBe('15 min')
    expect(horizonText(90)).toBe('90 s')
  })

  it('never says NaN', () => {
    expect(horizonText(Number.NaN)).toBe('—')
    expect(horizonText(0)).toBe('—')
  })
})
