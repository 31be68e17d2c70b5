/**
 * The demo wallet as wagmi uses it (Node, no browser): wagmi's actions over a config with the
 * connector, against a real anvil. Connect, identity switch → wagmi's connection follows,
 * a transaction through wagmi, the chain refusal, auto-connect through reconnect, persistence.
 */
import { createTestClient, parseEther, type Address } from 'viem'
import { createConfig, createStorage, http, type Config, type Connector } from 'wagmi'
import { connect, disconnect, getConnection, reconnect, sendTransaction, switchChain, waitForTransactionReceipt } from 'wagmi/actions'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type StartAnvilReturnType } from '../../../devnet/anvil/startAnvil'
import { seededDemoAddresses } from './demoIdentities'
import { DemoWalletChainError } from './demoWalletErrors'
import { demoWallet, demoWalletId, isDemoWalletConnector, type DemoWalletConnector } from './demoWallet'
import { devnetChain } from './devnetChain'
import { burnerKeyStorageKey } from './loadBurnerKey'

let anvil: StartAnvilReturnType
beforeAll(async () => {
  anvil = await startAnvil()
}, 60_000)
afterAll(async () => anvil?.stop())

/** A browser's storages, in memory: wagmi's (cookie in the app) and the burner's (localStorage). */
const memoryStorage = () => {
  const items = new Map<string, string>()
  return { items, getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) }
}

type Setup = { wagmiItems?: ReturnType<typeof memoryStorage>; burnerItems?: ReturnType<typeof memoryStorage>; autoConnect?: boolean; fetch?: typeof fetch }
type SetUp = { config: Config; connector: DemoWalletConnector; wagmiItems: ReturnType<typeof memoryStorage>; burnerItems: ReturnType<typeof memoryStorage> }
const configs: SetUp[] = []
function setUp({ wagmiItems = memoryStorage(), burnerItems = memoryStorage(), autoConnect, fetch }: Setup = {}): SetUp {
  const chain = devnetChain({ rpcUrl: anvil.rpcUrl })
  const config = createConfig({
    chains: [chain],
    connectors: [demoWallet({ servicesUrl: 'http://services.invalid:8787/', autoConnect, burnerKeyStorage: burnerItems, fetch })],
    transports: { [chain.id]: http(anvil.rpcUrl) },
    storage: createStorage({ storage: wagmiItems }),
  })
  const connector = config.connectors[0] as Connector
  if (!isDemoWalletConnector(connector)) throw new Error('not the demo wallet')
  const result = { config, connector: connector as DemoWalletConnector, wagmiItems, burnerItems }
  configs.push(result)
  return result
}
afterEach(async () => {
  for (const { config } of configs.splice(0)) if (getConnection(config).status === 'connected') await disconnect(config)
})

describe('demoWallet connector', () => {
  it('connects acting as retail on the devnet', async () => {
    const { config, connector } = setUp()
    expect(connector).toMatchObject({ id: demoWalletId, name: 'Demo wallet', type: 'demoWallet' })
    const result = await connect(config, { connector })
    expect(result).toEqual({ accounts: [seededDemoAddresses.retail], chainId: 31337 })
    expect(getConnection(config)).toMatchObject({ status: 'connected', address: seededDemoAddresses.retail, chainId: 31337 })
    expect(await connector.getIdentity()).toBe('retail')
  })

  it('switches identity: accountsChanged moves wagmi to the new address, and the choice is remembered', async () => {
    const { config, connector, wagmiItems, burnerItems } = setUp()
    await connect(config, { connector })
    await connector.setIdentity('powerUser')
    expect(getConnection(config).address).toBe(seededDemoAddresses.powerUser)
    await connector.setIdentity('burner')
    const { burner } = connector.identityAddresses()
    expect(getConnection(config).address).toBe(burner)
    expect(burnerItems.items.get(burnerKeyStorageKey)).toMatch(/^0x[0-9a-f]{64}$/)
    // A reload (new config, same storages) acts as the burner again, with the same key.
    const again = setUp({ wagmiItems, burnerItems })
    expect(await again.connector.getIdentity()).toBe('burner')
    expect(again.connector.identityAddresses().burner).toBe(burner)
  })

  it('sends a transaction through wagmi, signed locally by the burner', async () => {
    const { config, connector } = setUp()
    await connect(config, { connector })
    await connector.setIdentity('burner')
    const { burner } = connector.identityAddresses()
    await createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) }).setBalance({ address: burner, value: parseEther('1') })
    const to: Address = '0x000000000000000000000000000000000000dEaD'
    const hash = await sendTransaction(config, { to, value: 12_345n })
    const receipt = await waitForTransactionReceipt(config, { hash })
    expect(receipt).toMatchObject({ status: 'success', from: burner.toLowerCase() })
  })

  it('cannot switch to, or connect on, any chain but the devnet', async () => {
    const { config, connector } = setUp()
    await connect(config, { connector })
    await expect(connector.switchChain!({ chainId: 1 })).rejects.toMatchObject({ name: 'SwitchChainError', code: 4902 })
    await expect(switchChain(config, { chainId: 1 as 31337 })).rejects.toThrow()
    expect((await connector.switchChain!({ chainId: 31337 })).id).toBe(31337)
    const other = setUp()
    await expect(other.connector.connect({ chainId: 1 })).rejects.toBeInstanceOf(DemoWalletChainError)
  })

  it('auto-connects as retail on a first visit through wagmi reconnect, and not after the user disconnects', async () => {
    const first = setUp()
    await reconnect(first.config)
    expect(getConnection(first.config)).toMatchObject({ status: 'connected', address: seededDemoAddresses.retail })
    await disconnect(first.config)
    // Next visit, same browser: the user's disconnect stands.
    const second = setUp({ wagmiItems: first.wagmiItems })
    await reconnect(second.config)
    expect(getConnection(second.config).status).toBe('disconnected')
    // Connecting again by hand clears it.
    await connect(second.config, { connector: second.connector })
    const third = setUp({ wagmiItems: second.wagmiItems })
    await reconnect(third.config)
    expect(getConnection(third.config).status).toBe('connected')
  })

  it('stays away when another wallet was chosen, or when auto-connect is off', async () => {
    const chose = memoryStorage()
    chose.setItem('wagmi.recentConnectorId', JSON.stringify('io.metamask'))
    expect(await setUp({ wagmiItems: chose }).connector.isAuthorized()).toBe(false)
    expect(await setUp({ autoConnect: false }).connector.isAuthorized()).toBe(false)
    const used = memoryStorage()
    used.setItem('wagmi.recentConnectorId', JSON.stringify(demoWalletId))
    expect(await setUp({ wagmiItems: used, autoConnect: false }).connector.isAuthorized()).toBe(true)
  })

  it('funds the burner through the faucet route', async () => {
    const calls: { url: string; body: unknown }[] = []
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) })
      return new Response(JSON.stringify({ ok: true, action: 'faucet', address: JSON.parse(String(init.body)).address, sent: { usdc: 100_000, weth: 10, wstEth: 10, eth: 10 }, transactions: ['0x01'] }))
    }) as unknown as typeof globalThis.fetch
    const { connector } = setUp({ fetch })
    const { burner } = connector.identityAddresses()
    const funded = await connector.fundBurner()
    expect(calls).toEqual([{ url: 'http://services.invalid:8787/demo/faucet', body: { address: burner } }])
    expect(funded).toMatchObject({ address: burner, sent: { usdc: 100_000, eth: 10 } })
  })
})
