import { describe, expect, it } from 'vitest'
import { parsePriceUpdateMessage } from './parsePriceUpdateMessage'

// Shapes from Hermes's OpenAPI `PriceUpdate` (pyth-crosschain apps/hermes/server/src/api/types.rs).
const btc = {
  id: 'e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43',
  price: { price: '6543210987654', conf: '2345678900', expo: -8, publish_time: 1_700_000_000 },
  ema_price: { price: '6540000000000', conf: '2400000000', expo: -8, publish_time: 1_700_000_000 },
  metadata: { slot: 7, proof_available_time: 1_700_000_001, prev_publish_time: 1_699_999_999 },
}
const eth = { ...btc, id: 'ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace', price: { ...btc.price, price: '350012345678' } }
const binary = { encoding: 'hex', data: ['00', '11'] }

describe('parsePriceUpdateMessage', () => {
  it('reads every entry of a message and keeps the binary payload as sent', () => {
    const result = parsePriceUpdateMessage({ text: JSON.stringify({ binary, parsed: [btc, eth] }) })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.updates.map((update) => update.update.price)).toEqual([65_432.10987654, 3_500.12345678])
    expect(result.malformed).toEqual([])
    expect(result.binary).toEqual(binary)
  })

  it('keeps the good entries beside a malformed one and names the bad one by index and feed', () => {
    const bad = { ...eth, price: { ...eth.price, price: 'NaN' } }
    const result = parsePriceUpdateMessage({ text: JSON.stringify({ binary, parsed: [btc, bad] }) })
    expect(result.ok && result.updates.map((update) => update.id)).toEqual([`0x${btc.id}`])
    expect(result.ok && result.malformed).toEqual([
      { reason: 'malformed', field: 'parsed[1].price.price', expectation: 'a signed 64-bit integer as a decimal string', id: `0x${eth.id}` },
    ])
  })

  it.each([
    ['not JSON', 'data: {', 'message'],
    ['JSON but not an object', '[1,2]', 'message'],
    ['no binary', JSON.stringify({ parsed: [btc] }), 'binary'],
    ['an unknown encoding', JSON.stringify({ binary: { encoding: 'base58', data: [] }, parsed: [btc] }), 'binary.encoding'],
    ['binary data that is not strings', JSON.stringify({ binary: { encoding: 'hex', data: [1] }, parsed: [btc] }), 'binary.data'],
    ['no parsed array (parsed=false)', JSON.stringify({ binary }), 'parsed'],
  ])('rejects a message with %s as a whole', (_what, text, field) => {
    const result = parsePriceUpdateMessage({ text })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatchObject({ reason: 'malformed', field })
  })
})
