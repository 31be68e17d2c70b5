import { parseEther, parseUnits, type Address } from 'viem'
import { devnetTokenAbi } from '../../lib/chain/generated/abis'
import { devnetAddresses } from '../../lib/chain/generated/addresses'
import { confirmTransaction } from './confirmTransaction'
import type { DevnetClients } from './createDevnetClients'
import { devnetAccount, devnetRoles } from './devnetAccounts'

/** Amounts the faucet sends, in whole tokens (USDC in dollars, the others in units). */
export type FaucetAmounts = { usdc: number; weth: number; wstEth: number; eth: number }

export type FundAddressReturnType = {
  address: Address
  /** Amounts sent, whole tokens, and the mint transactions. */
  sent: FaucetAmounts
  transactions: `0x${string}`[]
}

const gas = 300_000n

/**
 * The devnet faucet: mints USDC, WETH and wstETH to `address` (the deployer holds the tokens'
 * MINTER_ROLE) and tops up its ETH for gas with `anvil_setBalance` (current balance + `eth`).
 * Waits until every mint is mined, so the caller's next read sees the funds.
 *
 * @example
 * await fundAddress(createDevnetClients(rpcUrl), { address: '0x…', amounts: { usdc: 100_000, weth: 10, wstEth: 10, eth: 10 } })
 */
export async function fundAddress(
  { publicClient, walletClient, testClient }: DevnetClients,
  { address, amounts }: { address: Address; amounts: FaucetAmounts },
): Promise<FundAddressReturnType> {
  const minter = devnetAccount(devnetRoles.deployer).address
  const mints = [
    { token: devnetAddresses.usdc, units: parseUnits(decimal(amounts.usdc), 6) },
    { token: devnetAddresses.weth, units: parseEther(decimal(amounts.weth)) },
    { token: devnetAddresses.wstEth, units: parseEther(decimal(amounts.wstEth)) },
  ].filter((mint) => mint.units > 0n)
  const transactions: `0x${string}`[] = []
  for (const { token, units } of mints) {
    const receipt = await confirmTransaction(
      publicClient,
      walletClient.writeContract({ chain: null, account: minter, gas, address: token, abi: devnetTokenAbi, functionName: 'mint', args: [address, units] }),
      { label: 'faucet mint' },
    )
    transactions.push(receipt.transactionHash)
  }
  if (amounts.eth > 0) {
    const balance = await publicClient.getBalance({ address })
    await testClient.setBalance({ address, value: balance + parseEther(decimal(amounts.eth)) })
  }
  return { address, sent: amounts, transactions }
}

/** The shortest decimal of a number (`String` gives exponent notation below 1e-6). */
function decimal(value: number): string {
  const text = String(value)
  return text.includes('e') ? value.toFixed(18) : text
}
