/**
 * Resolves when an IndexedDB transaction has committed (its writes are durable as far as the
 * browser promises), rejects when it fails or is aborted: a request's `onsuccess` alone does not
 * mean the data is stored.
 */
export function awaitTransaction(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'))
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'))
  })
}
