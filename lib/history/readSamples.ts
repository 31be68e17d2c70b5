import { accountKeyRange } from './accountKeyRange'
import { awaitRequest } from './awaitRequest'
import { HistoryStorageError } from './errors'
import type { HistoryStore } from './openHistoryStore'
import type { HistorySample } from './types'

export type ReadSamplesParameters = {
  /** Wall-clock ms, inclusive; everything kept by default. */
  since?: number
  /**
   * Records per read (default 5,000): each chunk is deserialised on the main thread in one go,
   * so a full account (100,000 records) is read as ~20 short tasks instead of one long one.
   */
  chunkSize?: number
}

export type ReadSamplesErrorType = HistoryStorageError

/**
 * One account's stored records (samples and gaps), oldest first, from `since`. Reads in chunks
 * of `chunkSize`, each in its own transaction and task, so a large history never blocks the
 * page for long.
 *
 * @example
 * const lastDay = await readSamples(store, '0x15d3…6a65', { since: Date.now() - 86_400_000 })
 */
export async function readSamples(store: HistoryStore, address: string, { since, chunkSize = 5_000 }: ReadSamplesParameters = {}): Promise<HistorySample[]> {
  const samples: HistorySample[] = []
  let range = accountKeyRange(address, since)
  try {
    for (;;) {
      const chunk = await awaitRequest(store.database.transaction('samples', 'readonly').objectStore('samples').getAll(range, chunkSize))
      for (const sample of chunk as HistorySample[]) samples.push(sample)
      const last = samples.at(-1)
      if (chunk.length < chunkSize || last === undefined) return samples
      range = IDBKeyRange.bound([address.toLowerCase(), last.time], [address.toLowerCase(), Number.POSITIVE_INFINITY], true)
    }
  } catch (error) {
    throw new HistoryStorageError('read', { cause: error })
  }
}
