import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createPublicClient, createWalletClient, http, parseAbi, type Address, type Hex, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { optionGreeks } from '../../lib/core/pricing/optionGreeks'
import { optionPrice } from '../../lib/core/pricing/optionPrice'
import { startAnvil, type StartAnvilReturnType } from '../../devnet/anvil/startAnvil'
import { devnetAccount, devnetRoles } from '../../devnet/runtime/devnetAccounts'
import { seededRandom } from './seededRandom.testing'

/**
 * Parity of the on-chain Black-Scholes library (contracts/src/options/OptionMath.sol, issue 8) with
 * lib/core: 10,000 European options (calls and puts; spot 1 … 100,000 USD; K/S in [0.5, 2];
 * σ 5 % … 300 %; one hour … two years; r ∈ {0, 3 %, −1 %}) priced by `OptionMathHarness.values` on a
 * fresh anvil and by `optionPrice`, and 1,000 of them through `greeksMany` and `optionGreeks`.
 *
 * Tolerance: |chain − core| ≤ 1e-9·|core| + 2 wei. The floor is the chain's rounding of each figure
 * to the nearest (value) or next lower (Greeks) wei, ≤ 1 wei, plus the ½-wei tie of a double read
 * back from WAD; values and Greeks below a few wei are compared at that floor only, since a WAD
 * cannot carry 1e-9 of them. Theta is a difference of the decay and carry terms, so its relative
 * tolerance applies to their size (|theta| + 2·|r|·K), not to a theta that crosses zero.
 *
 * The inputs are WAD integers; lib/core gets the doubles nearest to them (Number(wad) / 1e18, within
 * 2.2e-16 relative), which moves a value by at most its elasticity × 2.2e-16 (≤ 1e-11 here).
 */

const root = fileURLToPath(new URL('../../', import.meta.url))
const artifactPath = `${root}contracts/out/OptionMathHarness.sol/OptionMathHarness.json`

const valueCases = 10_000
const greeksCases = 1_000
const chunk = 1_000
const relativeTolerance = 1e-9
const floorWei = 2n
const wad = 1e18

const harnessAbi = parseAbi([
  'struct Input { bool isCall; uint256 spot; uint256 strike; uint256 vol; uint256 yearsToExpiry; int256 rate; }',
  'struct Greeks { int256 delta; uint256 gamma; uint256 vega; int256 theta; }',
  'function values(Input[] inputs) pure returns (uint256[])',
  'function greeksMany(Input[] inputs) pure returns (Greeks[])',
  'function gasPerValue(Input[] inputs) view returns (uint256 valueAtMean, uint256 valueAtMax, uint256 priceMean, uint256 greeksMean, uint256 checksum)',
])

type Input = { isCall: boolean; spot: bigint; strike: bigint; vol: bigint; yearsToExpiry: bigint; rate: bigint }

const toWad = (x: number) => BigInt(Math.round(x * wad))
const fromWad = (x: bigint) => Number(x) / wad

/** The grid of the issue, log-uniform within each range. */
function inputs(count: number, seed: number): Input[] {
  const next = seededRandom(seed)
  const logUniform = (low: number, high: number) => low * Math.exp(Math.log(high / low) * next())
  const rates = [0, 0.03, -0.01]
  return Array.from({ length: count }, () => {
    const spot = toWad(logUniform(1, 100_000))
    return {
      isCall: next() < 0.5,
      spot,
      strike: toWad(fromWad(spot) * logUniform(0.5, 2)),
      vol: toWad(logUniform(0.05, 3)),
      yearsToExpiry: toWad(logUniform(1 / 8760, 2)),
      rate: toWad(rates[Math.floor(next() * 3)] as number),
    }
  })
}

/** lib/core's parameters for the same option (the doubles nearest to the WAD inputs). */
function coreParameters(input: Input) {
  return {
    kind: input.isCall ? ('call' as const) : ('put' as const),
    spot: fromWad(input.spot),
    strike: fromWad(input.strike),
    vol: fromWad(input.vol),
    years: fromWad(input.yearsToExpiry),
    rate: fromWad(input.rate),
    dividendYield: 0,
  }
}

/** Worst relative difference seen per figure (on figures above 1e-6 USD or 1e-6 units). */
const worst: Record<string, { relative: number; at: string }> = {}

/** Largest difference seen beyond the relative part of the tolerance, in wei (what the floor must cover). */
let worstBeyondRelative = 0

/** |chain − core| ≤ 1e-9·scale + 2 wei, with chain in WAD and core a double (scale defaults to |core|). */
function expectClose(chain: bigint, core: number, what: string, scale = Math.abs(core)) {
  // Compare in wei as doubles: both sides are within an ulp (≈ 2e-16 relative) of their exact value.
  const difference = Math.abs(Number(chain) - core * wad)
  const tolerance = relativeTolerance * scale * wad + Number(floorWei)
  worstBeyondRelative = Math.max(worstBeyondRelative, difference - relativeTolerance * scale * wad)
  if (Math.abs(core) > 1e-6) {
    const relative = difference / (Math.abs(core) * wad)
    const name = what.split(' ')[0] as string
    if (!(relative <= (worst[name]?.relative ?? 0))) worst[name] = { relative, at: what }
  }
  if (!(difference <= tolerance)) {
    throw new Error(`${what}: chain ${fromWad(chain)} vs core ${core} (difference ${difference} wei, tolerance ${tolerance} wei)`)
  }
}

