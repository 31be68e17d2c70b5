import { accountKeyRange } from './accountKeyRange'
import { awaitTransaction } from './awaitTransaction'
import { HistoryStorageError } from './errors'
import type { HistoryStore } from './openHistoryStore'

export type ClearSamplesErrorType = HistoryStorageError

/** Deletes every stored record of one account (other accounts keep theirs). */
export async function clearSamples(store: HistoryStore, address: string): Promise<void> {
  try {
    const transaction = store.database.transaction('samples', 'readwrite')
    const done = awaitTransaction(transaction)
    transaction.objectStore('samples').delete(accountKeyRange(address))
    await done
  } catch (error) {
    throw new HistoryStorageError('clear', { cause: error })
  }
}
