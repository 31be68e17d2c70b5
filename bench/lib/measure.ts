/**
 * Timing for benchmarks: repeated rounds of a batch of calls, median per call.
 *
 * Competing implementations are measured side by side in interleaved rounds (A, B, A, B, …) so
 * that a noisy moment of the machine hits both, and compared as a ratio of medians.
 */

export type Measurement = {
  /** Median nanoseconds per call over the rounds. */
  medianNs: number
  /** 95th percentile of per-round nanoseconds per call. */
  p95Ns: number
  rounds: number
  callsPerRound: number
}

/** A body runs `calls` operations and returns something derived from them (kept, so the JIT can't drop the work). */
export type Body = (calls: number) => number

let sink = 0
/** Read by the harness so results of measured work stay observable. */
export function sinkValue(): number {
  return sink
}

function timeRound(body: Body, calls: number): number {
  const start = process.hrtime.bigint()
  sink += body(calls)
  return Number(process.hrtime.bigint() - start) / calls
}

/** Picks a round size so one round takes about `targetMs`. */
function calibrate(body: Body, targetMs: number): number {
  let calls = 1
  for (;;) {
    const ns = timeRound(body, calls) * calls
    if (ns > targetMs * 1e6 / 4 || calls > 1e8) return Math.max(1, Math.round((calls * targetMs * 1e6) / Math.max(ns, 1)))
    calls *= 4
  }
}

function summarize(samples: number[], callsPerRound: number): Measurement {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { medianNs: at(0.5), p95Ns: at(0.95), rounds: samples.length, callsPerRound }
}

/**
 * Measures several bodies interleaved: after a warm-up, `rounds` rounds in which every body runs
 * once for about `roundMs`. Returns one measurement per body, in order.
 */
export function measureSideBySide(bodies: Body[], { rounds = 25, roundMs = 20 } = {}): Measurement[] {
  for (const body of bodies) body(1000) // warm up the JIT
  const sizes = bodies.map((body) => calibrate(body, roundMs))
  const samples = bodies.map(() => [] as number[])
  for (let round = 0; round < rounds; round++)
    bodies.forEach((body, i) => samples[i]!.push(timeRound(body, sizes[i]!)))
  return samples.map((s, i) => summarize(s, sizes[i]!))
}

/** Measures one body (same method, no competitor). */
export function measure(body: Body, options?: { rounds?: number; roundMs?: number }): Measurement {
  return measureSideBySide([body], options)[0]!
}
