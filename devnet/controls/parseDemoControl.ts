/**
 * The demo controls' request validation (issue 5, DESIGN.md §6): the single authority on what a
 * `POST /demo/<action>` body may say, shared by the HTTP server, the page's buttons and
 * `npm run demo:ctl` (which only shapes its arguments and lets this decide).
 */
import { getAddress, isAddress, type Address } from 'viem'
import { CoreError, type CoreErrorParameters } from '../../lib/core/errors'

/** A simulated underlying: the three perp markets. */
export type DemoAsset = 'BTC' | 'ETH' | 'SOL'
/** A price feed the keeper publishes: the underlyings and the settlement asset. */
export type DemoFeedAsset = DemoAsset | 'USDC'
/**
 * A deliberately bad oracle update, one per guard of DESIGN.md §4.6: price 0, a negative price,
 * a move beyond the jump threshold, conf/price beyond the uncertainty threshold, and a publish
 * time older than the feed's latest.
 */
export type BadTickKind = 'zero' | 'negative' | 'jump' | 'wide-confidence' | 'out-of-order'

/** One validated demo control, with every default applied. */
export type DemoControl =
  /** Move the price of `assets` down (crash) or up (pump) by `percent` % over `seconds` s. */
  | { action: 'crash' | 'pump'; assets: DemoAsset[]; percent: number; seconds: number }
  /** Multiply the volatility index (and the simulator's diffusion vol) of `assets` by `factor`. */
  | { action: 'vol-spike'; assets: DemoAsset[]; factor: number }
  /** Stop publishing one feed for `seconds` s, long enough to make it stale (> 60 s) by default. */
  | { action: 'stall'; asset: DemoFeedAsset; feed: 'price' | 'volatility'; seconds: number }
  /** Publish one bad update of `kind` on the price feed of `asset`. */
  | { action: 'bad-tick'; asset: DemoFeedAsset; kind: BadTickKind }
  /** Move the chain's clock forward by `seconds` s (whole seconds, as anvil's `evm_increaseTime`). */
  | { action: 'advance-time'; seconds: number }
  /** Restart the market from its initial state, with the simulator's `seed` when given. */
  | { action: 'reset'; seed?: number }
  /** Send tokens to `address` (checksummed), in whole tokens: USDC, WETH, wstETH and native ETH for gas. */
  | { action: 'faucet'; address: Address; usdc: number; weth: number; wstEth: number; eth: number }
  /** Cut every open price and volatility stream without a word, as a network failure would (clients reconnect). */
  | { action: 'drop-stream' }
  /** Send the stream's `event: error` (Hermes's words for a lagging subscriber) on every open stream; the connections stay open. */
  | { action: 'stream-error'; message: string }
  /** Make the chain stop answering for `seconds` s (anvil suspended, then resumed), as an RPC outage would. */
  | { action: 'rpc-outage'; seconds: number }
  /** Restart the chain under running pages: a fresh anvil on the same port, the venue deployed again and seeded. */
  | { action: 'restart-chain' }
  /**
   * Play the market `factor` times faster for `seconds` wall seconds: each block spans `factor`
   * chain seconds and every chain second is streamed (four price updates), so the page receives
   * 4 × factor price updates a second. `factor` 1 stops a running time-lapse.
   */
  | { action: 'time-lapse'; factor: number; seconds: number }

export type DemoControlAction = DemoControl['action']

/** Every action, in the order the help texts list them. */
export const demoControlActions: readonly DemoControlAction[] = ['crash', 'pump', 'vol-spike', 'stall', 'bad-tick', 'advance-time', 'reset', 'faucet', 'drop-stream', 'stream-error', 'rpc-outage', 'restart-chain', 'time-lapse']

export type DemoControlErrorType = DemoControlError
/**
 * A demo control request the devnet refuses. `shortMessage` is one line for the person who sent
 * it, e.g. `percent must be a number between 0 and 100 (got 150)`; `field` names the offending
 * body key (or `action`, or `body` for the body as a whole); `value` is what was sent.
 * Extends the engine's `CoreError` for the shared shape; the engine itself knows nothing of demos.
 */
