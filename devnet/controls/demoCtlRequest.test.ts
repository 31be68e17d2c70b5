import { describe, expect, it } from 'vitest'
import { demoCtlRequest, demoCtlUsage, DemoCtlUsageError } from './demoCtlRequest'
import { DemoControlError, parseDemoControl, type DemoControl } from './parseDemoControl'

const address = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const words = (line: string) => line.split(' ').filter(Boolean)
const request = (line: string) => demoCtlRequest(words(line))

function usageError(line: string): DemoCtlUsageError {
  try {
    throw new Error(`expected a usage error, got ${JSON.stringify(request(line))}`)
  } catch (error) {
    if (!(error instanceof DemoCtlUsageError)) throw error
    return error
  }
}

/** What the devnet makes of a command line: the CLI's body through the server's own parser. */
function control(line: string): DemoControl {
  const shaped = request(line)
  if (shaped.kind !== 'http' || shaped.method !== 'POST') throw new Error(`${line} is not a control`)
  return parseDemoControl(shaped.path.slice('/demo/'.length), JSON.parse(JSON.stringify(shaped.body)))
}

describe('demoCtlRequest', () => {
  it.each([
    ['crash 15', { percent: 15 }],
    ['crash ETH 20', { asset: 'ETH', percent: 20 }],
    ['crash 20 30', { percent: 20, seconds: 30 }],
    ['crash ETH 20 30', { asset: 'ETH', percent: 20, seconds: 30 }],
    ['crash btc 12.5 2m', { asset: 'btc', percent: 12.5, seconds: 120 }],
  ])('shapes "%s" into a POST /demo/crash body', (line, body) => {
    expect(request(line)).toEqual({ kind: 'http', method: 'POST', path: '/demo/crash', body })
  })

  it.each([
    ['crash 15', { action: 'crash', assets: ['BTC', 'ETH', 'SOL'], percent: 15, seconds: 10 }],
    ['crash ETH 20 30', { action: 'crash', assets: ['ETH'], percent: 20, seconds: 30 }],
    ['pump SOL 40', { action: 'pump', assets: ['SOL'], percent: 40, seconds: 10 }],
    ['pump 250 1m', { action: 'pump', assets: ['BTC', 'ETH', 'SOL'], percent: 250, seconds: 60 }],
    ['vol-spike', { action: 'vol-spike', assets: ['BTC', 'ETH', 'SOL'], factor: 2 }],
    ['vol-spike 3', { action: 'vol-spike', assets: ['BTC', 'ETH', 'SOL'], factor: 3 }],
    ['vol-spike eth', { action: 'vol-spike', assets: ['ETH'], factor: 2 }],
    ['vol-spike BTC 4.5', { action: 'vol-spike', assets: ['BTC'], factor: 4.5 }],
    ['stall ETH', { action: 'stall', asset: 'ETH', feed: 'price', seconds: 90 }],
    ['stall USDC 120', { action: 'stall', asset: 'USDC', feed: 'price', seconds: 120 }],
    ['stall BTC 2m --volatility', { action: 'stall', asset: 'BTC', feed: 'volatility', seconds: 120 }],
    ['stall --volatility SOL', { action: 'stall', asset: 'SOL', feed: 'volatility', seconds: 90 }],
    ['bad-tick BTC jump', { action: 'bad-tick', asset: 'BTC', kind: 'jump' }],
    ['bad-tick usdc wide-confidence', { action: 'bad-tick', asset: 'USDC', kind: 'wide-confidence' }],
    ['advance-time 3600', { action: 'advance-time', seconds: 3600 }],
    ['advance-time 1d', { action: 'advance-time', seconds: 86_400 }],
    ['reset', { action: 'reset' }],
    ['reset 7', { action: 'reset', seed: 7 }],
    [`faucet ${address}`, { action: 'faucet', address, usdc: 100_000, weth: 10, wstEth: 10, eth: 10 }],
    [`faucet ${address.toLowerCase()} --usdc 5000 --wsteth=2.5 --eth 0`, { action: 'faucet', address, usdc: 5000, weth: 10, wstEth: 2.5, eth: 0 }],
    [`faucet --weth 1 ${address}`, { action: 'faucet', address, usdc: 100_000, weth: 1, wstEth: 10, eth: 10 }],
    ['stream-error', { action: 'stream-error', message: 'Error receiving update: Lagged(1)' }],
    ['stream-error Lagged', { action: 'stream-error', message: 'Lagged' }],
    ['rpc-outage', { action: 'rpc-outage', seconds: 10 }],
    ['rpc-outage 30s', { action: 'rpc-outage', seconds: 30 }],
    ['restart-chain', { action: 'restart-chain' }],
    ['time-lapse 50', { action: 'time-lapse', factor: 50, seconds: 60 }],
    ['time-lapse 250 5s', { action: 'time-lapse', factor: 250, seconds: 5 }],
    ['time-lapse 1', { action: 'time-lapse', factor: 1, seconds: 60 }],
  ])('"%s" means to the devnet %j', (line, expected) => {
    expect(control(line)).toEqual(expected)
  })

  it('asks for health and state with GET', () => {
    expect(request('health')).toEqual({ kind: 'http', method: 'GET', path: '/health' })
    expect(request('state')).toEqual({ kind: 'http', method: 'GET', path: '/demo/state' })
  })

  it.each([
    ['3600', 3600],
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['1d', 86_400],
    ['1h30m', 5400],
    ['1d2h3m4s', 86_400 + 7200 + 180 + 4],
    ['1.5h', 5400],
  ])('reads the duration %s as %d s', (duration, seconds) => {
    expect(request(`advance-time ${duration}`)).toMatchObject({ body: { seconds } })
  })

  it.each(['5x', 'h', '1h30', '30 m', 'm30', '1e3s', 'soon'])('refuses the duration "%s" with the syntax it expects', (duration) => {
    expect(() => demoCtlRequest(['advance-time', duration])).toThrow(/^duration must look like 3600, 90s, 30m, 8h, 1d or 1h30m \(got "/)
  })

  it('leaves the values to the devnet: passes on what it cannot read as a number, for the server to name', () => {
    expect(request('crash 15abc')).toMatchObject({ body: { percent: '15abc' } })
    expect(() => control('crash 15abc')).toThrow('percent must be a number between 0 and 100 (got "15abc")')
    expect(request('crash -5')).toMatchObject({ body: { percent: -5 } })
    expect(() => control('crash -5')).toThrow(DemoControlError)
    expect(request('crash XRP 15')).toMatchObject({ body: { asset: 'XRP', percent: 15 } })
    expect(() => control('crash XRP 15')).toThrow('asset must be one of BTC, ETH, SOL, or omitted for all three (got "XRP")')
    expect(request('crash 1e999')).toMatchObject({ body: { percent: '1e999' } })
    expect(() => control('crash 1e999')).toThrow('(got "1e999")')
    expect(() => control('crash 150')).toThrow('percent must be a number between 0 and 100 (got 150)')
    expect(() => control('advance-time 1.5s')).toThrow('seconds must be a whole number of seconds')
    expect(() => control('bad-tick BTC stale')).toThrow('kind must be one of')
    expect(() => control('faucet 0x1234')).toThrow('address must be a 0x address')
    expect(() => control(`faucet ${address} --usdc lots`)).toThrow('usdc must be a number of tokens from 0 to 10000000 (got "lots")')
  })

  it.each([
    ['', 'missing command'],
    ['launch', 'unknown command "launch"'],
    ['constructor', 'unknown command "constructor"'],
    ['toString', 'unknown command "toString"'],
    ['crash', 'crash: missing <percent>; usage: crash [asset] <percent> [seconds]'],
    ['pump ETH 20 30 40', 'pump: too many arguments (40)'],
    ['stall', 'stall: missing <asset>'],
    ['bad-tick BTC', 'bad-tick: missing <kind>'],
    ['bad-tick', 'bad-tick: missing <asset>'],
    ['advance-time', 'advance-time: missing <duration>'],
    ['faucet', 'faucet: missing <address>'],
    ['reset 1 2', 'reset: too many arguments (2)'],
    ['health now', 'health: too many arguments (now)'],
    ['vol-spike BTC 2 3', 'vol-spike: too many arguments (3)'],
  ])('refuses "%s": %s', (line, message) => {
    expect(usageError(line).shortMessage).toContain(message)
  })

  it.each([
    ['crash 15 --volatility', 'crash takes no option --volatility'],
    [`faucet ${address} --volatility`, 'faucet takes no option --volatility (only --usdc, --weth, --wsteth, --eth)'],
    ['stall BTC --usdc 5', 'stall takes no option --usdc (only --volatility)'],
    [`faucet ${address} --dai 5`, 'unknown option --dai'],
    [`faucet ${address} --usdc`, 'option --usdc needs a value'],
    [`faucet ${address} --usdc --eth 1`, 'option --usdc needs a value'],
    [`faucet ${address} --usdc= `, 'option --usdc needs a value'],
    [`faucet ${address} --usdc 1 --usdc 2`, 'option --usdc given twice'],
    ['stall BTC --volatility=yes', 'option --volatility takes no value'],
  ])('refuses the options of "%s"', (line, message) => {
    expect(usageError(line).shortMessage).toContain(message)
  })

  it('lets a faucet amount be negative, for the devnet to refuse', () => {
    expect(request(`faucet ${address} --eth -1`)).toMatchObject({ body: { eth: -1 } })
  })

  it('treats everything after -- as arguments', () => {
    expect(demoCtlRequest(['reset', '--', '--5'])).toMatchObject({ body: { seed: '--5' } })
  })

  it('answers --help, -h and help with the help, whatever else was typed', () => {
    for (const line of ['--help', '-h', 'help', 'crash --help', 'faucet -h', 'launch --help']) expect(request(line)).toEqual({ kind: 'help' })
  })

  it('documents every command of the grammar and the duration syntax', () => {
    for (const form of [
      'crash [asset] <percent> [seconds]',
      'pump [asset] <percent> [seconds]',
      'vol-spike [asset] [factor]',
      'stall <asset> [seconds] [--volatility]',
      'bad-tick <asset> <kind>',
      'zero, negative, jump,',
      'wide-confidence, out-of-order',
      'advance-time <duration>',
      '3600, 90s, 30m, 8h, 1d',
      'reset [seed]',
      'stream-error [message]',
      'rpc-outage [seconds]',
      'restart-chain',
      'time-lapse <factor> [seconds]',
      'faucet <address> [--usdc N] [--weth N] [--wsteth N] [--eth N]',
      'health',
      'state',
      'MARGINFLOW_DEVNET_URL',
    ]) {
      expect(demoCtlUsage).toContain(form)
    }
  })
})
