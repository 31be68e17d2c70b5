import { describe, expect, it } from 'vitest'
import { privateKeyToAddress } from 'viem/accounts'
import { seededDemoKeys } from '@/lib/chain/wallet/demoIdentities'
import { accountLabel } from './accountLabel'

describe('accountLabel', () => {
  it('names the seeded demo traders by the address of their key, in any case', () => {
    const power = privateKeyToAddress(seededDemoKeys.powerUser)
    const retail = privateKeyToAddress(seededDemoKeys.retail)
    expect(accountLabel(power)).toBe('Power user (seeded)')
    expect(accountLabel(power.toLowerCase())).toBe('Power user (seeded)')
    expect(accountLabel(retail.toUpperCase().replace('0X', '0x'))).toBe('Retail (seeded)')
  })

  it('calls any other address a watched address', () => {
    expect(accountLabel('0x0000000000000000000000000000000000000001')).toBe('Watched address')
  })
})
