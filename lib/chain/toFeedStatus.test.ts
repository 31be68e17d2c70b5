import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { toFeedStatus } from './toFeedStatus'

/** The enum as the contract declares it: the ABI carries only its index. */
function solidityEnum(file: string, name: string): string[] {
  const source = readFileSync(fileURLToPath(new URL(`../../contracts/src/${file}`, import.meta.url)), 'utf8')
  const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(source)?.[1]
  if (body === undefined) throw new Error(`enum ${name} not found in ${file}`)
  return body.split(',').map((member) => member.trim()).filter((member) => member.length > 0)
}

describe('toFeedStatus', () => {
  test('every FeedStatus the contract declares, in its order, as lib/core names it', () => {
    const members = solidityEnum('oracle/FeedGuard.sol', 'FeedStatus')
    expect(members).toHaveLength(4)
    members.forEach((member, index) => expect(toFeedStatus(index, 'priceStatus')).toBe(member.toLowerCase()))
  })

  test('an index the contract does not declare is an InvalidInputError naming the field', () => {
    const error = (() => {
      try {
        toFeedStatus(4, 'BTC.priceStatus')
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(InvalidInputError)
    expect(error).toMatchObject({ field: 'BTC.priceStatus', value: 4 })
    expect(() => toFeedStatus(-1, 'x')).toThrow(InvalidInputError)
  })
})
