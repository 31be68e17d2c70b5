import { hexToSignature, type Address, type PublicClient, type WalletClient } from 'viem'
import { devnetTokenAbi } from '../generated/abis'

export type SignDepositPermitParameters = {
  walletClient: WalletClient
  publicClient: PublicClient
  owner: Address
  /** The collateral token (EIP-2612). */
  token: Address
  /** The venue, which spends the allowance in the same transaction. */
  spender: Address
  /** Token units. */
  amount: bigint
  /** Unix seconds after which the permit is void. */
  deadline: bigint
}

/**
 * Signs an EIP-2612 permit for the venue to pull `amount` of `token` (the one signature of the
 * one-click deposit; `depositWithPermit` then does permit + deposit in one transaction). Domain
 * from the token itself (`name`, version "1" as OpenZeppelin's ERC20Permit, chain id, address);
 * nonce from `nonces(owner)`.
 */
export async function signDepositPermit({ walletClient, publicClient, owner, token, spender, amount, deadline }: SignDepositPermitParameters) {
  const [name, nonce, chainId] = await Promise.all([
    publicClient.readContract({ address: token, abi: devnetTokenAbi, functionName: 'name' }),
    publicClient.readContract({ address: token, abi: devnetTokenAbi, functionName: 'nonces', args: [owner] }),
    publicClient.getChainId(),
  ])
  const signature = await walletClient.signTypedData({
    account: owner,
    domain: { name, version: '1', chainId, verifyingContract: token },
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
    message: { owner, spender, value: amount, nonce, deadline },
  })
  const { v, r, s } = hexToSignature(signature)
  return { v: Number(v), r, s }
}
