import { getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { parseWatchAddress } from './parseWatchAddress'

const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'

describe('parseWatchAddress', () => {
  it('no parameter, or an empty one, means the wallet’s own account', () => {
    expect(parseWatchAddress(undefined)).toEqual({ kind: 'wallet' })
    expect(parseWatchAddress('  ')).toEqual({ kind: 'wallet' })
  })

  it('accepts checksummed, lower- and upper-case addresses and keys them in lower case', () => {
    expect(getAddress(power)).toBe(power) // the fixture is a valid EIP-55 checksum
    for (const input of [power, power.toLowerCase(), `0x${power.slice(2).toUpperCase()}`, ` ${power} `])
      expect(parseWatchAddress(input)).toEqual({ kind: 'watch', address: power.toLowerCase() })
    expect(parseWatchAddress([power])).toEqual({ kind: 'watch', address: power.toLowerCase() })
  })

  it('refuses what is not an address, with a reason a person can act on', () => {
    expect(parseWatchAddress('0x123')).toMatchObject({ kind: 'invalid', input: '0x123', reason: expect.stringContaining('40 hexadecimal digits') })
    expect(parseWatchAddress('vitalik.eth')).toMatchObject({ kind: 'invalid' })
    expect(parseWatchAddress(`${power}00`)).toMatchObject({ kind: 'invalid' })
    // One letter's case flipped: the checksum no longer matches.
    const typo = power.replace('AAf54', 'aAf54')
    expect(parseWatchAddress(typo)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('checksum') })
    expect(parseWatchAddress([power, power])).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('one address') })
  })
})
