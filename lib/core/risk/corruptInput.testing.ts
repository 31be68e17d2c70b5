/**
 * Test-only: random valid (account, markets, params) triples with one number made invalid —
 * NaN, ±Infinity, or out of its domain (a non-positive price or vol, a zero size, a negative
 * non-USDC balance) — for the "typed errors for random invalid input" properties.
 */
import fc from 'fast-check'
import { riskInput, type RiskInput } from './riskBooks.testing'

const nonFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)

type Corruption = (input: RiskInput, bad: number) => RiskInput

const corruptions: Corruption[] = [
  ({ account, markets, params }, bad) => ({ account, params, markets: { ...markets, underlyings: { ...markets.underlyings, BTC: { ...markets.underlyings.BTC!, price: bad } } } }),
  ({ account, markets, params }, bad) => ({ account, params, markets: { ...markets, underlyings: { ...markets.underlyings, ETH: { ...markets.underlyings.ETH!, vol: bad } } } }),
  ({ account, markets, params }, bad) => ({ account: { ...account, collateral: { ...account.collateral, WETH: bad } }, markets, params }),
  ({ account, markets, params }, bad) => ({
    account: { ...account, perps: [...account.perps, { underlying: 'SOL', size: bad, entryPrice: 100, lastFundingIndex: 0 }] },
    markets,
    params,
  }),
  ({ account, markets, params }, bad) => ({ account, markets, params: { ...params, z: bad } }),
]

/** Out-of-domain values per corruption above (used alongside the non-finite ones). */
const outOfDomain = [0, -1, -1, 0, -1]

export const corruptInput: fc.Arbitrary<RiskInput> = fc
  .tuple(riskInput, fc.integer({ min: 0, max: corruptions.length - 1 }), fc.oneof(nonFinite, fc.constant(undefined)))
  .map(([input, which, bad]) => (corruptions[which] as Corruption)(input, bad ?? (outOfDomain[which] as number)))
