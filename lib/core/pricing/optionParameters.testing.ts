import fc from 'fast-check'
import type { OptionPriceParameters } from './optionPrice'

/**
 * Test-only fast-check arbitraries for Black-Scholes-Merton inputs, shared by the optionPrice
 * and optionGreeks properties.
 */

/** Sane market inputs, the domain on which every pricing property must hold: spot 1–200,000 USD,
 * strike within e^±0.7 of spot, 1 day–3 years, rates and yields −2 %–15 %, vol 5–200 %. */
export const saneOptionParameters = fc
  .record({
    kind: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 1, max: 200_000, noNaN: true }),
    moneyness: fc.double({ min: -0.7, max: 0.7, noNaN: true }),
    years: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    dividendYield: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    vol: fc.double({ min: 0.05, max: 2, noNaN: true }),
  })
  .map(({ moneyness, ...rest }): OptionPriceParameters => ({ ...rest, strike: rest.spot * Math.exp(moneyness) }))

/** Valid but extreme inputs (prices 1e-300–1e300, up to 10,000 years, vol up to 1e6): no figure may be NaN. */
export const extremeOptionParameters = fc.record({
  kind: fc.constantFrom('call' as const, 'put' as const),
  spot: fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  strike: fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  years: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
  rate: fc.double({ min: -5, max: 5, noNaN: true }),
  dividendYield: fc.double({ min: -5, max: 5, noNaN: true }),
  vol: fc.double({ min: 1e-300, max: 1e6, noNaN: true, noDefaultInfinity: true }),
})