export class DemoControlError extends CoreError {
  override name = 'DemoControlError'
  readonly field: string
  readonly value: unknown

  constructor(field: string, value: unknown, shortMessage: string, parameters: CoreErrorParameters = {}) {
    super(shortMessage, parameters)
    this.field = field
    this.value = value
  }
}

const demoAssets: readonly DemoAsset[] = ['BTC', 'ETH', 'SOL']
const feedAssets: readonly DemoFeedAsset[] = ['BTC', 'ETH', 'SOL', 'USDC']
const badTickKinds: readonly BadTickKind[] = ['zero', 'negative', 'jump', 'wide-confidence', 'out-of-order']
const thirtyDays = 30 * 24 * 3600
/** A generous ceiling that still keeps a faucet amount far inside every token's uint256 range. */
const maxFaucetAmount = 10_000_000

const fieldsOf: Record<DemoControlAction, readonly string[]> = {
  crash: ['asset', 'percent', 'seconds'],
  pump: ['asset', 'percent', 'seconds'],
  'vol-spike': ['asset', 'factor'],
  stall: ['asset', 'feed', 'seconds'],
  'bad-tick': ['asset', 'kind'],
  'advance-time': ['seconds'],
  reset: ['seed'],
  faucet: ['address', 'usdc', 'weth', 'wstEth', 'eth'],
  'drop-stream': [],
  'stream-error': ['message'],
  'rpc-outage': ['seconds'],
  'restart-chain': [],
  'time-lapse': ['factor', 'seconds'],
}
/** Hermes's own message for a subscriber that fell behind (its `Lagged(n)` broadcast error). */
const defaultStreamErrorMessage = 'Error receiving update: Lagged(1)'
/** Longest outage: beyond a minute the chain watchdog of a real deployment would page someone. */
const maxOutageSeconds = 60
/** Fastest time-lapse: 1,000 price updates a second from the four feeds (issue 10's bursts). */
const maxTimeLapseFactor = 250


/**
 * Validates one demo control: `action` from the path (`/demo/<action>`), `body` the parsed JSON
 * body (`undefined` or `null` read as `{}`, for actions whose fields are all optional).
 *
 * Rules (defaults in brackets):
 * - `crash` / `pump`: `asset?` BTC, ETH or SOL [all three]; `percent` — crash 0 < p < 100 (a
 *   100 % crash is a zero price, which the oracle rejects), pump 0 < p ≤ 500; `seconds?` 1..3600 [10].
 * - `vol-spike`: `asset?` [all three]; `factor?` 1 < f ≤ 5 [2].
 * - `stall`: `asset` BTC, ETH, SOL or USDC; `feed?` `price` or `volatility` [price] (USDC has no
 *   volatility feed); `seconds?` 1..3600 [90, beyond the 60 s staleness limit].
 * - `bad-tick`: `asset` (as stall) and `kind` (`BadTickKind`), both required.
 * - `advance-time`: `seconds`, a whole number 1..2,592,000 (30 days).
 * - `reset`: `seed?`, a non-negative safe integer.
 * - `faucet`: `address` (checksummed or all-lowercase, viem's `isAddress`); `usdc?` [100,000],
 *   `weth?` [10], `wstEth?` [10], `eth?` [10], whole-token amounts 0..10,000,000, at least one > 0.
 * - `drop-stream`: no fields.
 * - `stream-error`: `message?`, one line of 1..200 characters [`Error receiving update: Lagged(1)`].
 * - `rpc-outage`: `seconds?` 1..60 [10].
 * - `restart-chain`: no fields.
 * - `time-lapse`: `factor`, a whole number 1..250 (1 stops it); `seconds?`, whole, 1..600 [60].
 *
 * Numbers may be JSON numbers or decimal strings (`"15"`, `"1e3"`; not `"NaN"`, `"Infinity"`,
 * `"0x10"` or `""`); assets are case-insensitive; unknown keys are refused rather than ignored, so
 * a typo (`precent`) never silently becomes a default.
 *
 * @throws {DemoControlError} naming the first offending field.
 * @example
 * parseDemoControl('crash', { asset: 'eth', percent: '20' })
 * // { action: 'crash', assets: ['ETH'], percent: 20, seconds: 10 }
 */
