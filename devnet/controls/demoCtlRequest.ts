/**
 * The grammar of `npm run demo:ctl -- <command> …` (issue 5): command-line words in, one HTTP
 * request to the devnet's controls out. Deliberately no validation of values: the server's
 * `parseDemoControl` is the single authority, so the CLI, the page and curl can never disagree
 * about what a crash of 150 % means. This file only knows the word order, the flags and the
 * duration syntax (`90s`, `30m`, `8h`, `1d`).
 */
import { CoreError } from '../../lib/core/errors'
import type { DemoControlAction } from './parseDemoControl'

/** What the CLI should do: print the help, or send one request (path relative to the devnet's URL). */
export type DemoCtlRequest =
  | { kind: 'help' }
  | { kind: 'http'; method: 'GET'; path: '/health' | '/demo/state' }
  | { kind: 'http'; method: 'POST'; path: `/demo/${DemoControlAction}`; body: Record<string, number | string> }

export type DemoCtlUsageErrorType = DemoCtlUsageError
/** The words do not fit the grammar (missing or extra argument, unknown command or option, bad duration). */
export class DemoCtlUsageError extends CoreError {
  override name = 'DemoCtlUsageError'
}

/** The `--help` text. */
export const demoCtlUsage = `Usage: npm run demo:ctl -- <command> [arguments]

Drives the demo market of a running \`npm run demo\` (URL from MARGINFLOW_DEVNET_URL,
default http://127.0.0.1:8787). Assets are BTC, ETH, SOL (and USDC where a feed is meant);
the devnet checks every value and says what it expects.

Commands:
  crash [asset] <percent> [seconds]      move the price down, all three assets when none given,
                                         over 10 s by default          e.g. crash 15, crash ETH 20 30
  pump [asset] <percent> [seconds]       move the price up             e.g. pump SOL 40
  vol-spike [asset] [factor]             multiply the volatility (default x2)   e.g. vol-spike BTC 3
  stall <asset> [seconds] [--volatility] stop the price feed (or the volatility feed) for 90 s
                                         by default                    e.g. stall ETH 2m
  bad-tick <asset> <kind>                publish one bad update; kind: zero, negative, jump,
                                         wide-confidence, out-of-order e.g. bad-tick BTC jump
  advance-time <duration>                move the chain clock forward  e.g. 3600, 90s, 30m, 8h, 1d
  reset [seed]                           restart the market (optionally with a simulator seed)
  drop-stream                            cut every open price stream (clients reconnect and backfill)
  stream-error [message]                 send the stream's error event on every open stream
                                         (Hermes's "Error receiving update: Lagged(1)" by default)
  rpc-outage [seconds]                   the chain stops answering for 10 s by default (at most 60)
  restart-chain                          restart anvil under running pages: venue redeployed and seeded
  time-lapse <factor> [seconds]          play the market factor times faster for 60 s by default:
                                         4 x factor price updates a second (1 stops it)
                                                                       e.g. time-lapse 50, time-lapse 250 5s
  faucet <address> [--usdc N] [--weth N] [--wsteth N] [--eth N]
                                         send tokens (default 100000 USDC, 10 WETH, 10 wstETH,
                                         10 ETH; an option given alone still gets the defaults
                                         for the others; set them to 0 to skip)
  health                                 is the devnet up?
  state                                  the market as the devnet sees it

Durations: seconds (90) or a number with a unit s, m, h, d, combinable (1h30m).
Exit status: 0 done, 1 refused by the devnet or devnet unreachable, 2 bad command line.`

/**
 * Maps command-line words (`process.argv.slice(2)`) to the request `npm run demo:ctl` sends:
 * `POST /demo/<action>` with a JSON body for the controls, `GET /health` and `GET /demo/state`.
 *
 * Values become JSON numbers when they are plain decimals and are passed on as strings otherwise,
 * so the server's message names exactly what was typed. Where an optional asset precedes a number
 * (`crash [asset] <percent>`), a first word that starts like a number is the number.
 *
 * @throws {DemoCtlUsageError} when the words do not fit the grammar (see `demoCtlUsage`).
 * @example
 * demoCtlRequest(['crash', 'ETH', '20', '30s'])
 * // { kind: 'http', method: 'POST', path: '/demo/crash', body: { asset: 'ETH', percent: 20, seconds: 30 } }
 */
