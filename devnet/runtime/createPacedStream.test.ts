import { describe, expect, it } from 'vitest'
import { createPacedStream, type PacedStreamTimers } from './createPacedStream'

/** A hand-driven clock: `advance` fires due timers in time order. */
function manualTimers() {
  let now = 1_000
  let timers: { at: number; callback: () => void; id: number }[] = []
  let nextId = 0
  const api: PacedStreamTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = nextId++
      timers.push({ at: now + ms, callback, id })
      return id
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id)
    },
  }
  const advance = (ms: number) => {
    const end = now + ms
    for (;;) {
      timers.sort((a, b) => a.at - b.at)
      const next = timers[0]
      if (next === undefined || next.at > end) break
      timers.shift()
      now = next.at
      next.callback()
    }
    now = end
  }
  return { api, advance, now: () => now }
}

describe('createPacedStream', () => {
  it('sends a batch in order, evenly over the spread, after the delay', () => {
    const clock = manualTimers()
    const sent: { item: number; at: number }[] = []
    const stream = createPacedStream<number>({ publish: (item) => sent.push({ item, at: clock.now() }), delayMs: 100, spreadMs: 800, timers: clock.api })
    stream.pace([1, 2, 3, 4])
    clock.advance(99)
    expect(sent).toEqual([])
    clock.advance(1_000)
    expect(sent).toEqual([
      { item: 1, at: 1_100 },
      { item: 2, at: 1_300 },
      { item: 3, at: 1_500 },
      { item: 4, at: 1_700 },
    ])
    expect(stream.waiting()).toBe(0)
  })

  it('a new batch first sends what is left of the previous one, so order is kept', () => {
    const clock = manualTimers()
    const sent: number[] = []
    const stream = createPacedStream<number>({ publish: (item) => sent.push(item), delayMs: 0, spreadMs: 1_000, timers: clock.api })
    stream.pace([1, 2, 3, 4])
    clock.advance(300) // 1 at 0 ms, 2 at 250 ms
    expect(sent).toEqual([1, 2])
    stream.pace([5, 6])
    expect(sent).toEqual([1, 2, 3, 4]) // the rest of the first batch, at once
    clock.advance(0)
    expect(sent).toEqual([1, 2, 3, 4, 5]) // 5 due now (delay 0), 6 half a spread later
    clock.advance(1_000)
    expect(sent).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('flush sends the rest now; drop forgets it', () => {
    const clock = manualTimers()
    const sent: number[] = []
    const stream = createPacedStream<number>({ publish: (item) => sent.push(item), delayMs: 50, spreadMs: 500, timers: clock.api })
    stream.pace([1, 2, 3])
    stream.flush()
    expect(sent).toEqual([1, 2, 3])
    stream.pace([4, 5])
    expect(stream.waiting()).toBe(2)
    stream.drop()
    clock.advance(10_000)
    expect(sent).toEqual([1, 2, 3])
  })
})
