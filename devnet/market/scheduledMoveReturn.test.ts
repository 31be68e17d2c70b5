import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { scheduledMoveReturn } from './scheduledMoveReturn'

describe('scheduledMoveReturn', () => {
  const crash = { logReturn: Math.log(0.85), startTime: 100, endTime: 110 }

  test('a move lands in proportion to the overlap of the step with its span', () => {
    expect(scheduledMoveReturn({ moves: [crash], from: 100, to: 110 })).toBeCloseTo(Math.log(0.85), 15)
    expect(scheduledMoveReturn({ moves: [crash], from: 90, to: 200 })).toBeCloseTo(Math.log(0.85), 15)
    expect(scheduledMoveReturn({ moves: [crash], from: 103, to: 104 })).toBeCloseTo(Math.log(0.85) / 10, 15)
    expect(scheduledMoveReturn({ moves: [crash], from: 108, to: 120 })).toBeCloseTo(Math.log(0.85) / 5, 15)
    expect(scheduledMoveReturn({ moves: [crash], from: 110, to: 111 })).toBe(0)
    expect(scheduledMoveReturn({ moves: [crash], from: 50, to: 100 })).toBe(0)
  })

  test('overlapping moves add in log terms: −10 % then +20 % ends at ×1.08', () => {
    const moves = [crash, { logReturn: Math.log(0.9 / 0.85), startTime: 100, endTime: 110 }, { logReturn: Math.log(1.2), startTime: 105, endTime: 125 }]
    expect(Math.exp(scheduledMoveReturn({ moves, from: 100, to: 125 }))).toBeCloseTo(0.9 * 1.2, 14)
  })

  test('any partition of time into steps adds up to the whole move (1,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 299 }), { maxLength: 40 }),
        (logReturn, startTime, seconds, cuts) => {
          const moves = [{ logReturn, startTime, endTime: startTime + seconds }]
          const times = [0, ...cuts.sort((a, b) => a - b), 300]
          let total = 0
          for (let i = 1; i < times.length; i++) total += scheduledMoveReturn({ moves, from: times[i - 1]!, to: times[i]! })
          expect(total).toBeCloseTo(logReturn, 10)
        },
      ),
      { numRuns: 1_000 },
    )
  })

  test('a step that does not move forward throws InvalidInputError', () => {
    expect(() => scheduledMoveReturn({ moves: [crash], from: 5, to: 5 })).toThrow(InvalidInputError)
    expect(() => scheduledMoveReturn({ moves: [crash], from: Number.NaN, to: 5 })).toThrow('Invalid from')
  })
})
