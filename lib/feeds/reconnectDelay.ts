import { InvalidInputError } from '../core/errors'
import { assertPositive } from '../core/validate'

export type ReconnectDelayParameters = {
  /** Failed attempts since the connection was last stable, minus one: 0 for the first retry. */
  attempt: number
  /** Delay cap before jitter for attempt 0, ms (> 0). */
  initialDelay: number
  /** Largest delay, ms (>= initialDelay). */
  maxDelay: number
  /** Uniform random number in [0, 1): `Math.random` in production, a fixed sequence in tests. */
  random: () => number
}

export type ReconnectDelayErrorType = InvalidInputError

/**
 * How long to wait before reconnecting: exponential backoff with "equal jitter",
 * `d = c/2 + U·c/2` with `c = min(maxDelay, initialDelay · 2^attempt)` and U uniform in [0, 1)
 * (Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). The jitter
 * spreads the reconnections of many dashboards after a server restart; keeping half of the
 * exponential delay guarantees each client really backs off. Result in ms, in [c/2, c).
 *
 * @throws {ReconnectDelayErrorType} `InvalidInputError` for a negative or non-integer attempt,
 *   non-positive delays, `maxDelay < initialDelay`, or `random()` outside [0, 1).
 *
 * @example
 * reconnectDelay({ attempt: 0, initialDelay: 250, maxDelay: 30_000, random: () => 0.5 }) // 187.5
 * reconnectDelay({ attempt: 10, initialDelay: 250, maxDelay: 30_000, random: () => 0 }) // 15_000
 */
export function reconnectDelay({ attempt, initialDelay, maxDelay, random }: ReconnectDelayParameters): number {
  if (!Number.isSafeInteger(attempt) || attempt < 0) throw new InvalidInputError('attempt', attempt, 'an integer of at least 0')
  assertPositive('initialDelay', initialDelay)
  assertPositive('maxDelay', maxDelay)
  if (maxDelay < initialDelay) throw new InvalidInputError('maxDelay', maxDelay, `at least initialDelay (${initialDelay})`)
  const u = random()
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) throw new InvalidInputError('random()', u, 'a number in [0, 1)')
  // 2^attempt overflows to Infinity for huge attempts; Math.min keeps the cap.
  const ceiling = Math.min(maxDelay, initialDelay * 2 ** attempt)
  return ceiling / 2 + (u * ceiling) / 2
}
