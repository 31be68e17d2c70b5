import { describe, expect, it } from 'vitest'
import { demoAccounts, engineConfigFromEnv } from '../../lib/engine/engineConfigFromEnv'
import { devnetAccount, devnetRoles } from './devnetAccounts'

describe('devnet accounts', () => {
  it('derives anvil’s published dev accounts from its mnemonic', () => {
    // Anvil prints these at start (and every Foundry tutorial lists them).
    expect(devnetAccount(0).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
    expect(devnetAccount(0).privateKey).toBe('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
    expect(devnetAccount(9).address).toBe('0xa0Ee7A142d267C1f36714E4a8F75612F20a79720')
  })

  it('the page watches the accounts the demo seeds (retail, power user)', () => {
    expect(demoAccounts).toEqual([devnetAccount(devnetRoles.retail).address, devnetAccount(devnetRoles.powerUser).address])
    expect(engineConfigFromEnv({}).watch).toEqual(demoAccounts)
    expect(engineConfigFromEnv({ MARGINFLOW_MODE: 'live' })).toEqual({ mode: 'live', config: { priceStreamUrl: '/api/hermes' }, watch: [] })
    expect(engineConfigFromEnv({ MARGINFLOW_RPC_URL: 'http://127.0.0.1:9545' }).config.wsUrl).toBe('ws://127.0.0.1:9545')
  })
})
