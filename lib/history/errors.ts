import { CoreError, type CoreErrorParameters } from '../core/errors'

export type HistoryUnavailableErrorType = HistoryUnavailableError
/**
 * The browser keeps no history for us: no IndexedDB (an old browser, server rendering), a
 * private mode that refuses it, or a database that cannot be opened or upgraded. The page works
 * without history; the panel says why.
 */
export class HistoryUnavailableError extends CoreError {
  override name = 'HistoryUnavailableError'
  constructor(reason: string, parameters: CoreErrorParameters = {}) {
    super(`History is unavailable in this browser: ${reason}.`, parameters)
  }
}

export type HistoryStorageErrorType = HistoryStorageError
/** A read, write or delete of stored history failed (quota exceeded, the database closed, …). */
export class HistoryStorageError extends CoreError {
  override name = 'HistoryStorageError'
  /** What was being done: `append`, `read`, `clear`, `prune`. */
  readonly operation: string
  constructor(operation: string, parameters: CoreErrorParameters = {}) {
    const reason = parameters.cause instanceof Error ? `: ${parameters.cause.message}` : ''
    super(`Could not ${operation} the account history${reason}.`, parameters)
    this.operation = operation
  }
}
