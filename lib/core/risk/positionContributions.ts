import type { Account, Markets, RiskParams } from './types'

// STUB — to be implemented by the positions-workspace work (issue 9). The lead wired it into the
// worker protocol (request 'positionContributions'); keep the exported names, refine the types.

export type PositionContributionsParameters = {
  account: Account
  markets: Markets
  params: RiskParams
}

export type PositionContributionsReturnType = { positions: Record<string, unknown>[] }

export function positionContributions(_parameters: PositionContributionsParameters): PositionContributionsReturnType {
  throw new Error('positionContributions: not implemented yet')
}
