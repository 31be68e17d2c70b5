import { InvalidInputError } from '../../lib/core/errors'
import { assertFinite } from '../../lib/core/validate'

/** A scheduled crash or pump of one asset: `logReturn` = ln(1 + percent/100), spread evenly over [startTime, endTime). */
export type ScheduledMove = {
  /** Total log return the move adds, e.g. ln(0.85) for a 15 % crash. */
  logReturn: number
  /** Chain time the move starts and ends, unix seconds (endTime > startTime). */
  startTime: number
  endTime: number
}

export type ScheduledMoveReturnParameters = {
  moves: readonly ScheduledMove[]
  /** The step's start and end, unix seconds (from < to). */
  from: number
  to: number
}
/** Sum of the moves' log returns falling within [from, to). */
export type ScheduledMoveReturnReturnType = number
export type ScheduledMoveReturnErrorType = InvalidInputError

/**
 * The part of scheduled moves that lands in one step: each move contributes its log return in
 * proportion to the overlap of [from, to) with its own span,
 *
 *   Σ logReturn · |[from, to) ∩ [start, end)| / (end − start)
 *
 * — a log-linear path, so a 15 % crash over 10 s falls by the same 1.6 % each second whatever
 * the price does meanwhile, and the steps of any partition of the span add up to exactly the
 * move (one long step or many short ones). Overlapping moves add in log terms.
 *
 * @example
 * scheduledMoveReturn({ moves: [{ logReturn: Math.log(0.85), startTime: 100, endTime: 110 }], from: 100, to: 105 }) // ln(0.85) / 2
 */
export function scheduledMoveReturn({ moves, from, to }: ScheduledMoveReturnParameters): ScheduledMoveReturnReturnType {
  assertFinite('from', from)
  assertFinite('to', to)
  if (!(to > from)) throw new InvalidInputError('to', to, `a time after from (${from})`)
  if (!Array.isArray(moves)) throw new InvalidInputError('moves', moves, 'an array of scheduled moves')
  let logReturn = 0
  for (const move of moves) {
    const overlap = Math.min(to, move.endTime) - Math.max(from, move.startTime)
    if (overlap > 0) logReturn += (move.logReturn * overlap) / (move.endTime - move.startTime)
  }
  return logReturn
}
