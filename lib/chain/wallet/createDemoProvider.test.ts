/**
 * The demo wallet's provider against real anvils (devnet/ and the venue helper are test-only
 * imports): local signing that anvil accepts, EIP-2612 permits that verify and that the token
 * honours, the chain refusals, identities and errors that keep the node's revert data.
 */
import { BaseError, ContractFunctionRevertedError, createWalletClient, custom, UserRejectedRequestError, parseEther, parseUnits, verifyTypedData, type Address, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAnvil, type StartAnvilReturnType } from '../../../devnet/anvil/startAnvil'
import { devnetTokenAbi } from '../generated/abis'
import { devnetAddresses } from '../generated/addresses'
import { venueOnAnvil } from '../venueOnAnvil.testing'
import { createDemoProvider, type DemoProvider } from './createDemoProvider'
import { seededDemoAddresses, seededDemoKeys } from './demoIdentities'
import { DemoWalletChainError, DemoWalletError } from './demoWalletErrors'
import { devnetChain } from './devnetChain'

let chain: Awaited<ReturnType<typeof venueOnAnvil>>
let wrongChainAnvil: StartAnvilReturnType
const burnerKey = generatePrivateKey()
const burner = privateKeyToAccount(burnerKey).address
const keys = { ...seededDemoKeys, burner: burnerKey }

beforeAll(async () => {
  ;[chain, wrongChainAnvil] = await Promise.all([venueOnAnvil(), startAnvil({ args: ['--chain-id', '1'] })])
  // The burner is no anvil account, so only a local signature can move its funds.
  await chain.testClient.setBalance({ address: burner, value: parseEther('5') })
}, 120_000)
afterAll(async () => {
  await Promise.all([chain?.anvil.stop(), wrongChainAnvil?.stop()])
})

const provider = (identity: 'retail' | 'powerUser' | 'burner' = 'retail', rpcUrl = chain.rpcUrl) => createDemoProvider({ chain: devnetChain({ rpcUrl }), keys, identity })
const walletOf = (demo: DemoProvider, account: Address) => createWalletClient({ chain: devnetChain({ rpcUrl: chain.rpcUrl }), transport: custom(demo), account })
const refusal = async (pending: Promise<unknown>) => {
  const error = await pending.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(DemoWalletError)
  return error as DemoWalletError
}

