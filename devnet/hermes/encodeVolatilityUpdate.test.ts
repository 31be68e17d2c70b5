import fc from 'fast-check'
import { decodeAbiParameters, encodeFunctionData, parseAbi, toFunctionSelector } from 'viem'
import { describe, expect, it } from 'vitest'
import { volatilityFeeds } from '../../lib/feeds/volatilityFeeds'
import { encodeVolatilityUpdate, volatilityUpdateParameters } from './encodeVolatilityUpdate'

const push = parseAbi(['function push(bytes32 underlying, uint256 volatility, uint256 conf, uint64 publishTime)'])

describe('encodeVolatilityUpdate', () => {
  it('is the argument block of VolatilityIndex.push: selector + bytes = viem’s own encoding of the call', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...volatilityFeeds.map((feed) => feed.id)),
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (id, volatility, conf, publishTime) => {
          const bytes = encodeVolatilityUpdate({ id, volatility, conf, publishTime })
          const call = encodeFunctionData({ abi: push, functionName: 'push', args: [id, volatility, conf, BigInt(publishTime)] })
          expect(call).toBe(`${toFunctionSelector('push(bytes32,uint256,uint256,uint64)')}${bytes.slice(2)}`)
          expect(decodeAbiParameters(volatilityUpdateParameters, bytes)).toEqual([id, volatility, conf, BigInt(publishTime)])
        },
      ),
      { numRuns: 10_000 },
    )
  })
})
