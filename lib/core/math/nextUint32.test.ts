import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { nextUint32 } from './nextUint32'

describe('nextUint32', () => {
  test('reproduces the xoshiro128** reference output from state {1, 2, 3, 4}', () => {
    // Produced with Blackman & Vigna's reference implementation xoshiro128starstar.c (v1.1), as
    // used for the test vectors of the Rust crate rand_xoshiro (Xoshiro128StarStar::reference).
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]
    const state = { s0: 1, s1: 2, s2: 3, s3: 4 }
    expect(expected.map(() => nextUint32(state))).toEqual(expected)
    // the state stays plain unsigned 32-bit data
    for (const word of Object.values(state)) expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true)
  })

  test('InvalidInputError for the all-zero state (a stream stuck at 0)', () => {
    expect(() => nextUint32({ s0: 0, s1: 0, s2: 0, s3: 0 })).toThrow(InvalidInputError)
  })
})
