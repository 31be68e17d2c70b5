import { describe, expect, it } from 'vitest'
import { needleRotationDegrees, semicircleArcPath } from './semicircleArcPath'

const geometry = { cx: 100, cy: 100, r: 80 }

describe('semicircleArcPath', () => {
  it('runs from the left end over the top to the right end', () => {
    expect(semicircleArcPath(0, 1, geometry)).toBe('M 20 100 A 80 80 0 0 1 180 100')
    expect(semicircleArcPath(0, 0.5, geometry)).toBe('M 20 100 A 80 80 0 0 1 100 20')
    expect(semicircleArcPath(0.5, 1, geometry)).toBe('M 100 20 A 80 80 0 0 1 180 100')
  })

  it('clamps to the scale and draws nothing for an empty range', () => {
    expect(semicircleArcPath(-1, 2, geometry)).toBe(semicircleArcPath(0, 1, geometry))
    expect(semicircleArcPath(0.6, 0.6, geometry)).toBe('')
    expect(semicircleArcPath(0.7, 0.2, geometry)).toBe('')
    expect(semicircleArcPath(1.2, 1.5, geometry)).toBe('')
  })
})

describe('needleRotationDegrees', () => {
  it('turns an upright needle from −90° (left) to +90° (right)', () => {
    expect(needleRotationDegrees(0)).toBe(-90)
    expect(needleRotationDegrees(0.5)).toBe(0)
    expect(needleRotationDegrees(1)).toBe(90)
    expect(needleRotationDegrees(7)).toBe(90)
    expect(needleRotationDegrees(Number.NaN)).toBe(-90)
  })
})