export function demoCtlRequest(argv: readonly string[]): DemoCtlRequest {
  const { positionals, options, help } = splitArguments(argv)
  const [command, ...args] = positionals
  if (help || command === 'help') return { kind: 'help' }
  if (command === undefined) throw new DemoCtlUsageError('missing command (crash, pump, vol-spike, stall, bad-tick, advance-time, reset, faucet, drop-stream, stream-error, rpc-outage, restart-chain, time-lapse, health, state)')

  const grammar = Object.hasOwn(grammars, command) ? grammars[command] : undefined
  if (grammar === undefined) throw new DemoCtlUsageError(`unknown command ${JSON.stringify(command)}; run with --help for the list`)
  const taken = takeOptions(command, options, grammar.options)
  if (args.length < grammar.min) throw new DemoCtlUsageError(`${command}: missing ${missingName(grammar.usage, args.length)}; usage: ${command} ${grammar.usage}`)
  if (args.length > grammar.max) throw new DemoCtlUsageError(`${command}: too many arguments (${args.slice(grammar.max).join(' ')}); usage: ${command} ${grammar.usage}`)
  const post = (action: DemoControlAction, body: Record<string, number | string | undefined>): DemoCtlRequest => ({
    kind: 'http',
    method: 'POST',
    path: `/demo/${action}`,
    body: compact(body),
  })

  switch (command) {
    case 'health':
      return { kind: 'http', method: 'GET', path: '/health' }
    case 'state':
      return { kind: 'http', method: 'GET', path: '/demo/state' }
    case 'crash':
    case 'pump': {
      const withAsset = args.length === 3 || (args.length === 2 && !startsLikeNumber(args[0]!))
      const [asset, percent, seconds] = withAsset ? args : [undefined, ...args]
      return post(command, { asset, percent: value(percent), seconds: duration(seconds, 'seconds') })
    }
    case 'vol-spike': {
      const withAsset = args.length === 2 || (args.length === 1 && !startsLikeNumber(args[0]!))
      const [asset, factor] = withAsset ? args : [undefined, ...args]
      return post(command, { asset, factor: value(factor) })
    }
    case 'stall':
      return post(command, { asset: args[0], feed: taken.volatility === undefined ? undefined : 'volatility', seconds: duration(args[1], 'seconds') })
    case 'bad-tick':
      return post(command, { asset: args[0], kind: args[1] })
    case 'advance-time':
      return post(command, { seconds: duration(args[0], 'duration') })
    case 'reset':
      return post(command, { seed: value(args[0]) })
    case 'drop-stream':
    case 'restart-chain':
      return post(command, {})
    case 'stream-error':
      return post(command, { message: args[0] })
    case 'rpc-outage':
      return post(command, { seconds: duration(args[0], 'seconds') })
    case 'time-lapse':
      return post(command, { factor: value(args[0]), seconds: duration(args[1], 'seconds') })
    case 'faucet':
      return post(command, { address: args[0], usdc: value(taken.usdc), weth: value(taken.weth), wstEth: value(taken.wsteth), eth: value(taken.eth) })
    default:
      throw new Error(`demoCtlRequest: no mapping for the command ${command}`)
  }
}

/** Options that take a value (`--usdc 1000`, `--usdc=1000`) and switches (`--volatility`). */
const valuedOptions: readonly string[] = ['usdc', 'weth', 'wsteth', 'eth']
const switchOptions: readonly string[] = ['volatility']

