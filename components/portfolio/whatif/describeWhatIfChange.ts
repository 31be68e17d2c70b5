import type { WhatIfChange } from '@/lib/core/solvers/applyWhatIf'

const size = (value: number) => Math.abs(value).toLocaleString('en-US', { maximumFractionDigits: 8 })
const strike = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 })

/**
 * One what-if change in a trader's words, with its units: "Buy 0.5 BTC perp (cross)",
 * "Sell 2 BTC 62,000 call 2026-11-27 08:00 UTC", "Withdraw 1,000 USDC".
 */
export function describeWhatIfChange(change: WhatIfChange): string {
  switch (change.type) {
    case 'collateral':
      return `${change.amount > 0 ? 'Deposit' : 'Withdraw'} ${size(change.amount)} ${change.asset}`
    case 'perpTrade': {
      const { underlying, size: amount, isolatedId } = change.trade
      return `${amount > 0 ? 'Buy' : 'Sell'} ${size(amount)} ${underlying} perp (${isolatedId === undefined ? 'cross' : `isolated #${isolatedId}`})`
    }
    case 'optionTrade': {
      const { underlying, kind, strike: k, expiry, size: amount } = change.trade
      const when = new Date(expiry * 1000).toISOString().slice(0, 16).replace('T', ' ')
      return `${amount > 0 ? 'Buy' : 'Sell'} ${size(amount)} ${underlying} ${strike(k)} ${kind} ${when} UTC`
    }
  }
}