export function parseDemoControl(action: string, body: unknown): DemoControl {
  if (!isDemoControlAction(action)) {
    throw new DemoControlError('action', action, `unknown demo control ${describe(action)}: expected one of ${demoControlActions.join(', ')}`)
  }
  const fields = readBody(action, body)

  switch (action) {
    case 'crash':
    case 'pump': {
      const percent =
        action === 'crash'
          ? readNumber(fields, 'percent', { above: 0, below: 100, expectation: 'a number between 0 and 100' })
          : readNumber(fields, 'percent', { above: 0, atMost: 500, expectation: 'a number above 0 and at most 500' })
      const seconds = readNumber(fields, 'seconds', { fallback: 10, atLeast: 1, atMost: 3600, expectation: 'a number of seconds from 1 to 3600' })
      return { action, assets: readAssets(fields), percent, seconds }
    }
    case 'vol-spike': {
      const factor = readNumber(fields, 'factor', { fallback: 2, above: 1, atMost: 5, expectation: 'a number above 1 and at most 5' })
      return { action, assets: readAssets(fields), factor }
    }
    case 'stall': {
      const asset = readChoice(fields, 'asset', feedAssets, { uppercase: true })
      const feed = readChoice(fields, 'feed', ['price', 'volatility'] as const, { fallback: 'price' })
      if (asset === 'USDC' && feed === 'volatility') {
        throw new DemoControlError('feed', fields.feed, `feed must be price for USDC, which has no volatility feed (got ${describe(fields.feed)})`)
      }
      const seconds = readNumber(fields, 'seconds', { fallback: 90, atLeast: 1, atMost: 3600, expectation: 'a number of seconds from 1 to 3600' })
      return { action, asset, feed, seconds }
    }
    case 'bad-tick':
      return { action, asset: readChoice(fields, 'asset', feedAssets, { uppercase: true }), kind: readChoice(fields, 'kind', badTickKinds) }
    case 'advance-time':
      return {
        action,
        seconds: readNumber(fields, 'seconds', { integer: true, atLeast: 1, atMost: thirtyDays, expectation: `a whole number of seconds from 1 to ${thirtyDays} (30 days)` }),
      }
    case 'drop-stream':
    case 'restart-chain':
      return { action }
    case 'stream-error': {
      const message = fields.message === undefined ? defaultStreamErrorMessage : fields.message
      // One line: a newline would end the event's data early and the rest would read as a new field.
      if (typeof message !== 'string' || message.trim() === '' || message.length > 200 || /[\r\n]/.test(message))
        throw new DemoControlError('message', message, `message must be one line of 1 to 200 characters (got ${describe(message)})`)
      return { action, message }
    }
    case 'time-lapse':
      return {
        action,
        factor: readNumber(fields, 'factor', { integer: true, atLeast: 1, atMost: maxTimeLapseFactor, expectation: `a whole number from 1 to ${maxTimeLapseFactor}` }),
        seconds: readNumber(fields, 'seconds', { fallback: 60, integer: true, atLeast: 1, atMost: 600, expectation: 'a whole number of seconds from 1 to 600' }),
      }
    case 'rpc-outage':
      return {
        action,
        seconds: readNumber(fields, 'seconds', { fallback: 10, atLeast: 1, atMost: maxOutageSeconds, expectation: `a number of seconds from 1 to ${maxOutageSeconds}` }),
      }
    case 'reset': {
      const seed = readNumber(fields, 'seed', { fallback: null, integer: true, atLeast: 0, atMost: Number.MAX_SAFE_INTEGER, expectation: `a whole number from 0 to ${Number.MAX_SAFE_INTEGER}` })
      return seed === null ? { action } : { action, seed }
    }
    case 'faucet': {
      const address = fields.address
      if (address === undefined) throw new DemoControlError('address', address, 'address is required: a 0x address of 40 hex digits')
      if (typeof address !== 'string' || !isAddress(address)) {
        throw new DemoControlError('address', address, `address must be a 0x address of 40 hex digits, checksummed or all lowercase (got ${describe(address)})`)
      }
      const amount = (field: string, fallback: number) =>
        readNumber(fields, field, { fallback, atLeast: 0, atMost: maxFaucetAmount, expectation: `a number of tokens from 0 to ${maxFaucetAmount}` })
      const amounts = { usdc: amount('usdc', 100_000), weth: amount('weth', 10), wstEth: amount('wstEth', 10), eth: amount('eth', 10) }
      if (Object.values(amounts).every((value) => value === 0)) {
        throw new DemoControlError('body', body, 'faucet needs at least one of usdc, weth, wstEth, eth above 0')
      }
      return { action, address: getAddress(address), ...amounts }
    }
  }
}

