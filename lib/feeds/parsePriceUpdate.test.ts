import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePriceUpdate } from './parsePriceUpdate'

/**
 * The ETH/USD example of Pyth's Hermes documentation (docs.pyth.network, "Hermes"):
 * {"id":"ff61491a…0ace","price":{"price":"184136023127","conf":"177166324","expo":-8,"publish_time":1692110601},
 *  "ema_price":{"price":"184100641000","conf":"178704085","expo":-8,"publish_time":1692110601}}
 * with the v2 `metadata` object of Hermes's OpenAPI (`RpcPriceFeedMetadataV2`).
 */
const documented = {
  id: 'ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace',
  price: { price: '184136023127', conf: '177166324', expo: -8, publish_time: 1692110601 },
  ema_price: { price: '184100641000', conf: '178704085', expo: -8, publish_time: 1692110601 },
  metadata: { slot: 100_432_112, proof_available_time: 1692110602, prev_publish_time: 1692110600 },
}

type Entry = typeof documented
const withPrice = (patch: Record<string, unknown>) => ({ ...documented, price: { ...documented.price, ...patch } })

describe('parsePriceUpdate', () => {
  it('reads the documented Hermes entry: exact integers, USD numbers, metadata', () => {
    const result = parsePriceUpdate({ entry: documented })
    expect(result).toEqual({
      ok: true,
      update: {
        id: '0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace',
        price: { price: 184_136_023_127n, conf: 177_166_324n, expo: -8, publishTime: 1692110601 },
        emaPrice: { price: 184_100_641_000n, conf: 178_704_085n, expo: -8, publishTime: 1692110601 },
        metadata: { slot: 100_432_112, proofAvailableTime: 1692110602, prevPublishTime: 1692110600 },
        update: { price: 1841.36023127, conf: 1.77166324, publishTime: 1692110601 },
        ema: { price: 1841.00641, conf: 1.78704085 },
      },
    })
  })

  it('accepts ids with 0x and in upper case, absent or null metadata fields, and unknown extra fields', () => {
    const result = parsePriceUpdate({
      entry: { ...documented, id: `0x${documented.id.toUpperCase()}`, metadata: { slot: null }, extra: { anything: 1 } },
    })
    expect(result.ok && result.update.id).toBe('0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace')
    expect(result.ok && result.update.metadata).toEqual({ slot: null, proofAvailableTime: null, prevPublishTime: null })
  })

  it('keeps zero and negative prices, old and future times: judging them is the guard’s job', () => {
    for (const price of ['0', '-184136023127']) {
      const result = parsePriceUpdate({ entry: withPrice({ price }) })
      expect(result.ok && result.update.update.price).toBe(price === '0' ? 0 : -1841.36023127)
    }
    expect(parsePriceUpdate({ entry: withPrice({ publish_time: 0 }) }).ok).toBe(true)
    expect(parsePriceUpdate({ entry: withPrice({ publish_time: 4_000_000_000 }) }).ok).toBe(true)
  })

  it('accepts the int64 and uint64 extremes', () => {
    const result = parsePriceUpdate({ entry: withPrice({ price: '-9223372036854775808', conf: '18446744073709551615' }) })
    expect(result.ok && result.update.price.price).toBe(-(2n ** 63n))
    expect(result.ok && result.update.price.conf).toBe(2n ** 64n - 1n)
  })

  const malformed: [string, unknown, string][] = [
    ['not an object', null, 'entry'],
    ['an array', [documented], 'entry'],
    ['no id', { ...documented, id: undefined }, 'entry.id'],
    ['a short id', { ...documented, id: 'ff61491a' }, 'entry.id'],
    ['a non-hex id', { ...documented, id: 'zz'.repeat(32) }, 'entry.id'],
    ['no price', { ...documented, price: undefined }, 'entry.price'],
    ['a numeric price', withPrice({ price: 184136023127 }), 'entry.price.price'],
    ['a decimal price', withPrice({ price: '1841.36023127' }), 'entry.price.price'],
    ['an exponent in the price', withPrice({ price: '1.84e11' }), 'entry.price.price'],
    ['a + sign', withPrice({ price: '+184136023127' }), 'entry.price.price'],
    ['leading zeros', withPrice({ price: '0184136023127' }), 'entry.price.price'],
    ['minus zero', withPrice({ price: '-0' }), 'entry.price.price'],
    ['whitespace', withPrice({ price: ' 184136023127' }), 'entry.price.price'],
    ['an empty price', withPrice({ price: '' }), 'entry.price.price'],
    ['a price beyond int64', withPrice({ price: '9223372036854775808' }), 'entry.price.price'],
    ['a price below int64', withPrice({ price: '-9223372036854775809' }), 'entry.price.price'],
    ['a negative conf', withPrice({ conf: '-1' }), 'entry.price.conf'],
    ['a conf beyond uint64', withPrice({ conf: '18446744073709551616' }), 'entry.price.conf'],
    ['a fractional expo', withPrice({ expo: -8.5 }), 'entry.price.expo'],
    ['a string expo', withPrice({ expo: '-8' }), 'entry.price.expo'],
    ['an expo beyond int32', withPrice({ expo: 2 ** 31 }), 'entry.price.expo'],
    ['a string publish time', withPrice({ publish_time: '1692110601' }), 'entry.price.publish_time'],
    ['a fractional publish time', withPrice({ publish_time: 1692110601.5 }), 'entry.price.publish_time'],
    ['no ema_price', { ...documented, ema_price: undefined }, 'entry.ema_price'],
    ['a bad ema conf', { ...documented, ema_price: { ...documented.ema_price, conf: 'x' } }, 'entry.ema_price.conf'],
    ['no metadata', { ...documented, metadata: undefined }, 'entry.metadata'],
    ['a negative slot', { ...documented, metadata: { slot: -1 } }, 'entry.metadata.slot'],
    ['a string prev_publish_time', { ...documented, metadata: { prev_publish_time: '1' } }, 'entry.metadata.prev_publish_time'],
    ['a price that overflows once scaled', withPrice({ expo: 400 }), 'entry.price.price'],
    ['a price that underflows once scaled', withPrice({ expo: -400 }), 'entry.price.price'],
  ]

  it.each(malformed)('rejects %s as malformed, naming the field', (_what, entry, field) => {
    const result = parsePriceUpdate({ entry })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.reason).toBe('malformed')
    expect(result.error.field).toBe(field)
    expect(result.error.expectation.length).toBeGreaterThan(0)
  })

  it('attributes a malformed entry to its feed when the id is readable', () => {
    const result = parsePriceUpdate({ entry: withPrice({ conf: 'NaN' }), path: 'parsed[3]' })
    expect(result).toEqual({
      ok: false,
      error: {
        reason: 'malformed',
        field: 'parsed[3].price.conf',
        expectation: 'an unsigned 64-bit integer as a decimal string',
        id: '0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace',
      },
    })
  })

  it('never throws and never yields a non-finite number, whatever the input', () => {
    const price = fc.record({ price: fc.oneof(fc.string(), fc.bigInt().map(String), fc.double()), conf: fc.oneof(fc.string(), fc.bigInt().map(String)), expo: fc.oneof(fc.integer({ min: -400, max: 400 }), fc.double()), publish_time: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] })
    const entry = fc.oneof(
      fc.anything(),
      fc.record({ id: fc.oneof(fc.constant(documented.id), fc.string()), price, ema_price: price, metadata: fc.oneof(fc.constant({}), fc.anything()) }, { requiredKeys: [] }),
    )
    fc.assert(
      fc.property(entry, (candidate) => {
        const result = parsePriceUpdate({ entry: candidate })
        if (!result.ok) return
        const { update, ema } = result.update
        for (const value of [update.price, update.conf, ema.price, ema.conf]) expect(Number.isFinite(value)).toBe(true)
      }),
      { numRuns: 10_000 },
    )
  })

  it('round-trips Hermes JSON exactly and matches an independent conversion (exact integer ÷ exact power of ten)', () => {
    // Below 2^53 both Number(value) and 10^k (k ≤ 22) are exact, so one IEEE division is the nearest double.
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
        fc.bigInt({ min: 0n, max: 2n ** 53n }),
        fc.integer({ min: -18, max: 0 }),
        fc.integer({ min: 1, max: 4_000_000_000 }),
        (price, conf, expo, publishTime) => {
          const entry: Entry = {
            ...documented,
            price: { price: price.toString(), conf: conf.toString(), expo, publish_time: publishTime },
          }
          const result = parsePriceUpdate({ entry: JSON.parse(JSON.stringify(entry)) })
          expect(result.ok).toBe(true)
          if (!result.ok) return
          expect(result.update.price).toEqual({ price, conf, expo, publishTime })
          expect(result.update.update.price).toBe(Number(price) / 10 ** -expo)
          expect(result.update.update.conf).toBe(Number(conf) / 10 ** -expo)
        },
      ),
      { numRuns: 10_000 },
    )
  })
})
