import { describe, expect, it } from 'vitest'
import { burnerKeyStorageKey, loadBurnerKey } from './loadBurnerKey'

const memory = (initial?: string) => {
  const items = new Map<string, string>(initial === undefined ? [] : [[burnerKeyStorageKey, initial]])
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
}

describe('loadBurnerKey', () => {
  it('makes a key on first use, stores it, and returns the same one afterwards', () => {
    const storage = memory()
    const key = loadBurnerKey(storage)
    expect(key).toMatch(/^0x[0-9a-f]{64}$/)
    expect(storage.items.get(burnerKeyStorageKey)).toBe(key)
    expect(loadBurnerKey(storage)).toBe(key)
  })

  it('replaces a stored value that is not a key', () => {
    const storage = memory('not a key')
    const key = loadBurnerKey(storage)
    expect(key).toMatch(/^0x[0-9a-f]{64}$/)
    expect(storage.items.get(burnerKeyStorageKey)).toBe(key)
  })

  it('works without storage (server rendering) or with a storage that throws: a key in memory', () => {
    expect(loadBurnerKey(undefined)).toMatch(/^0x[0-9a-f]{64}$/)
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadBurnerKey(refusing)).toMatch(/^0x[0-9a-f]{64}$/)
    expect(loadBurnerKey(undefined)).not.toBe(loadBurnerKey(undefined))
  })
})
