import type { OptionTradingParams } from './types'
import type { Markets, OptionKind, RiskParams } from '../risk/types'

// STUB — to be implemented by the options-ticket work (issue 9). The lead wired it into the
// worker protocol (request 'optionChain'); keep the exported names, refine the types freely.

/** The terms of one listed series, as the venue lists it. */
export type OptionSeriesTerms = {
  seriesId: string
  underlying: string
  kind: OptionKind
  /** USD per unit. */
  strike: number
  /** Unix seconds. */
  expiry: number
}

export type OptionChainParameters = {
  markets: Markets
  params: RiskParams
  tradingParams: OptionTradingParams
  series: readonly OptionSeriesTerms[]
}

export type OptionChainRow = OptionSeriesTerms & Record<string, unknown>

export type OptionChainReturnType = { rows: OptionChainRow[] }

export function optionChain(_parameters: OptionChainParameters): OptionChainReturnType {
  throw new Error('optionChain: not implemented yet')
}
