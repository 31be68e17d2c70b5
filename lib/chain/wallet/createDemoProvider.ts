import {
  BaseError,
  createPublicClient,
  createWalletClient,
  hexToNumber,
  http,
  isAddressEqual,
  isHex,
  numberToHex,
  type Address,
  type Chain,
  type Hex,
  type LocalAccount,
  type TypedDataDefinition,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { devnetChainId } from '../generated/addresses'
import type { DemoIdentity } from './demoIdentities'
import { DemoWalletChainError, DemoWalletError } from './demoWalletErrors'
import { parseRpcTransactionRequest } from './parseRpcTransactionRequest'

export type CreateDemoProviderParameters = {
  /** The devnet (viem chain with its RPC URL): the one chain the provider signs for. Its id must be 31337. */
  chain: Chain
  /** The private key of each identity (devnet-only keys: see `seededDemoKeys` and `loadBurnerKey`). */
  keys: Record<DemoIdentity, Hex>
  /** Who the wallet acts as at first; `retail` by default. */
  identity?: DemoIdentity
  /** Asked before every signature (see {@link DemoApprover}); none: every valid request is signed. */
  approve?: DemoApprover
}

/**
 * Decides whether the wallet signs a request it would otherwise sign (the request is valid, for
 * the devnet, from the identity it acts as). `false` rejects it as the user would (4001): how an
 * e2e test drills the "rejected signature" path, since the demo wallet has no prompt of its own.
 */
export type DemoApprover = (request: { method: string; params: unknown; address: Address }) => boolean | Promise<boolean>

/** An EIP-1193 request. */
export type DemoProviderRequest = { method: string; params?: unknown }

type Listener = (...args: unknown[]) => void

/** An EIP-1193 provider that signs locally for the devnet, plus the identity switch. */
export type DemoProvider = {
  request(args: DemoProviderRequest): Promise<unknown>
  on(event: string, listener: Listener): void
  removeListener(event: string, listener: Listener): void
  /** Who the wallet acts as now. */
  identity(): DemoIdentity
  /** Every identity's address (checksummed). */
  addresses(): Record<DemoIdentity, Address>
  /** Acts as `identity` from now on; emits `accountsChanged` with its address when it changes. */
  setIdentity(identity: DemoIdentity): void
  /** Replaces the approver (`null`: sign every valid request). */
  setApprover(approve: DemoApprover | null): void
}

/** Methods whose only effect is to read the chain: forwarded to the devnet RPC as they are. */
const forwardable = /^(eth|net|web3)_/
/** Signing or wallet methods the demo wallet does not offer (old, unsafe or out of scope). */
const refused = new Set(['eth_sign', 'eth_signTypedData', 'eth_signTypedData_v1', 'eth_signTypedData_v3', 'eth_getEncryptionPublicKey', 'eth_decrypt'])

/**
 * The demo wallet's EIP-1193 provider: it holds viem local accounts (`privateKeyToAccount`) for
 * the seeded retail and power-user traders and the browser's burner, acts as one of them at a
 * time, and signs locally:
 *
 * - `eth_sendTransaction` (and `wallet_sendTransaction`): fills nonce (pending count, so a chain
 *   reset on the devnet needs no local bookkeeping; sends are queued so two quick ones never
 *   share a nonce), gas and fees from the devnet, signs, and sends with `eth_sendRawTransaction`;
 *   `eth_signTransaction` signs without sending;
 * - `eth_signTypedData_v4` (EIP-712, e.g. EIP-2612 permits) and `personal_sign` (EIP-191);
 * - reads (`eth_*`, `net_*`, `web3_*`) go to the devnet RPC unchanged; errors keep the node's
 *   `code` and `data` (a revert's data decodes with the contract's ABI).
 *
 * It refuses ({@link DemoWalletChainError}) to sign for any chain but 31337: a transaction or
 * typed data naming another chain (or typed data naming none), a switch or add of another chain,
 * and any signature at all if the RPC endpoint turns out not to answer chain id 31337 (checked
 * once, before the first signature). Signing for an address it does not act as is 4100
 * (unauthorised); other wallet methods are 4200 (unsupported). There is no prompt: a click in
 * the page is the user's consent, which is what a devnet demo wants (DEVNET ONLY); an optional
 * approver can reject a signature as a user would (4001), for tests of that path.
 *
 * @example
 * const provider = createDemoProvider({ chain: devnetChain({ rpcUrl }), keys: { ...seededDemoKeys, burner: loadBurnerKey() } })
 * const wallet = createWalletClient({ chain, transport: custom(provider), account: provider.addresses().retail })
 * provider.on('accountsChanged', ([address]) => console.log(address))
 * provider.setIdentity('powerUser') // logs 0x15d3…6A65
 */
export function createDemoProvider({ chain, keys, identity: initial = 'retail', approve }: CreateDemoProviderParameters): DemoProvider {
  if (chain.id !== devnetChainId) {
    throw new DemoWalletChainError({ chainId: chain.id, devnetChainId, code: 4901, reason: `it was configured for chain ${chain.id}` })
  }
  const rpcUrl = chain.rpcUrls.default.http[0]
  if (rpcUrl === undefined) throw new DemoWalletError('The devnet chain has no RPC URL.', { code: 4900 })
  const accounts = {
    retail: privateKeyToAccount(keys.retail),
    powerUser: privateKeyToAccount(keys.powerUser),
    burner: privateKeyToAccount(keys.burner),
  } satisfies Record<DemoIdentity, LocalAccount>
  // The page's own transport retries; the wallet answers once, with the node's error.
  const transport = http(rpcUrl, { retryCount: 0 })
  const publicClient = createPublicClient({ chain, transport })
  const walletClient = createWalletClient({ chain, transport })
  const listeners = new Map<string, Set<Listener>>()
  let identity: DemoIdentity = initial
  let rpcChecked: Promise<void> | null = null
  let approver: DemoApprover | null = approve ?? null
  // Sends go one at a time: each takes the pending nonce, which counts the one sent before it.
  let sending: Promise<unknown> = Promise.resolve()

  const current = () => accounts[identity]
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(...args)
  }

  /** Checks once that the RPC endpoint is the devnet; a failed check is retried next time. */
  const assertDevnetRpc = () => {
    rpcChecked ??= publicClient.getChainId().then(
      (rpcChainId) => {
        if (rpcChainId !== devnetChainId) {
          throw new DemoWalletChainError({ chainId: rpcChainId, devnetChainId, code: 4901, reason: `the RPC endpoint ${rpcUrl} is chain ${rpcChainId}` })
        }
      },
      (error: unknown) => {
        rpcChecked = null
        throw toProviderError(error)
      },
    )
    return rpcChecked
  }

  /** The last step before a signature: the approver may reject it as a user would (4001). */
  const assertApproved = async (method: string, params: unknown, account: LocalAccount) => {
    if (approver !== null && !(await approver({ method, params, address: account.address }))) {
      throw new DemoWalletError('You rejected the request in the demo wallet.', { code: 4001 })
    }
  }

  const assertSigner = (address: unknown): LocalAccount => {
    const account = current()
    if (typeof address !== 'string' || !isHex(address) || address.length !== 42 || !isAddressEqual(address as Address, account.address)) {
      throw new DemoWalletError(`The demo wallet is acting as ${account.address}, not ${String(address)}: switch identity to sign for it.`, { code: 4100 })
    }
    return account
  }

  const assertChain = (chainId: number | undefined, what: string) => {
    if (chainId !== devnetChainId) {
      throw new DemoWalletChainError({ chainId, devnetChainId, code: 4901, reason: chainId === undefined ? `${what} names no chain` : `${what} is for chain ${chainId}` })
    }
  }

  const prepare = async (method: string, params: unknown) => {
    const request = parseRpcTransactionRequest(Array.isArray(params) ? params[0] : undefined)
    const account = assertSigner(request.from)
    if (request.chainId !== undefined) assertChain(request.chainId, 'the transaction')
    await assertDevnetRpc()
    await assertApproved(method, params, account)
    const { from: _from, chainId: _chainId, ...fields } = request
    return { account, fields }
  }

  const handlers: Record<string, (params: unknown) => Promise<unknown>> = {
    eth_chainId: async () => numberToHex(devnetChainId),
    net_version: async () => String(devnetChainId),
    eth_accounts: async () => [current().address],
    eth_requestAccounts: async () => [current().address],
    wallet_getPermissions: async () => permissions(current().address),
    wallet_requestPermissions: async () => permissions(current().address),
    wallet_revokePermissions: async () => null,
    wallet_switchEthereumChain: async (params) => {
      const chainId = chainIdParam(params)
      if (chainId !== devnetChainId) throw new DemoWalletChainError({ chainId, devnetChainId, code: 4902, reason: `chain ${String(chainId)} is not one it knows` })
      return null
    },
    wallet_addEthereumChain: async (params) => {
      const chainId = chainIdParam(params)
      if (chainId !== devnetChainId) throw new DemoWalletChainError({ chainId, devnetChainId, code: 4902, reason: `it cannot add chain ${String(chainId)}` })
      return null
    },
    eth_sendTransaction: async (params) => {
      const { account, fields } = await prepare('eth_sendTransaction', params)
      const send = () => walletClient.sendTransaction({ ...fields, account, chain } as Parameters<typeof walletClient.sendTransaction>[0])
      const sent = sending.then(send, send)
      sending = sent.catch(() => undefined)
      return sent
    },
    eth_signTransaction: async (params) => {
      const { account, fields } = await prepare('eth_signTransaction', params)
      const prepared = await walletClient.prepareTransactionRequest({ ...fields, account, chain } as Parameters<typeof walletClient.prepareTransactionRequest>[0])
      return account.signTransaction(prepared as Parameters<typeof account.signTransaction>[0])
    },
    eth_signTypedData_v4: async (params) => {
      const [address, payload] = Array.isArray(params) ? params : []
      const account = assertSigner(address)
      const typedData = parseTypedData(payload)
      assertChain(domainChainId(typedData.domain), 'the typed data')
      await assertDevnetRpc()
      await assertApproved('eth_signTypedData_v4', params, account)
      return account.signTypedData(typedData)
    },
    personal_sign: async (params) => {
      const [message, address] = Array.isArray(params) ? params : []
      const account = assertSigner(address)
      if (typeof message !== 'string' || !isHex(message)) throw new DemoWalletError('personal_sign needs the message as 0x-prefixed hex.', { code: -32602 })
      await assertDevnetRpc()
      await assertApproved('personal_sign', params, account)
      return account.signMessage({ message: { raw: message } })
    },
  }
  handlers.wallet_sendTransaction = handlers.eth_sendTransaction!

  return {
    async request({ method, params }) {
      try {
        const handler = handlers[method]
        if (handler !== undefined) return await handler(params)
        if (refused.has(method) || !forwardable.test(method)) {
          throw new DemoWalletError(`The demo wallet does not support ${method}.`, { code: 4200 })
        }
        return await publicClient.request({ method, params } as Parameters<typeof publicClient.request>[0])
      } catch (error) {
        throw toProviderError(error)
      }
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (set === undefined) listeners.set(event, (set = new Set()))
      set.add(listener)
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener)
    },
    identity: () => identity,
    addresses: () => ({ retail: accounts.retail.address, powerUser: accounts.powerUser.address, burner: accounts.burner.address }),
    setIdentity(next) {
      if (next === identity) return
      identity = next
      emit('accountsChanged', [accounts[next].address])
    },
    setApprover(next) {
      approver = next
    },
  }
}