describe('createDemoProvider', () => {
  it('acts as the seeded traders and the burner, answering the devnet chain id', async () => {
    const demo = provider()
    expect(await demo.request({ method: 'eth_chainId' })).toBe('0x7a69')
    expect(await demo.request({ method: 'eth_accounts' })).toEqual([seededDemoAddresses.retail])
    expect(demo.addresses()).toEqual({ ...seededDemoAddresses, burner })
    // The hard-coded addresses are the keys' own.
    expect(privateKeyToAccount(seededDemoKeys.retail).address).toBe(seededDemoAddresses.retail)
    expect(privateKeyToAccount(seededDemoKeys.powerUser).address).toBe(seededDemoAddresses.powerUser)
  })

  it('emits accountsChanged when the identity changes, and only then', async () => {
    const demo = provider()
    const seen: unknown[] = []
    const listener = (accounts: unknown) => seen.push(accounts)
    demo.on('accountsChanged', listener)
    demo.setIdentity('powerUser')
    demo.setIdentity('powerUser')
    demo.setIdentity('burner')
    expect(seen).toEqual([[seededDemoAddresses.powerUser], [burner]])
    expect(demo.identity()).toBe('burner')
    expect(await demo.request({ method: 'eth_requestAccounts' })).toEqual([burner])
    demo.removeListener('accountsChanged', listener)
    demo.setIdentity('retail')
    expect(seen).toHaveLength(2)
  })

  it('signs a transaction locally that anvil accepts (eth_sendTransaction → eth_sendRawTransaction)', async () => {
    const demo = provider('burner')
    const to = privateKeyToAccount(generatePrivateKey()).address
    const hash = (await demo.request({ method: 'eth_sendTransaction', params: [{ from: burner.toLowerCase(), to, value: '0xde0b6b3a7640000', chainId: '0x7a69' }] })) as Hex
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    expect(receipt.from).toBe(burner.toLowerCase())
    expect(await chain.publicClient.getBalance({ address: to })).toBe(parseEther('1'))
    // Through viem as a page would use it: a json-rpc account over the provider.
    const hash2 = await walletOf(demo, burner).sendTransaction({ to, value: 1n })
    expect((await chain.publicClient.waitForTransactionReceipt({ hash: hash2 })).status).toBe('success')
  })

  it('queues quick sends so they never share a nonce', async () => {
    const demo = provider('burner')
    const send = () => demo.request({ method: 'eth_sendTransaction', params: [{ from: burner, to: burner, value: '0x1' }] }) as Promise<Hex>
    const hashes = await Promise.all([send(), send(), send()])
    const receipts = await Promise.all(hashes.map((hash) => chain.publicClient.waitForTransactionReceipt({ hash })))
    expect(receipts.map((receipt) => receipt.status)).toEqual(['success', 'success', 'success'])
    const nonces = await Promise.all(hashes.map(async (hash) => (await chain.publicClient.getTransaction({ hash })).nonce))
    expect(new Set(nonces).size).toBe(3)
  })

  it('signs without sending (eth_signTransaction): anvil accepts the raw transaction', async () => {
    const demo = provider('burner')
    const raw = (await demo.request({ method: 'eth_signTransaction', params: [{ from: burner, to: burner, value: '0x1' }] })) as Hex
    const hash = await chain.publicClient.sendRawTransaction({ serializedTransaction: raw })
    expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  })

  it('signs an EIP-2612 permit that verifies and that the token honours on chain', async () => {
    const demo = provider('burner')
    const wallet = walletOf(demo, burner)
    const token = devnetAddresses.usdc
    const spender = devnetAddresses.marginVenue
    const [name, nonce] = await Promise.all([
      chain.publicClient.readContract({ address: token, abi: devnetTokenAbi, functionName: 'name' }),
      chain.publicClient.readContract({ address: token, abi: devnetTokenAbi, functionName: 'nonces', args: [burner] }),
    ])
    const typedData = {
      domain: { name, version: '1', chainId: 31337, verifyingContract: token },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: burner, spender, value: parseUnits('1234.5', 6), nonce, deadline: 4_000_000_000n },
    } as const
    const signature = await wallet.signTypedData(typedData)
    expect(await verifyTypedData({ address: burner, signature, ...typedData })).toBe(true)
    // The token agrees: permit() through the same wallet sets the allowance.
    const hash = await wallet.writeContract({
      address: token,
      abi: devnetTokenAbi,
      functionName: 'permit',
      args: [burner, spender, typedData.message.value, typedData.message.deadline, Number(`0x${signature.slice(130, 132)}`), `0x${signature.slice(2, 66)}`, `0x${signature.slice(66, 130)}`],
    })
    expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await chain.publicClient.readContract({ address: token, abi: devnetTokenAbi, functionName: 'allowance', args: [burner, spender] })).toBe(typedData.message.value)
  })

  it('signs personal_sign messages (EIP-191)', async () => {
    const wallet = walletOf(provider('powerUser'), seededDemoAddresses.powerUser)
    const signature = await wallet.signMessage({ message: 'Marginflow' })
    expect(await chain.publicClient.verifyMessage({ address: seededDemoAddresses.powerUser, message: 'Marginflow', signature })).toBe(true)
  })

  it('refuses to sign for chain 1 and to switch or add it', async () => {
    const demo = provider('burner')
    const tx = await refusal(demo.request({ method: 'eth_sendTransaction', params: [{ from: burner, to: burner, value: '0x1', chainId: '0x1' }] }))
    expect(tx).toBeInstanceOf(DemoWalletChainError)
    expect(tx).toMatchObject({ code: 4901, chainId: 1, devnetChainId: 31337 })
    const typed = JSON.stringify({
      domain: { name: 'USD Coin', version: '1', chainId: 1, verifyingContract: devnetAddresses.usdc },
      types: { Permit: [{ name: 'owner', type: 'address' }] },
      primaryType: 'Permit',
      message: { owner: burner },
    })
    expect(await refusal(demo.request({ method: 'eth_signTypedData_v4', params: [burner, typed] }))).toMatchObject({ name: 'DemoWalletChainError', code: 4901, chainId: 1 })
    const noChain = JSON.stringify({ ...JSON.parse(typed), domain: { name: 'USD Coin' } })
    expect(await refusal(demo.request({ method: 'eth_signTypedData_v4', params: [burner, noChain] }))).toMatchObject({ code: 4901, chainId: undefined })
    expect(await refusal(demo.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }))).toMatchObject({ name: 'DemoWalletChainError', code: 4902, chainId: 1 })
    expect(await refusal(demo.request({ method: 'wallet_addEthereumChain', params: [{ chainId: '0x1' }] }))).toMatchObject({ code: 4902 })
    expect(await demo.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a69' }] })).toBeNull()
    // Through viem, the refusal arrives as its typed 4901 error with ours as the cause.
    const wallet = createWalletClient({ chain: devnetChain({ rpcUrl: chain.rpcUrl }), transport: custom(demo), account: burner })
    const viaViem = await wallet.signTypedData({ ...JSON.parse(typed), domain: { chainId: 1 } }).catch((error: unknown) => error)
    expect(viaViem).toMatchObject({ name: 'ChainDisconnectedError', code: 4901 })
  })

  it('refuses to sign at all when its RPC endpoint is not the devnet', async () => {
    const demo = provider('retail', wrongChainAnvil.rpcUrl)
    const tx = await refusal(demo.request({ method: 'eth_sendTransaction', params: [{ from: seededDemoAddresses.retail, to: burner, value: '0x1' }] }))
    expect(tx).toMatchObject({ name: 'DemoWalletChainError', code: 4901, chainId: 1 })
    expect(await refusal(demo.request({ method: 'personal_sign', params: ['0x1234', seededDemoAddresses.retail] }))).toMatchObject({ code: 4901 })
    // A provider for another chain is refused at creation.
    expect(() => createDemoProvider({ chain: { ...devnetChain({ rpcUrl: chain.rpcUrl }), id: 1 }, keys })).toThrow(DemoWalletChainError)
  })

  it('signs only as the identity it acts as (4100) and offers no unsafe or non-read methods (4200)', async () => {
    const demo = provider('burner')
    expect(await refusal(demo.request({ method: 'eth_sendTransaction', params: [{ from: seededDemoAddresses.retail, to: burner, value: '0x1' }] }))).toMatchObject({ code: 4100 })
    expect(await refusal(demo.request({ method: 'personal_sign', params: ['0x1234', seededDemoAddresses.retail] }))).toMatchObject({ code: 4100 })
    expect(await refusal(demo.request({ method: 'eth_sign', params: [burner, '0x1234'] }))).toMatchObject({ code: 4200 })
    expect(await refusal(demo.request({ method: 'anvil_setBalance', params: [burner, '0x1'] }))).toMatchObject({ code: 4200 })
    expect(await refusal(demo.request({ method: 'eth_sendTransaction', params: [{ from: burner, value: '0x1' }] }))).toMatchObject({ code: -32602 })
  })

  it('lets an approver reject a signature as a user would (4001), and sign again once it approves', async () => {
    const demo = provider('burner')
    const asked: string[] = []
    demo.setApprover(({ method, address }) => {
      asked.push(`${method} ${address}`)
      return false
    })
    const wallet = walletOf(demo, burner)
    const rejected = await wallet.sendTransaction({ to: burner, value: 1n }).catch((error: unknown) => error)
    expect((rejected as BaseError).walk((cause) => cause instanceof UserRejectedRequestError)).toBeInstanceOf(UserRejectedRequestError)
    expect(await refusal(demo.request({ method: 'personal_sign', params: ['0x1234', burner] }))).toMatchObject({ code: 4001 })
    expect(asked).toEqual([`eth_sendTransaction ${burner}`, `personal_sign ${burner}`])
    demo.setApprover(null)
    expect(await wallet.signMessage({ message: 'ok' })).toMatch(/^0x[0-9a-f]{130}$/)
  })

  it('forwards reads to the devnet and keeps a revert decodable', async () => {
    const demo = provider('burner')
    expect(BigInt((await demo.request({ method: 'eth_getBalance', params: [burner, 'latest'] })) as Hex)).toBeGreaterThan(0n)
    // The burner holds no USDC: the token reverts with ERC20InsufficientBalance during gas
    // estimation, and viem decodes it from the data the provider passed on.
    const wallet = walletOf(demo, burner)
    const error = await wallet
      .writeContract({ address: devnetAddresses.usdc, abi: devnetTokenAbi, functionName: 'transfer', args: [seededDemoAddresses.retail, 1n] })
      .catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(BaseError)
    const reverted = (error as BaseError).walk((cause) => cause instanceof ContractFunctionRevertedError)
    expect(reverted).toMatchObject({ data: { errorName: 'ERC20InsufficientBalance' } })
  })
})
