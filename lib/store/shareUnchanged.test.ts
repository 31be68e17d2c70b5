import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../contracts/parity/seededRandom.testing'
import { shareUnchanged } from './shareUnchanged'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function tree(next: () => number, depth: number): Json {
  const kind = depth <= 0 ? Math.floor(next() * 4) : Math.floor(next() * 6)
  if (kind === 0) return Math.round(next() * 4) / 4 // few values: equal leaves are common
  if (kind === 1) return ['a', 'b'][Math.floor(next() * 2)]!
  if (kind === 2) return next() < 0.5 ? null : Number.NaN
  if (kind === 3) return next() < 0.5
  const size = Math.floor(next() * 4)
  if (kind === 4) return Array.from({ length: size }, () => tree(next, depth - 1))
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, tree(next, depth - 1)]))
}

/** A copy of `value` with some leaves, array lengths and keys changed at random. */
function mutate(value: Json, next: () => number, depth: number): Json {
  if (next() < 0.5) return structuredClone(value) // an equal copy, never the same object
  if (value === null || typeof value !== 'object' || next() < 0.15) return tree(next, depth)
  if (Array.isArray(value)) {
    const copy = value.map((item) => mutate(item, next, depth - 1))
    if (next() < 0.2) copy.push(tree(next, depth - 1))
    return copy
  }
  const copy: Record<string, Json> = {}
  for (const [key, item] of Object.entries(value)) if (next() > 0.1) copy[key] = mutate(item, next, depth - 1)
  if (next() < 0.2) copy.extra = tree(next, depth - 1)
  return copy
}

/** Every (previous part, shared part) pair at the same path, where both are objects. */
function pairs(previous: unknown, shared: unknown, out: [unknown, unknown][] = []): [unknown, unknown][] {
  if (typeof previous !== 'object' || previous === null || typeof shared !== 'object' || shared === null) return out
  out.push([previous, shared])
  for (const key of Object.keys(shared)) pairs((previous as Record<string, unknown>)[key], (shared as Record<string, unknown>)[key], out)
  return out
}

describe('shareUnchanged', () => {
  it('keeps the previous object for every equal part and a new one for every changed part (random trees, checked with util.isDeepStrictEqual)', () => {
    const next = seededRandom(20261122)
    let kept = 0
    let renewed = 0
    for (let round = 0; round < 4_000; round += 1) {
      const previous = tree(next, 4)
      const incoming = mutate(previous, next, 4)
      const expected = structuredClone(incoming)
      const shared = shareUnchanged(previous, incoming)
      // The value is the incoming one…
      expect(isDeepStrictEqual(shared, expected)).toBe(true)
      // …and a part is the previous object exactly when it is deeply equal to it.
      for (const [before, after] of pairs(previous, shared)) {
        const equal = isDeepStrictEqual(before, after) && Array.isArray(before) === Array.isArray(after)
        expect(after === before).toBe(equal)
        if (equal) kept += 1
        else renewed += 1
      }
    }
    expect(kept).toBeGreaterThan(1_000) // both cases really occurred
    expect(renewed).toBeGreaterThan(300)
  })

  it('counts an added key, a removed key and an undefined value as changes', () => {
    expect(shareUnchanged({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 })
    const previous = { a: 1, b: 2 }
    expect(shareUnchanged(previous, { a: 1 })).not.toBe(previous)
    const withUndefined = { a: 1, b: undefined }
    expect(shareUnchanged({ a: 1, c: undefined }, withUndefined)).toBe(withUndefined)
  })

  it('treats an array and an object with the same keys as different, and compares other objects by identity', () => {
    const array = [1, 2]
    expect(shareUnchanged({ 0: 1, 1: 2 }, array)).toBe(array)
    const date = new Date(0)
    const previous = { at: new Date(0) }
    expect(shareUnchanged(previous, { at: date }).at).toBe(date)
  })
})
