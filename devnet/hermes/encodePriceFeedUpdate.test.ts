/**
 * The streamed `binary` update is what Pyth's MockPyth takes: checked against MockPyth itself,
 * compiled from @pythnetwork/pyth-sdk-solidity with solc-js and deployed on anvil (both from
 * npm), on a free port.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import fc from 'fast-check'
import { createPublicClient, createWalletClient, decodeAbiParameters, http, type Abi, type Address, type Hex } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePriceUpdateMessage } from '../../lib/feeds/parsePriceUpdateMessage'
import { priceFeedId, priceFeeds } from '../../lib/feeds/priceFeeds'
import { startAnvil, type StartAnvilReturnType } from '../anvil/startAnvil'
import { createHermesServer, type HermesServer } from './createHermesServer'
import { createLogger } from './createLogger'
import { encodePriceFeedUpdate, priceFeedUpdateParameters } from './encodePriceFeedUpdate'

const require = createRequire(import.meta.url)
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })
const feedId = fc.constantFrom(...priceFeeds.map((feed) => feed.id))
const update = fc.record({
  id: feedId,
  price: int64,
  conf: uint64,
  expo: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  emaPrice: int64,
  emaConf: uint64,
  publishTime: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  prevPublishTime: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
})

describe('encodePriceFeedUpdate', () => {
  it('decodes (viem, PythStructs.PriceFeed + uint64) to exactly what was encoded, over the full integer ranges', () => {
    fc.assert(
      fc.property(update, (input) => {
        const [feed, prevPublishTime] = decodeAbiParameters(priceFeedUpdateParameters, encodePriceFeedUpdate(input))
        expect(feed).toEqual({
          id: input.id,
          price: { price: input.price, conf: input.conf, expo: input.expo, publishTime: BigInt(input.publishTime) },
          emaPrice: { price: input.emaPrice, conf: input.emaConf, expo: input.expo, publishTime: BigInt(input.publishTime) },
        })
        expect(prevPublishTime).toBe(BigInt(input.prevPublishTime))
      }),
      { numRuns: 10_000 },
    )
  })

  it('refuses values outside their Solidity types', () => {
    const valid = { id: priceFeedId('BTC'), price: 1n, conf: 1n, expo: -8, emaPrice: 1n, emaConf: 1n, publishTime: 1, prevPublishTime: 0 }
    expect(() => encodePriceFeedUpdate({ ...valid, price: 2n ** 63n })).toThrow()
    expect(() => encodePriceFeedUpdate({ ...valid, conf: -1n })).toThrow()
    expect(() => encodePriceFeedUpdate({ ...valid, expo: 2 ** 31 })).toThrow()
  })
})

describe('the streamed binary update on Pyth’s MockPyth (anvil)', () => {
  let anvil: StartAnvilReturnType | undefined
  let hermes: HermesServer | undefined
  let rpcUrl = ''
  let mockPyth: { address: Address; abi: Abi }
  let account: Address

  beforeAll(async () => {
    const [compiled, started] = await Promise.all([compileMockPyth(), startAnvil()])
    anvil = started
    rpcUrl = started.rpcUrl
    const wallet = createWalletClient({ chain: foundry, transport: http(rpcUrl) })
    const publicClient = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
    ;[account] = (await wallet.getAddresses()) as [Address]
    // validTimePeriod 60 s, no update fee.
    const hash = await wallet.deployContract({ abi: compiled.abi, bytecode: compiled.bytecode, args: [60n, 0n], account })
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    mockPyth = { address: receipt.contractAddress as Address, abi: compiled.abi }
    hermes = await createHermesServer({ port: 0, logger: createLogger({ service: 'hermes', level: 'error', write: () => undefined }) })
  }, 60_000)

  afterAll(async () => {
    await hermes?.close()
    await anvil?.stop()
  })

  it('is byte for byte what MockPyth.createPriceFeedUpdateData returns', async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
    const samples = fc.sample(update, { numRuns: 20, seed: 42 }).map((sample) => ({ ...sample, publishTime: sample.publishTime % 2 ** 60, prevPublishTime: sample.prevPublishTime % 2 ** 60 }))
    for (const sample of samples) {
      const reference = await publicClient.readContract({
        ...mockPyth,
        functionName: 'createPriceFeedUpdateData',
        args: [sample.id, sample.price, sample.conf, sample.expo, sample.emaPrice, sample.emaConf, BigInt(sample.publishTime), BigInt(sample.prevPublishTime)],
      })
      expect(encodePriceFeedUpdate(sample)).toBe(reference)
    }
  })

  it('is accepted by updatePriceFeeds, and the chain then holds the streamed price, conf, expo and publish time', async () => {
    const server = hermes as HermesServer
    const publishTime = Math.floor(Date.now() / 1000)
    server.publish([
      { id: priceFeedId('BTC'), price: 6_543_210_987_654n, conf: 2_345_678_900n, expo: -8, publishTime, emaPrice: 6_540_000_000_000n, emaConf: 2_400_000_000n },
      { id: priceFeedId('ETH'), price: 350_012_345_678n, conf: 123_456_789n, expo: -8, publishTime },
    ])
    const text = await (await fetch(`${server.url}/v2/updates/price/latest?ids[]=${priceFeedId('BTC')}&ids[]=${priceFeedId('ETH')}`)).text()
    const streamed = parsePriceUpdateMessage({ text })
    if (!streamed.ok) throw new Error('unreadable latest update')

    const wallet = createWalletClient({ chain: foundry, transport: http(rpcUrl) })
    const publicClient = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
    const hash = await wallet.writeContract({ ...mockPyth, functionName: 'updatePriceFeeds', args: [streamed.binary.data.map((data) => `0x${data}` as Hex)], account, value: 0n })
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')

    for (const entry of streamed.updates) {
      const onChain = (await publicClient.readContract({ ...mockPyth, functionName: 'queryPriceFeed', args: [entry.id] })) as {
        id: Hex
        price: { price: bigint; conf: bigint; expo: number; publishTime: bigint }
        emaPrice: { price: bigint; conf: bigint; expo: number; publishTime: bigint }
      }
      expect(onChain.id).toBe(entry.id)
      expect({ ...onChain.price, publishTime: Number(onChain.price.publishTime) }).toEqual(entry.price)
      expect({ ...onChain.emaPrice, publishTime: Number(onChain.emaPrice.publishTime) }).toEqual(entry.emaPrice)
    }
  })
})

/** Compiles MockPyth and its imports from node_modules with solc-js (no download). */
async function compileMockPyth(): Promise<{ abi: Abi; bytecode: Hex }> {
  const solc = require('solc') as { compile: (input: string, callbacks: { import: (path: string) => { contents: string } | { error: string } }) => string }
  const source = '@pythnetwork/pyth-sdk-solidity/MockPyth.sol'
  const input = {
    language: 'Solidity',
    sources: { [source]: { content: readFileSync(require.resolve(source), 'utf8') } },
    settings: { optimizer: { enabled: false }, outputSelection: { [source]: { MockPyth: ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path) => {
        try {
          return { contents: readFileSync(require.resolve(path.startsWith('@') ? path : join('@pythnetwork/pyth-sdk-solidity', path)), 'utf8') }
        } catch (error) {
          return { error: String(error) }
        }
      },
    }),
  ) as { errors?: { severity: string; formattedMessage: string }[]; contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>> }
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join('\n'))
  const contract = output.contracts[source]?.MockPyth
  if (contract === undefined) throw new Error('MockPyth was not compiled')
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
}