/** Each command's word count and options; `usage` as in `demoCtlUsage` (its `<required>` words name what is missing). */
const grammars: Partial<Record<string, { min: number; max: number; usage: string; options: readonly string[] }>> = {
  health: { min: 0, max: 0, usage: '', options: [] },
  state: { min: 0, max: 0, usage: '', options: [] },
  crash: { min: 1, max: 3, usage: '[asset] <percent> [seconds]', options: [] },
  pump: { min: 1, max: 3, usage: '[asset] <percent> [seconds]', options: [] },
  'vol-spike': { min: 0, max: 2, usage: '[asset] [factor]', options: [] },
  stall: { min: 1, max: 2, usage: '<asset> [seconds] [--volatility]', options: switchOptions },
  'bad-tick': { min: 2, max: 2, usage: '<asset> <kind>', options: [] },
  'advance-time': { min: 1, max: 1, usage: '<duration>', options: [] },
  reset: { min: 0, max: 1, usage: '[seed]', options: [] },
  'drop-stream': { min: 0, max: 0, usage: '', options: [] },
  'stream-error': { min: 0, max: 1, usage: '[message]', options: [] },
  'rpc-outage': { min: 0, max: 1, usage: '[seconds]', options: [] },
  'time-lapse': { min: 1, max: 2, usage: '<factor> [seconds]', options: [] },
  'restart-chain': { min: 0, max: 0, usage: '', options: [] },
  faucet: { min: 1, max: 1, usage: '<address> [--usdc N] [--weth N] [--wsteth N] [--eth N]', options: valuedOptions },
}

type SplitArguments = { positionals: string[]; options: Map<string, string>; help: boolean }

/** Separates arguments from options; `--` ends the options; `-5` is a (negative) argument, not an option. */
function splitArguments(argv: readonly string[]): SplitArguments {
  const positionals: string[] = []
  const options = new Map<string, string>()
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (word === '--help' || word === '-h') {
      help = true
      continue
    }
    if (!word.startsWith('--')) {
      positionals.push(word)
      continue
    }
    const [name, inline] = splitOnce(word.slice(2), '=')
    if (options.has(name)) throw new DemoCtlUsageError(`option --${name} given twice`)
    if (switchOptions.includes(name)) {
      if (inline !== undefined) throw new DemoCtlUsageError(`option --${name} takes no value`)
      options.set(name, '')
    } else if (valuedOptions.includes(name)) {
      const next = argv[i + 1]
      const given = inline ?? (next !== undefined && !next.startsWith('--') ? next : undefined)
      if (given === undefined || given === '') throw new DemoCtlUsageError(`option --${name} needs a value, e.g. --${name} 1000`)
      if (inline === undefined) i++
      options.set(name, given)
    } else throw new DemoCtlUsageError(`unknown option --${name}`)
  }
  return { positionals, options, help }
}

/** The options `accepted` by `command`, refusing the others (they belong to another command). */
function takeOptions(command: string, options: ReadonlyMap<string, string>, accepted: readonly string[]): Record<string, string | undefined> {
  for (const name of options.keys()) {
    if (!accepted.includes(name)) {
      const list = accepted.map((candidate) => `--${candidate}`).join(', ')
      throw new DemoCtlUsageError(`${command} takes no option --${name}${list ? ` (only ${list})` : ''}`)
    }
  }
  return Object.fromEntries(options)
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

function startsLikeNumber(word: string): boolean {
  return /^[+-]?\.?\d/.test(word)
}

/** A plain decimal goes as a JSON number; anything else as typed, for the server to name. */
function value(word: string | undefined): number | string | undefined {
  if (word === undefined || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(word)) return word
  // `1e999` stays text: as a number it would be Infinity, which JSON can only send as null.
  return Number.isFinite(Number(word)) ? Number(word) : word
}

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 }

/** `3600`, `90s`, `30m`, `8h`, `1d`, `1h30m`, `1.5h` → seconds. A bare number passes through as `value` does. */
function duration(word: string | undefined, name: string): number | string | undefined {
  if (word === undefined) return undefined
  if (!/^(?:\d+(?:\.\d+)?[smhd])+$/.test(word)) {
    const plain = value(word)
    if (typeof plain === 'number') return plain
    throw new DemoCtlUsageError(`${name} must look like 3600, 90s, 30m, 8h, 1d or 1h30m (got ${JSON.stringify(word)})`)
  }
  let seconds = 0
  for (const [, amount, unit] of word.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) seconds += Number(amount) * unitSeconds[unit!]!
  return seconds
}

function compact(body: Record<string, number | string | undefined>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, number | string] => entry[1] !== undefined))
}

function missingName(grammar: string, given: number): string {
  const required = grammar.match(/<[^>]+>/g) ?? []
  return required[Math.min(given, required.length - 1)] ?? 'an argument'
}