function permissions(address: Address) {
  return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [address] }] }]
}

function chainIdParam(params: unknown): number | undefined {
  const value = Array.isArray(params) ? (params[0] as { chainId?: unknown } | undefined)?.chainId : undefined
  return typeof value === 'string' && isHex(value) ? hexToNumber(value) : undefined
}

/** The typed data of `eth_signTypedData_v4`: a JSON string (as the spec says) or, leniently, the object. */
function parseTypedData(payload: unknown): TypedDataDefinition {
  let value = payload
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload) as unknown
    } catch {
      throw new DemoWalletError('The typed data is not valid JSON.', { code: -32602 })
    }
  }
  if (typeof value !== 'object' || value === null || !('types' in value) || !('primaryType' in value) || !('message' in value)) {
    throw new DemoWalletError('The typed data needs `types`, `primaryType` and `message`.', { code: -32602 })
  }
  return value as TypedDataDefinition
}

/** EIP-712 `domain.chainId` as a number: JSON gives a number, a decimal string or a hex string. */
function domainChainId(domain: unknown): number | undefined {
  const value = (domain as { chainId?: unknown } | undefined)?.chainId
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' && isHex(value)) return hexToNumber(value)
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return undefined
}

/**
 * Any failure as an EIP-1193 error: the wallet's own errors as they are; a node error keeps its
 * JSON-RPC `code` and `data` (so a revert still decodes) with viem's short message.
 */
function toProviderError(error: unknown): DemoWalletError {
  if (error instanceof DemoWalletError) return error
  if (error instanceof BaseError) {
    const own = error.walk((cause) => cause instanceof DemoWalletError)
    if (own instanceof DemoWalletError) return own
    const coded = error.walk((cause) => typeof (cause as { code?: unknown }).code === 'number' && (cause as { code: number }).code !== -1) as
      | (Error & { code: number; data?: unknown })
      | null
    const withData = error.walk((cause) => isHex((cause as { data?: unknown }).data)) as (Error & { data?: Hex }) | null
    return new DemoWalletError(error.shortMessage, { code: coded?.code ?? -32603, data: withData?.data ?? coded?.data, cause: error, details: error.details })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new DemoWalletError(message, { code: -32603, cause: error instanceof Error ? error : undefined })
}