const describeInput = (input: Input) =>
  `${input.isCall ? 'call' : 'put'} S=${fromWad(input.spot)} K=${fromWad(input.strike)} vol=${fromWad(input.vol)} T=${fromWad(input.yearsToExpiry)} r=${fromWad(input.rate)}`

describe('OptionMath ↔ lib/core parity (anvil)', () => {
  let anvil: StartAnvilReturnType
  let publicClient: PublicClient
  let harness: Address
  // anvil gives an eth_call the block's gas limit: raise it so that 1,000 valuations fit in one call
  // (about 7M gas for values, 9M for greeksMany, 21M for gasPerValue).
  const blockGasLimit = 500_000_000n

  beforeAll(async () => {
    // A fresh clone has no artifacts yet (the build also regenerates lib/chain/generated).
    if (!existsSync(artifactPath)) {
      const build = spawnSync(process.execPath, [`${root}scripts/forge.mjs`, 'build'], { cwd: root, stdio: 'inherit' })
      if (build.status !== 0) throw new Error('forge build failed')
    }
    const artifact = JSON.parse(readFileSync(artifactPath, 'utf8')) as { bytecode: { object: Hex } }
    anvil = await startAnvil({ args: ['--gas-limit', String(blockGasLimit)] })
    const transport = http(anvil.rpcUrl)
    publicClient = createPublicClient({ chain: foundry, transport })
    const account = privateKeyToAccount(devnetAccount(devnetRoles.deployer).privateKey)
    const wallet = createWalletClient({ chain: foundry, transport, account })
    const hash = await wallet.deployContract({ abi: harnessAbi, bytecode: artifact.bytecode.object, gas: 10_000_000n })
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('OptionMathHarness deployment failed')
    harness = receipt.contractAddress
  }, 300_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('values equal optionPrice on 10,000 options to 1e-9 relative + 2 wei', async () => {
    const all = inputs(valueCases, 20_250_808)
    let compared = 0
    for (let start = 0; start < all.length; start += chunk) {
      const batch = all.slice(start, start + chunk)
      const values = await publicClient.readContract({ address: harness, abi: harnessAbi, functionName: 'values', args: [batch] })
      expect(values).toHaveLength(batch.length)
      batch.forEach((input, i) => {
        expectClose(values[i] as bigint, optionPrice(coreParameters(input)), `value ${describeInput(input)}`)
        compared++
      })
    }
    expect(compared).toBe(valueCases)
    const calls = all.filter((input) => input.isCall).length
    expect(calls).toBeGreaterThan(valueCases * 0.45) // both kinds are well represented
    expect(calls).toBeLessThan(valueCases * 0.55)
  })

  it('greeksMany equals optionGreeks on 1,000 options', async () => {
    const all = inputs(greeksCases, 20_250_809)
    const greeks = await publicClient.readContract({ address: harness, abi: harnessAbi, functionName: 'greeksMany', args: [all] })
    all.forEach((input, i) => {
      const chain = greeks[i]
      if (chain === undefined) throw new Error(`no Greeks for input ${i}`)
      const core = optionGreeks(coreParameters(input))
      const where = describeInput(input)
      expectClose(chain.delta, core.delta, `delta ${where}`)
      expectClose(chain.gamma, core.gamma, `gamma ${where}`)
      expectClose(chain.vega, core.vega, `vega ${where}`)
      const carry = 2 * Math.abs(fromWad(input.rate)) * fromWad(input.strike)
      expectClose(chain.theta, core.theta, `theta ${where}`, Math.abs(core.theta) + carry)
    })
  })

  it('costs at most 3,000 gas per valueAt', async () => {
    const sample = inputs(1_000, 20_250_810)
    const [valueAtMean, valueAtMax, priceMean, greeksMean] = await publicClient.readContract({
      address: harness,
      abi: harnessAbi,
      functionName: 'gasPerValue',
      args: [sample],
    })
    console.log(
      `OptionMath parity: worst relative difference (figures above 1e-6) ${Object.entries(worst)
        .map(([name, { relative }]) => `${name} ${relative.toExponential(2)}`)
        .join(', ')}; largest difference beyond 1e-9 relative ${worstBeyondRelative.toFixed(2)} wei (floor ${floorWei}); ` +
        `gas per valueAt ${valueAtMean} mean, ${valueAtMax} max; price ${priceMean}; greeks ${greeksMean}`,
    )
    for (const [name, { relative, at }] of Object.entries(worst)) console.log(`  worst ${name}: ${relative.toExponential(3)} at ${at}`)
    expect(valueAtMax).toBeLessThanOrEqual(3_000n)
  })
})
