import { describe, expect, it } from 'vitest'
import { pnlShade } from './pnlShade'

describe('pnlShade', () => {
  it('pnlShade: red for losses, green for gains, stronger with size, neutral at 0', () => {
    expect(pnlShade(-2_000, 2_000)).toBe('rgba(239, 68, 68, 0.7)')
    expect(pnlShade(500, 2_000)).toBe('rgba(34, 197, 94, 0.39)')
    expect(pnlShade(0, 2_000)).toBe('transparent')
    expect(pnlShade(100, 0)).toBe('transparent')
  })
})
