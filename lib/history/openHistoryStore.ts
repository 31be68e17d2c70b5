import { HistoryUnavailableError } from './errors'
import { defaultHistoryRetention, pruneSamples, type HistoryRetention, type PruneSamplesErrorType } from './pruneSamples'

/** IndexedDB database of the app (one per origin). */
export const historyDatabaseName = 'marginflow'
/** Schema version: bump with an `onupgradeneeded` step when the store's shape changes. */
export const historyDatabaseVersion = 1
/**
 * Object store of samples, keyed `[address, time]` (address lower case, time wall-clock ms): one
 * account's samples are one contiguous key range, in time order. Index `time` serves pruning by
 * age across accounts.
 */
export const historyStoreName = 'samples'

/** An open history database and the retention it enforces. */
export type HistoryStore = {
  database: IDBDatabase
  retention: HistoryRetention
}

export type OpenHistoryStoreParameters = {
  /** The IndexedDB factory; the browser's `indexedDB` by default. */
  indexedDB?: IDBFactory
  /** What is kept; {@link defaultHistoryRetention} by default. */
  retention?: HistoryRetention
  /** Wall-clock ms, for the prune on open (`Date.now()` by default). */
  now?: number
}

export type OpenHistoryStoreErrorType = HistoryUnavailableError | PruneSamplesErrorType

/**
 * Opens (creating or upgrading) the `marginflow` database and drops what the retention no
 * longer keeps. Rejects with {@link HistoryUnavailableError} when the browser has no IndexedDB,
 * refuses it (private modes, blocked storage) or cannot open it; the caller shows that and the
 * page goes on without history.
 *
 * @example
 * const store = await openHistoryStore()
 * await appendSamples(store, samples)
 * const lastHour = await readSamples(store, address, { since: Date.now() - 3_600_000 })
 */
export async function openHistoryStore({ indexedDB: factory, retention = defaultHistoryRetention, now = Date.now() }: OpenHistoryStoreParameters = {}): Promise<HistoryStore> {
  let idb: IDBFactory | undefined
  try {
    // Reading `indexedDB` itself throws a SecurityError where storage is blocked (sandboxed frames, cookies off).
    idb = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB
  } catch (error) {
    throw new HistoryUnavailableError('the browser blocks its storage', { cause: error })
  }
  if (idb === undefined) throw new HistoryUnavailableError('it has no IndexedDB')

  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    let request: IDBOpenDBRequest
    try {
      request = idb.open(historyDatabaseName, historyDatabaseVersion)
    } catch (error) {
      reject(new HistoryUnavailableError('it refused to open a database (a private window?)', { cause: error }))
      return
    }
    request.onupgradeneeded = () => {
      const samples = request.result.createObjectStore(historyStoreName, { keyPath: ['address', 'time'] })
      samples.createIndex('time', 'time')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(new HistoryUnavailableError('it refused to open a database (a private window?)', { cause: request.error }))
    request.onblocked = () => reject(new HistoryUnavailableError('another tab holds an older version of the database open; close it and reload'))
  })
  // Another tab upgrading the schema asks us to let go; the next open gets the new version.
  database.onversionchange = () => database.close()

  const store = { database, retention }
  await pruneSamples(store, { now })
  return store
}
