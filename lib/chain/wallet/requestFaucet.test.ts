import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoControl } from '../../../devnet/controls/parseDemoControl'
import { createDemoEventLog } from '../../../devnet/runtime/createDemoEventLog'
import { createDemoRoutes } from '../../../devnet/runtime/createDemoRoutes'
import { DemoWalletError } from './demoWalletErrors'
import { requestFaucet } from './requestFaucet'

/** The runtime's real routes (validation, CORS, error bodies) over a runtime that only records faucet calls. */
let server: Server
let servicesUrl: string
const applied: DemoControl[] = []

beforeAll(async () => {
  const routes = createDemoRoutes({
    health: async () => ({ status: 'ok' }),
    state: async () => ({}),
    events: createDemoEventLog(),
    applyControl: async (control) => {
      applied.push(control)
      if (control.action !== 'faucet') throw new Error('unexpected control')
      return { ok: true, action: 'faucet', address: control.address, sent: { usdc: control.usdc, weth: control.weth, wstEth: control.wstEth, eth: control.eth }, transactions: ['0xaa', '0xbb', '0xcc'] }
    },
  })
  server = createServer(routes)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servicesUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('requestFaucet', () => {
  it('asks the devnet faucet for its default amounts and returns what was sent', async () => {
    const address = '0x2fC90BFe57f14D63C797fe32ED8E1b40594B9561'
    const funded = await requestFaucet({ servicesUrl: `${servicesUrl}/`, address })
    expect(funded).toEqual({ address, sent: { usdc: 100_000, weth: 10, wstEth: 10, eth: 10 }, transactions: ['0xaa', '0xbb', '0xcc'] })
    expect(applied.at(-1)).toMatchObject({ action: 'faucet', address })
  })

  it("passes on the route's refusal", async () => {
    const error = await requestFaucet({ servicesUrl, address: '0x1234' as `0x${string}` }).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(DemoWalletError)
    expect((error as DemoWalletError).shortMessage).toMatch(/^The devnet faucet refused: address must be a 0x address/)
  })

  it('says so when the devnet is not there', async () => {
    const error = await requestFaucet({ servicesUrl: 'http://127.0.0.1:1', address: '0x2fC90BFe57f14D63C797fe32ED8E1b40594B9561' }).catch((reason: unknown) => reason)
    expect(error).toMatchObject({ name: 'DemoWalletError', shortMessage: 'The devnet faucet at http://127.0.0.1:1/demo/faucet did not answer.' })
  })
})