function isDemoControlAction(action: string): action is DemoControlAction {
  return (demoControlActions as readonly string[]).includes(action)
}

function readBody(action: DemoControlAction, body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new DemoControlError('body', body, `the body of ${action} must be a JSON object (got ${describe(body)})`)
  }
  const allowed = fieldsOf[action]
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      const expected = allowed.length === 0 ? 'it takes no fields' : `expected ${allowed.join(', ')}`
      throw new DemoControlError(key, (body as Record<string, unknown>)[key], `unknown field ${JSON.stringify(key)} for ${action}: ${expected}`)
    }
  }
  // A null-prototype copy: a known key can then never resolve to something inherited.
  return Object.assign(Object.create(null) as Record<string, unknown>, body)
}

function readAssets(fields: Record<string, unknown>): DemoAsset[] {
  if (fields.asset === undefined) return [...demoAssets]
  return [readChoice(fields, 'asset', demoAssets, { uppercase: true, omittedMeans: 'all three' })]
}

function readChoice<T extends string>(
  fields: Record<string, unknown>,
  field: string,
  choices: readonly T[],
  options: { fallback?: T; uppercase?: boolean; omittedMeans?: string } = {},
): T {
  const value = fields[field]
  const expectation = `one of ${choices.join(', ')}${options.omittedMeans ? `, or omitted for ${options.omittedMeans}` : ''}`
  if (value === undefined) {
    if (options.fallback !== undefined) return options.fallback
    throw new DemoControlError(field, value, `${field} is required: ${expectation}`)
  }
  const normalized = typeof value === 'string' && options.uppercase ? value.toUpperCase() : value
  const choice = choices.find((candidate) => candidate === normalized)
  if (choice === undefined) throw new DemoControlError(field, value, `${field} must be ${expectation} (got ${describe(value)})`)
  return choice
}

type NumberRule<F> = {
  /** Value when the field is omitted; required when absent. */
  fallback?: F
  integer?: boolean
  above?: number
  atLeast?: number
  below?: number
  atMost?: number
  /** How the message states the rule, e.g. `a number between 0 and 100`. */
  expectation: string
}

/** Decimal notation only: `Number()` would also take `0x10`, `Infinity`, `''` and padded strings. */
const decimalNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

function readNumber<F extends number | null = never>(fields: Record<string, unknown>, field: string, rule: NumberRule<F>): number | F {
  const value = fields[field]
  if (value === undefined) {
    if ('fallback' in rule) return rule.fallback as F
    throw new DemoControlError(field, value, `${field} is required: ${rule.expectation}`)
  }
  // `+ 0` turns -0 into 0, so "-0" reads as the 0 a person means.
  const number = typeof value === 'number' ? value + 0 : typeof value === 'string' && decimalNumber.test(value) ? Number(value) + 0 : Number.NaN
  const fits =
    Number.isFinite(number) &&
    (!rule.integer || Number.isInteger(number)) &&
    (rule.above === undefined || number > rule.above) &&
    (rule.atLeast === undefined || number >= rule.atLeast) &&
    (rule.below === undefined || number < rule.below) &&
    (rule.atMost === undefined || number <= rule.atMost)
  if (!fits) throw new DemoControlError(field, value, `${field} must be ${rule.expectation} (got ${describe(value)})`)
  return number
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}
