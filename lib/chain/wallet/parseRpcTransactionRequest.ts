import { getAddress, hexToBigInt, hexToNumber, isAddress, isHex, type AccessList, type Address, type Hex } from 'viem'
import { DemoWalletError } from './demoWalletErrors'

/** A JSON-RPC transaction request (`eth_sendTransaction`'s parameter): quantities as hex strings. */
export type RpcTransactionRequestInput = Record<string, unknown>

/** The same request with viem's types: what the wallet signs, once nonce, gas and fees are filled in. */
export type ParsedTransactionRequest = {
  from: Address
  to?: Address
  data?: Hex
  value?: bigint
  gas?: bigint
  gasPrice?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  nonce?: number
  /** The chain the caller says it signs for; `undefined` when the request names none. */
  chainId?: number
  accessList?: AccessList
}

/**
 * Reads an `eth_sendTransaction` / `eth_signTransaction` parameter (EIP-1474: quantities as hex,
 * `data` or its alias `input`). Refuses, as invalid params (-32602), a request without a valid
 * `from`, with a malformed field, or asking for a contract deployment (`to` missing: the demo
 * wallet only calls contracts).
 *
 * @example
 * parseRpcTransactionRequest({ from: '0x90f7…b906', to: '0xff52…a665', data: '0x…', value: '0x0', chainId: '0x7a69' })
 * // { from: '0x90F7…b906', to: '0xFF52…a665', data: '0x…', value: 0n, chainId: 31337 }
 */
export function parseRpcTransactionRequest(input: unknown): ParsedTransactionRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('the transaction must be an object')
  const request = input as RpcTransactionRequestInput
  const from = address(request, 'from')
  if (from === undefined) throw invalid('the transaction has no `from` address')
  const to = address(request, 'to')
  if (to === undefined) throw invalid('the transaction has no `to` address (the demo wallet does not deploy contracts)')
  const data = request.data ?? request.input
  if (data !== undefined && data !== null && !isHex(data, { strict: true })) throw invalid('`data` must be 0x-prefixed hex')
  const parsed: ParsedTransactionRequest = { from, to }
  if (typeof data === 'string') parsed.data = data as Hex
  for (const field of ['value', 'gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas'] as const) {
    const value = quantity(request, field)
    if (value !== undefined) parsed[field] = value
  }
  const nonce = quantity(request, 'nonce')
  if (nonce !== undefined) parsed.nonce = Number(nonce)
  const chainId = quantity(request, 'chainId')
  if (chainId !== undefined) parsed.chainId = Number(chainId)
  if (Array.isArray(request.accessList)) parsed.accessList = request.accessList as AccessList
  return parsed
}

function address(request: RpcTransactionRequestInput, field: string): Address | undefined {
  const value = request[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw invalid(`\`${field}\` must be a 0x address`)
  return getAddress(value)
}

function quantity(request: RpcTransactionRequestInput, field: string): bigint | undefined {
  const value = request[field]
  if (value === undefined || value === null) return undefined
  // Some dapps send decimal numbers; EIP-1474 says hex. Accept both, nothing else.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) throw invalid(`\`${field}\` must be a hex quantity`)
  return field === 'nonce' || field === 'chainId' ? BigInt(hexToNumber(value as Hex)) : hexToBigInt(value as Hex)
}

function invalid(reason: string): DemoWalletError {
  return new DemoWalletError(`Invalid transaction: ${reason}.`, { code: -32602 })
}
