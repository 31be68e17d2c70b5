import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { toHaltReason } from './toHaltReason'

describe('toHaltReason', () => {
  test('every HaltReason the contract declares, in its order, in lower camel case', () => {
    const source = readFileSync(fileURLToPath(new URL('../../contracts/src/margin/VenueTypes.sol', import.meta.url)), 'utf8')
    const body = /enum HaltReason \{([^}]*)\}/.exec(source)?.[1] ?? ''
    const members = body.split(',').map((member) => member.trim()).filter((member) => member.length > 0)
    expect(members).toHaveLength(7)
    members.forEach((member, index) => expect(toHaltReason(index, 'halt')).toBe(member[0]?.toLowerCase() + member.slice(1)))
  })

  test('an index the contract does not declare is an InvalidInputError naming the field', () => {
    expect(() => toHaltReason(7, 'SOL.halt')).toThrow(InvalidInputError)
    expect(() => toHaltReason(7, 'SOL.halt')).toThrow(/SOL\.halt/)
  })
})
