import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CoreError } from '../../lib/core/errors'
import { DemoControlError, demoControlActions, parseDemoControl, type DemoControl } from './parseDemoControl'

/** The error `parseDemoControl` throws, or a failure when it does not throw one. */
function refusal(action: string, body: unknown): DemoControlError {
  try {
    const control = parseDemoControl(action, body)
    throw new Error(`expected a refusal, got ${JSON.stringify(control)}`)
  } catch (error) {
    if (!(error instanceof DemoControlError)) throw error
    return error
  }
}

// EIP-55's own test vector (https://eips.ethereum.org/EIPS/eip-55).
const checksummed = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const allThree = ['BTC', 'ETH', 'SOL']

describe('parseDemoControl', () => {
  it('knows the eight controls of issue 5, the stream drop of issue 6 and the drills of issue 10', () => {
    expect([...demoControlActions].sort()).toEqual(['advance-time', 'bad-tick', 'crash', 'drop-stream', 'faucet', 'pump', 'reset', 'restart-chain', 'rpc-outage', 'stall', 'stream-error', 'time-lapse', 'vol-spike'])
  })

  it('time-lapse takes a whole factor 1 to 250 (1 stops it) for 60 s unless told 1 to 600 whole seconds', () => {
    expect(parseDemoControl('time-lapse', { factor: 50 })).toEqual({ action: 'time-lapse', factor: 50, seconds: 60 })
    expect(parseDemoControl('time-lapse', { factor: '250', seconds: '5' })).toEqual({ action: 'time-lapse', factor: 250, seconds: 5 })
    expect(parseDemoControl('time-lapse', { factor: 1, seconds: 600 })).toEqual({ action: 'time-lapse', factor: 1, seconds: 600 })
    expect(refusal('time-lapse', {}).field).toBe('factor')
    for (const factor of [0, 2.5, 251, -50, 'NaN']) expect(refusal('time-lapse', { factor }).shortMessage).toContain('factor must be a whole number from 1 to 250')
    for (const seconds of [0, 1.5, 601]) expect(refusal('time-lapse', { factor: 50, seconds }).shortMessage).toContain('a whole number of seconds from 1 to 600')
    expect(refusal('time-lapse', { factor: 50, rate: 200 }).field).toBe('rate')
  })

  it('stream-error sends Hermes\'s lagging-subscriber message unless told another single line', () => {
    expect(parseDemoControl('stream-error', {})).toEqual({ action: 'stream-error', message: 'Error receiving update: Lagged(1)' })
    expect(parseDemoControl('stream-error', { message: 'Error receiving update: Lagged(7)' })).toEqual({ action: 'stream-error', message: 'Error receiving update: Lagged(7)' })
    // A newline would end the SSE data line early; the rest would arrive as a field of its own.
    for (const message of ['two\nlines', 'cr\rhere', '', '   ', 'x'.repeat(201), 42, null]) expect(refusal('stream-error', { message }).field).toBe('message')
    expect(refusal('stream-error', { seconds: 1 }).field).toBe('seconds')
  })

  it('restart-chain takes no fields', () => {
    expect(parseDemoControl('restart-chain', undefined)).toEqual({ action: 'restart-chain' })
    expect(refusal('restart-chain', { seed: 1 }).field).toBe('seed')
  })

  it('rpc-outage lasts 10 s unless told 1 to 60 s', () => {
    expect(parseDemoControl('rpc-outage', undefined)).toEqual({ action: 'rpc-outage', seconds: 10 })
    expect(parseDemoControl('rpc-outage', { seconds: '2.5' })).toEqual({ action: 'rpc-outage', seconds: 2.5 })
    expect(parseDemoControl('rpc-outage', { seconds: 60 })).toEqual({ action: 'rpc-outage', seconds: 60 })
    for (const seconds of [0, 0.5, 60.01, -1, 'NaN', '1e9']) expect(refusal('rpc-outage', { seconds }).shortMessage).toContain('a number of seconds from 1 to 60')
  })

  it('drop-stream takes no fields', () => {
    expect(parseDemoControl('drop-stream', {})).toEqual({ action: 'drop-stream' })
    expect(refusal('drop-stream', { seconds: 5 }).field).toBe('seconds')
  })

  it('refuses an unknown action, naming the ones it knows', () => {
    for (const action of ['explode', 'Crash', 'health', 'state', '']) {
      const error = refusal(action, {})
      expect(error.field).toBe('action')
      expect(error.shortMessage).toContain('crash, pump, vol-spike, stall, bad-tick, advance-time, reset, faucet')
    }
  })

  it('throws a typed error with the shape of the engine’s errors', () => {
    const error = refusal('crash', { percent: 150 })
    expect(error).toBeInstanceOf(CoreError)
    expect(error.name).toBe('DemoControlError')
    expect(error.field).toBe('percent')
    expect(error.value).toBe(150)
    expect(error.shortMessage).toBe('percent must be a number between 0 and 100 (got 150)')
    expect(error.message).toBe(error.shortMessage)
  })

  describe('crash and pump', () => {
    it('apply to all three underlyings over 10 s unless told otherwise', () => {
      expect(parseDemoControl('crash', { percent: 15 })).toEqual({ action: 'crash', assets: allThree, percent: 15, seconds: 10 })
      expect(parseDemoControl('pump', { asset: 'SOL', percent: 40, seconds: 30 })).toEqual({ action: 'pump', assets: ['SOL'], percent: 40, seconds: 30 })
    })

    it('read assets in any case and numbers from decimal strings', () => {
      expect(parseDemoControl('crash', { asset: 'Btc', percent: '20', seconds: '2.5e1' })).toEqual({ action: 'crash', assets: ['BTC'], percent: 20, seconds: 25 })
      expect(parseDemoControl('crash', { asset: 'eth', percent: '.5' })).toMatchObject({ assets: ['ETH'], percent: 0.5 })
    })

    it.each([
      ['crash', 0, false],
      ['crash', 1e-9, true],
      ['crash', 99.999, true],
      ['crash', 100, false],
      ['crash', -5, false],
      ['pump', 0, false],
      ['pump', 1e-9, true],
      ['pump', 500, true],
      ['pump', 500.001, false],
    ])('%s percent %d: accepted %s', (action, percent, accepted) => {
      if (accepted) expect(parseDemoControl(action, { percent })).toMatchObject({ percent })
      else expect(refusal(action, { percent }).field).toBe('percent')
    })

    it('words the pump rule as it is', () => {
      expect(refusal('pump', { percent: 600 }).shortMessage).toBe('percent must be a number above 0 and at most 500 (got 600)')
    })

    it.each([
      [0.999, false],
      [1, true],
      [3600, true],
      [3600.5, false],
    ])('seconds %d: accepted %s', (seconds, accepted) => {
      if (accepted) expect(parseDemoControl('crash', { percent: 10, seconds })).toMatchObject({ seconds })
      else expect(refusal('crash', { percent: 10, seconds }).shortMessage).toBe(`seconds must be a number of seconds from 1 to 3600 (got ${seconds})`)
    })

    it('require a percent', () => {
      expect(refusal('crash', {}).shortMessage).toBe('percent is required: a number between 0 and 100')
      expect(refusal('pump', undefined).field).toBe('percent')
    })

    it('refuse USDC and unknown assets: only the underlyings move', () => {
      expect(refusal('crash', { asset: 'USDC', percent: 10 }).shortMessage).toBe('asset must be one of BTC, ETH, SOL, or omitted for all three (got "USDC")')
      expect(refusal('pump', { asset: 'XRP', percent: 10 }).field).toBe('asset')
    })

    it('agree with the bounds for every number, given as a number or as its decimal string', () => {
      fc.assert(
        fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.boolean(), (percent, asString) => {
          const body = { percent: asString ? String(percent) : percent }
          const inCrash = percent > 0 && percent < 100
          const inPump = percent > 0 && percent <= 500
          if (inCrash) expect(parseDemoControl('crash', body)).toMatchObject({ percent: percent + 0 })
          else expect(() => parseDemoControl('crash', body)).toThrow(DemoControlError)
          if (inPump) expect(parseDemoControl('pump', body)).toMatchObject({ percent: percent + 0 })
          else expect(() => parseDemoControl('pump', body)).toThrow(DemoControlError)
        }),
        { numRuns: 2_000 },
      )
    })
  })

  describe('vol-spike', () => {
    it('doubles all three by default', () => {
      expect(parseDemoControl('vol-spike', {})).toEqual({ action: 'vol-spike', assets: allThree, factor: 2 })
      expect(parseDemoControl('vol-spike', null)).toEqual({ action: 'vol-spike', assets: allThree, factor: 2 })
      expect(parseDemoControl('vol-spike', { asset: 'sol', factor: '3' })).toEqual({ action: 'vol-spike', assets: ['SOL'], factor: 3 })
    })

    it.each([
      [1, false],
      [1.0001, true],
      [5, true],
      [5.01, false],
      [0.5, false],
    ])('factor %d: accepted %s', (factor, accepted) => {
      if (accepted) expect(parseDemoControl('vol-spike', { factor })).toMatchObject({ factor })
      else expect(refusal('vol-spike', { factor }).shortMessage).toBe(`factor must be a number above 1 and at most 5 (got ${factor})`)
    })
  })

  describe('stall', () => {
    it('stalls the price feed for 90 s (beyond the 60 s staleness limit) by default', () => {
      expect(parseDemoControl('stall', { asset: 'usdc' })).toEqual({ action: 'stall', asset: 'USDC', feed: 'price', seconds: 90 })
      expect(parseDemoControl('stall', { asset: 'ETH', feed: 'volatility', seconds: 120 })).toEqual({ action: 'stall', asset: 'ETH', feed: 'volatility', seconds: 120 })
    })

    it('needs an asset: stalling everything at once is a different demo', () => {
      expect(refusal('stall', {}).shortMessage).toBe('asset is required: one of BTC, ETH, SOL, USDC')
    })

    it('refuses the volatility feed of USDC, which has none', () => {
      const error = refusal('stall', { asset: 'USDC', feed: 'volatility' })
      expect(error.field).toBe('feed')
      expect(error.shortMessage).toBe('feed must be price for USDC, which has no volatility feed (got "volatility")')
    })

    it('refuses unknown feeds and out-of-range durations', () => {
      expect(refusal('stall', { asset: 'BTC', feed: 'funding' }).shortMessage).toBe('feed must be one of price, volatility (got "funding")')
      expect(parseDemoControl('stall', { asset: 'BTC', seconds: 1 })).toMatchObject({ seconds: 1 })
      expect(parseDemoControl('stall', { asset: 'BTC', seconds: 3600 })).toMatchObject({ seconds: 3600 })
      expect(refusal('stall', { asset: 'BTC', seconds: 0.5 }).field).toBe('seconds')
      expect(refusal('stall', { asset: 'BTC', seconds: 3601 }).field).toBe('seconds')
    })
  })

  describe('bad-tick', () => {
    it('takes every kind of bad update on every price feed', () => {
      for (const kind of ['zero', 'negative', 'jump', 'wide-confidence', 'out-of-order'] as const) {
        for (const asset of ['BTC', 'eth', 'Sol', 'USDC']) {
          expect(parseDemoControl('bad-tick', { asset, kind })).toEqual({ action: 'bad-tick', asset: asset.toUpperCase(), kind })
        }
      }
    })

    it('needs both the asset and the kind', () => {
      expect(refusal('bad-tick', { kind: 'zero' }).field).toBe('asset')
      expect(refusal('bad-tick', { asset: 'BTC' }).shortMessage).toBe('kind is required: one of zero, negative, jump, wide-confidence, out-of-order')
      expect(refusal('bad-tick', { asset: 'BTC', kind: 'stale' }).shortMessage).toBe(
        'kind must be one of zero, negative, jump, wide-confidence, out-of-order (got "stale")',
      )
    })
  })

  describe('advance-time', () => {
    it('takes whole seconds from 1 to 30 days', () => {
      expect(parseDemoControl('advance-time', { seconds: 1 })).toEqual({ action: 'advance-time', seconds: 1 })
      expect(parseDemoControl('advance-time', { seconds: '2592000' })).toEqual({ action: 'advance-time', seconds: 30 * 86_400 })
      for (const seconds of [0, 2_592_001, 1.5, -3600]) {
        expect(refusal('advance-time', { seconds }).shortMessage).toBe(`seconds must be a whole number of seconds from 1 to 2592000 (30 days) (got ${seconds})`)
      }
      expect(refusal('advance-time', {}).field).toBe('seconds')
    })
  })

  describe('reset', () => {
    it('takes an optional non-negative safe integer seed', () => {
      expect(parseDemoControl('reset', undefined)).toEqual({ action: 'reset' })
      expect(parseDemoControl('reset', {})).toEqual({ action: 'reset' })
      expect(parseDemoControl('reset', { seed: 0 })).toEqual({ action: 'reset', seed: 0 })
      expect(parseDemoControl('reset', { seed: '42' })).toEqual({ action: 'reset', seed: 42 })
      expect(parseDemoControl('reset', { seed: Number.MAX_SAFE_INTEGER })).toEqual({ action: 'reset', seed: 2 ** 53 - 1 })
      for (const seed of [-1, 1.5, 2 ** 53, '9007199254740993']) expect(refusal('reset', { seed }).field).toBe('seed')
    })

    it('reads "-0" as the 0 a person means', () => {
      const control = parseDemoControl('reset', { seed: '-0' }) as { seed?: number }
      expect(Object.is(control.seed, 0)).toBe(true)
    })
  })

  describe('faucet', () => {
    it('sends the default amounts to a checksummed address, and checksums a lowercase one', () => {
      const expected: DemoControl = { action: 'faucet', address: checksummed, usdc: 100_000, weth: 10, wstEth: 10, eth: 10 }
      expect(parseDemoControl('faucet', { address: checksummed })).toEqual(expected)
      expect(parseDemoControl('faucet', { address: checksummed.toLowerCase() })).toEqual(expected)
    })

    it('takes each amount from 0 to 10,000,000, at least one above 0', () => {
      expect(parseDemoControl('faucet', { address: checksummed, usdc: '0', weth: 10_000_000, wstEth: 0.5, eth: 0 })).toMatchObject({ usdc: 0, weth: 10_000_000, wstEth: 0.5, eth: 0 })
      expect(refusal('faucet', { address: checksummed, usdc: 10_000_001 }).shortMessage).toBe('usdc must be a number of tokens from 0 to 10000000 (got 10000001)')
      expect(refusal('faucet', { address: checksummed, eth: -1 }).field).toBe('eth')
      const none = refusal('faucet', { address: checksummed, usdc: 0, weth: 0, wstEth: 0, eth: 0 })
      expect(none.field).toBe('body')
      expect(none.shortMessage).toBe('faucet needs at least one of usdc, weth, wstEth, eth above 0')
    })

    it.each([
      ['a wrong checksum', checksummed.replace(/d$/, 'D')],
      ['all uppercase hex', `0x${checksummed.slice(2).toUpperCase()}`],
      ['39 hex digits', checksummed.slice(0, -1)],
      ['no 0x', checksummed.slice(2)],
      ['a number', 123],
    ])('refuses an address with %s', (_, address) => {
      const error = refusal('faucet', { address })
      expect(error.field).toBe('address')
      expect(error.shortMessage).toMatch(/^address must be a 0x address of 40 hex digits, checksummed or all lowercase \(got /)
    })

    it('needs an address', () => {
      expect(refusal('faucet', { usdc: 5 }).shortMessage).toBe('address is required: a 0x address of 40 hex digits')
    })
  })

  describe('body shape', () => {
    it('refuses unknown keys, so a typo never becomes a default', () => {
      const error = refusal('crash', { precent: 150 })
      expect(error.field).toBe('precent')
      expect(error.shortMessage).toBe('unknown field "precent" for crash: expected asset, percent, seconds')
      expect(refusal('faucet', { address: checksummed, wsteth: 5 }).field).toBe('wsteth')
      expect(refusal('reset', { seed: 1, action: 'reset' }).field).toBe('action')
    })

    it('refuses keys that only exist on Object.prototype, and __proto__ from JSON', () => {
      expect(refusal('reset', JSON.parse('{"__proto__": {"seed": 5}}')).field).toBe('__proto__')
      expect(refusal('crash', JSON.parse('{"percent": 10, "constructor": 1}')).field).toBe('constructor')
    })

    it.each([
      ['an array', [15]],
      ['a string', 'percent=15'],
      ['a number', 15],
      ['a boolean', true],
    ])('refuses a body that is %s', (_, body) => {
      const error = refusal('crash', body)
      expect(error.field).toBe('body')
      expect(error.shortMessage).toMatch(/^the body of crash must be a JSON object \(got /)
    })

    it.each([
      ['true', true, 'boolean'],
      ['null', null, 'null'],
      ['an array', [15], 'an array'],
      ['an object', { value: 15 }, 'an object'],
      ['"NaN"', 'NaN', '"NaN"'],
      ['"Infinity"', 'Infinity', '"Infinity"'],
      ['"-Infinity"', '-Infinity', '"-Infinity"'],
      ['NaN', Number.NaN, 'NaN'],
      ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
      ['an empty string', '', '""'],
      ['a padded string', ' 15', '" 15"'],
      ['hex', '0x10', '"0x10"'],
      ['a percent sign', '15%', '"15%"'],
      ['digit separators', '1_0', '"1_0"'],
    ])('refuses a percent of %s', (_, percent, shown) => {
      expect(refusal('crash', { percent }).shortMessage).toBe(`percent must be a number between 0 and 100 (got ${shown})`)
    })

    it('refuses an asset that is not a string, or null', () => {
      expect(refusal('crash', { asset: 5, percent: 10 }).shortMessage).toBe('asset must be one of BTC, ETH, SOL, or omitted for all three (got 5)')
      expect(refusal('bad-tick', { asset: null, kind: 'zero' }).field).toBe('asset')
    })
  })
})
