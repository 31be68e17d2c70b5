import { correlatedMoveLiquidation } from '../../lib/core/risk/correlatedMoveLiquidation'
import { liquidationProbability } from '../../lib/core/risk/liquidationProbability'
import type { SerializedError } from '../../lib/engine/protocol'
import type { EstimatesCommand, EstimatesMessage, ProbabilitiesJob, ProbabilitiesResult, ProbabilityTarget } from '../../lib/estimates/protocol'

export type EstimatesCoreParameters = {
  /** Delivers a message (postMessage in the worker). */
  post: (message: EstimatesMessage) => void
  /**
   * Lets queued messages in between two chunks of a job (a macrotask: `setTimeout(…, 0)` in the
   * worker), so a cancel, a newer job or a correlated-move request is seen within one chunk.
   */
  yieldToMessages?: () => Promise<void>
  /** Wall clock, ms. */
  clock?: () => number
}

/**
 * The estimates worker's logic, without the worker (workers/estimates.worker.ts wires it to
 * `self`): answers correlated-move requests at once, and runs probability jobs as a sequence of
 * chunks — one lib/core `liquidationProbability` per (book, horizon): the cross account, then
 * each isolated position on its own margin — yielding to the message queue between chunks.
 * Only the latest probabilities job runs: a newer one, or a `cancel`, stops the current one at
 * its next chunk (answered `cancelled`), so the worker never spends seconds on a stale book.
 */
export function createEstimatesCore({ post, yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0)), clock = () => performance.timeOrigin + performance.now() }: EstimatesCoreParameters) {
  /** The probabilities job that may run; any other stops at its next chunk. */
  let current: number | null = null

  const answer = (id: number, compute: () => unknown) => {
    try {
      post({ type: 'response', id, ok: true, result: compute() })
    } catch (error) {
      post({ type: 'response', id, ok: false, error: serializeError(error) })
    }
  }

  const runProbabilities = async (id: number, job: ProbabilitiesJob) => {
    current = id
    const { book, horizons, jumps, paths, seed } = job
    const books: Omit<ProbabilityTarget, 'horizons'>[] = [
      { kind: 'cross', isolatedId: null, underlying: null, size: null },
      ...book.account.isolated.map((position) => ({ kind: 'isolated' as const, isolatedId: position.id, underlying: position.perp.underlying, size: position.perp.size })),
    ]
    const targets: ProbabilityTarget[] = books.map((target) => ({ ...target, horizons: [] }))
    let computeMs = 0
    try {
      for (const target of targets)
        for (const horizonSeconds of horizons) {
          await yieldToMessages()
          if (current !== id) return post({ type: 'cancelled', id })
          const started = clock()
          target.horizons.push(
            liquidationProbability({
              account: book.account,
              markets: book.markets,
              params: book.params,
              horizonSeconds,
              jumps,
              paths,
              seed,
              ...(target.isolatedId === null ? {} : { isolatedId: target.isolatedId }),
            }),
          )
          computeMs += clock() - started
        }
      const result: ProbabilitiesResult = { targets, computeMs }
      post({ type: 'response', id, ok: true, result })
    } catch (error) {
      post({ type: 'response', id, ok: false, error: serializeError(error) })
    } finally {
      if (current === id) current = null
    }
  }

  return {
    /** Handles one command; a probabilities job resolves when it has answered (or stopped). */
    onCommand(command: EstimatesCommand): Promise<void> {
      switch (command.type) {
        case 'correlatedMove': {
          const { account, markets, params } = command.book
          answer(command.id, () => correlatedMoveLiquidation({ account, markets, params }))
          return Promise.resolve()
        }
        case 'probabilities':
          return runProbabilities(command.id, command.job)
        case 'cancel':
          if (current === command.id) current = null
          return Promise.resolve()
      }
    },
  }
}

/** `{ name, message }` as the engine worker sends it (lib/core's `shortMessage` when there is one); not imported from there, to keep the engine out of this bundle. */
function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: (error as { shortMessage?: string }).shortMessage ?? error.message }
  return { name: 'Error', message: String(error) }
}
