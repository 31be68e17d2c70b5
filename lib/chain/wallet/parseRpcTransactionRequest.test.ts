import { describe, expect, it } from 'vitest'
import { DemoWalletError } from './demoWalletErrors'
import { parseRpcTransactionRequest } from './parseRpcTransactionRequest'

const from = '0x90f79bf6eb2c4f870365e785982e1f101e93b906'
const to = '0xff52ebcc32fec8e1c7c34bab9f918aeaa2b8a665'

describe('parseRpcTransactionRequest', () => {
  it('reads hex quantities, checksums addresses and accepts `input` for `data`', () => {
    expect(
      parseRpcTransactionRequest({ from, to, input: '0xabcd', value: '0xde0b6b3a7640000', gas: '0x5208', maxFeePerGas: '0x3b9aca00', maxPriorityFeePerGas: '0x1', nonce: '0x7', chainId: '0x7a69' }),
    ).toEqual({
      from: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
      to: '0xFF52ebCc32fEc8E1c7C34BAB9f918aeaA2b8a665',
      data: '0xabcd',
      value: 10n ** 18n,
      gas: 21_000n,
      maxFeePerGas: 1_000_000_000n,
      maxPriorityFeePerGas: 1n,
      nonce: 7,
      chainId: 31337,
    })
  })

  it('leaves out what the caller left out (the wallet fills nonce, gas and fees)', () => {
    expect(parseRpcTransactionRequest({ from, to, gasPrice: null })).toEqual({ from: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', to: '0xFF52ebCc32fEc8E1c7C34BAB9f918aeaA2b8a665' })
  })

  it.each([
    ['not an object', 'a string'],
    ['no from', { to }],
    ['no to (a deployment)', { from }],
    ['a bad address', { from: '0x1234', to }],
    ['a decimal string quantity', { from, to, value: '100' }],
    ['non-hex data', { from, to, data: 'hello' }],
  ])('refuses %s as invalid params (-32602)', (_case, input) => {
    expect(() => parseRpcTransactionRequest(input)).toThrow(DemoWalletError)
    try {
      parseRpcTransactionRequest(input)
    } catch (error) {
      expect(error).toMatchObject({ code: -32602 })
    }
  })
})
