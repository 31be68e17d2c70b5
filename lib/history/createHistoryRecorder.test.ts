import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { evaluateAccount } from '../core/risk/evaluateAccount'
import { defaultRiskParams } from '../core/risk/params'
import { createHistoryRecorder } from './createHistoryRecorder'
import type { HistorySample } from './types'

const address = '0x00000000000000000000000000000000000000aa'
const risk = evaluateAccount(
  { collateral: { USDC: 1_000 }, perps: [{ underlying: 'BTC', size: 0.1, entryPrice: 50_000, lastFundingIndex: 0 }], options: [], isolated: [] },
  { now: 1_700_000_000, underlyings: { BTC: { price: 50_000, conf: 0, vol: 0.5, fundingIndex: 0 } }, collateral: { USDC: { price: 1, conf: 0 } } },
  defaultRiskParams,
)
const live = { address, confident: true, risk }

/** A storage that holds what it is given, and can be told to fail or to be slow. */
function memoryStore() {
  const stored: HistorySample[] = []
  const control = { fail: false, delayMs: 0, writes: 0 }
  return {
    stored,
    control,
    write: async (samples: readonly HistorySample[]) => {
      control.writes++
      if (control.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, control.delayMs))
      if (control.fail) throw new Error('QuotaExceededError')
      stored.push(...samples)
    },
    erase: async () => {
      stored.length = 0
    },
  }
}

describe('createHistoryRecorder', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }))
  afterEach(() => vi.useRealTimers())

  /** Snapshots every 100 ms (a 10 Hz stream) for `ms`. */
  const stream = (recorder: ReturnType<typeof createHistoryRecorder>, ms: number, snapshot = live) => {
    for (let t = 0; t < ms; t += 100) {
      recorder.offer(snapshot)
      vi.advanceTimersByTime(100)
    }
  }

  it('samples every 2 s and writes in batches every 10 s, never on the tick path', async () => {
    const store = memoryStore()
    const shown: HistorySample[] = []
    const recorder = createHistoryRecorder({ address, write: store.write, erase: store.erase, onRecord: (r) => shown.push(r) })
    stream(recorder, 9_900)
    expect(store.control.writes).toBe(0) // 99 snapshots, no write yet
    expect(shown.map((r) => r.time)).toEqual([0, 2_000, 4_000, 6_000, 8_000]) // but the chart has them
    await vi.advanceTimersByTimeAsync(100) // the 10 s mark
    expect(store.control.writes).toBe(1)
    expect(store.stored.map((r) => r.time)).toEqual([0, 2_000, 4_000, 6_000, 8_000])
    await recorder.stop()
  })

  it('ignores other accounts’ snapshots', () => {
    const store = memoryStore()
    const recorder = createHistoryRecorder({ address, write: store.write, erase: store.erase })
    recorder.offer({ ...live, address: '0x00000000000000000000000000000000000000bb' })
    expect(recorder.pending()).toBe(0)
    recorder.offer({ ...live, address: address.toUpperCase().replace('0X', '0x') })
    expect(recorder.pending()).toBe(1)
  })

  it('a failed write keeps the batch for the next flush and reports the error', async () => {
    const store = memoryStore()
    const errors: unknown[] = []
    const recorder = createHistoryRecorder({ address, write: store.write, erase: store.erase, onWriteError: (e) => errors.push(e) })
    store.control.fail = true
    stream(recorder, 4_100)
    await recorder.flush()
    expect(errors).toHaveLength(1)
    expect(recorder.pending()).toBe(3)
    store.control.fail = false
    stream(recorder, 2_000)
    await recorder.flush()
    expect(store.stored.map((r) => r.time)).toEqual([0, 2_000, 4_000, 6_000])
    await recorder.stop()
  })

  it('clear: nothing taken before it is stored after it, even with a write in flight', async () => {
    const store = memoryStore()
    const recorder = createHistoryRecorder({ address, write: store.write, erase: store.erase })
    store.control.delayMs = 500
    stream(recorder, 4_100)
    const writing = recorder.flush() // in flight for 500 ms
    stream(recorder, 2_000) // one more record, pending
    const clearing = recorder.clear()
    stream(recorder, 2_000) // taken after the clear: kept
    await vi.advanceTimersByTimeAsync(1_000)
    await Promise.all([writing, clearing])
    expect(store.stored).toEqual([])
    expect(recorder.pending()).toBe(1)
    store.control.delayMs = 0
    await recorder.stop()
    expect(store.stored.map((r) => r.time)).toEqual([8_000])
  })
})

it('a write that fails across a clear does not bring its records back', async () => {
  vi.useFakeTimers({ now: 0 })
  const store = memoryStore()
  const recorder = createHistoryRecorder({ address, write: store.write, erase: store.erase })
  recorder.offer(live)
  store.control.fail = true
  store.control.delayMs = 100
  const writing = recorder.flush()
  const clearing = recorder.clear()
  await vi.advanceTimersByTimeAsync(200)
  await Promise.all([writing, clearing])
  expect(recorder.pending()).toBe(0)
  vi.useRealTimers()
})
