/**
 * The result of an IndexedDB request as a promise (the raw API is event based). Rejects with
 * the request's `DOMException` (`QuotaExceededError`, `InvalidStateError`, …) for the caller to
 * wrap in a typed error.
 */
export function awaitRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}
