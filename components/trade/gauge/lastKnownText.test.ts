import { describe, expect, it } from 'vitest'
import { lastKnownText } from './lastKnownText'

describe('lastKnownText', () => {
  it('is null for live figures', () => {
    expect(lastKnownText({ confident: true, doubts: [] })).toBeNull()
  })

  it('names every reason the figures are not live', () => {
    expect(lastKnownText({ confident: false, doubts: ['ETH price stale', 'chain loading'] })).toBe('last known (ETH price stale; chain loading)')
  })

  it('never reads as live without a reason', () => {
    expect(lastKnownText({ confident: false, doubts: [] })).toBe('last known (engine not live)')
  })
})
