import { describe, expect, it } from 'vitest'
import { createWagmiConfig } from './createWagmiConfig'
import { devnetChain } from './devnetChain'

const urls = { rpcUrl: 'http://127.0.0.1:18545', servicesUrl: 'http://127.0.0.1:18787' }

describe('devnetChain', () => {
  it('is chain 31337 at the RPC URL it is given', () => {
    const chain = devnetChain({ rpcUrl: urls.rpcUrl, wsUrl: 'ws://127.0.0.1:18545' })
    expect(chain).toMatchObject({ id: 31337, name: 'Marginflow devnet', nativeCurrency: { symbol: 'ETH', decimals: 18 } })
    expect(chain.rpcUrls.default).toEqual({ http: [urls.rpcUrl], webSocket: ['ws://127.0.0.1:18545'] })
    expect(devnetChain({ rpcUrl: urls.rpcUrl }).rpcUrls.default).toEqual({ http: [urls.rpcUrl] })
  })
})

describe('createWagmiConfig', () => {
  it('demo mode: the devnet only, the demo wallet first, then injected; SSR with cookie storage', () => {
    const config = createWagmiConfig({ mode: 'demo', ...urls })
    expect(config.chains.map((chain) => [chain.id, chain.rpcUrls.default.http[0]])).toEqual([[31337, urls.rpcUrl]])
    expect(config.connectors.map((connector) => [connector.id, connector.name])).toEqual([
      ['demoWallet', 'Demo wallet'],
      ['injected', 'Injected'],
    ])
    expect(config._internal.ssr).toBe(true)
    expect(config.storage?.key).toBe('marginflow.wagmi')
    expect(config.getClient().transport.url).toBe(urls.rpcUrl)
    expect(config.state.status).toBe('disconnected')
  })

  it('live mode: no demo wallet', () => {
    const config = createWagmiConfig({ mode: 'live', ...urls })
    expect(config.connectors.map((connector) => connector.id)).toEqual(['injected'])
    expect(config.chains[0].id).toBe(31337)
  })
})
