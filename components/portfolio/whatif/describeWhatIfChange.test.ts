import { describe, expect, it } from 'vitest'
import { describeWhatIfChange } from './describeWhatIfChange'

describe('describeWhatIfChange', () => {
  it('says what each change is, with its units and side', () => {
    expect(describeWhatIfChange({ type: 'collateral', asset: 'USDC', amount: -1_500 })).toBe('Withdraw 1,500 USDC')
    expect(describeWhatIfChange({ type: 'collateral', asset: 'WETH', amount: 0.25 })).toBe('Deposit 0.25 WETH')
    expect(describeWhatIfChange({ type: 'perpTrade', trade: { underlying: 'BTC', size: 0.5 } })).toBe('Buy 0.5 BTC perp (cross)')
    expect(describeWhatIfChange({ type: 'perpTrade', trade: { underlying: 'ETH', size: -3, isolatedId: '4' } })).toBe('Sell 3 ETH perp (isolated #4)')
    // 1,795,766,400 = 2026-11-27 08:00 UTC
    expect(describeWhatIfChange({ type: 'optionTrade', trade: { underlying: 'BTC', kind: 'call', strike: 62_000, expiry: 1_795_766_400, size: -2 } })).toBe('Sell 2 BTC 62,000 call 2026-11-27 08:00 UTC')
  })
})
