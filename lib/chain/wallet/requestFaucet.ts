import type { Address, Hex } from 'viem'
import { DemoWalletError } from './demoWalletErrors'

export type RequestFaucetParameters = {
  /** The devnet services, e.g. `http://127.0.0.1:8787` (the page reads `MARGINFLOW_SERVICES_URL`). */
  servicesUrl: string
  address: Address
  /** For tests; the global `fetch` by default. */
  fetch?: typeof fetch
}

/** What the faucet sent: whole tokens (USDC in dollars) and the mint transactions, all mined. */
export type RequestFaucetReturnType = {
  address: Address
  sent: { usdc: number; weth: number; wstEth: number; eth: number }
  transactions: Hex[]
}

/**
 * Funds `address` from the devnet faucet (`POST {servicesUrl}/demo/faucet` with `{ address }`:
 * the runtime's defaults, 100,000 USDC, 10 WETH, 10 wstETH and 10 ETH for gas) and resolves once
 * the mints are mined. A refusal (400 naming the field), a server error or an unreachable devnet
 * is a {@link DemoWalletError} with the reason the services gave.
 *
 * @example
 * await requestFaucet({ servicesUrl: 'http://127.0.0.1:8787', address: '0x…' })
 * // { address: '0x…', sent: { usdc: 100000, weth: 10, wstEth: 10, eth: 10 }, transactions: ['0x…', …] }
 */
export async function requestFaucet({ servicesUrl, address, fetch: fetchImpl = fetch }: RequestFaucetParameters): Promise<RequestFaucetReturnType> {
  const url = `${servicesUrl.replace(/\/+$/, '')}/demo/faucet`
  let response: Response
  try {
    response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address }) })
  } catch (error) {
    throw new DemoWalletError(`The devnet faucet at ${url} did not answer.`, { code: 4900, cause: error instanceof Error ? error : undefined })
  }
  const body = (await response.json().catch(() => null)) as (Partial<RequestFaucetReturnType> & { error?: { message?: string } }) | null
  if (!response.ok || body === null || body.sent === undefined) {
    const reason = body?.error?.message ?? `HTTP ${response.status}`
    throw new DemoWalletError(`The devnet faucet refused: ${reason}`, { code: -32000, details: JSON.stringify(body) })
  }
  return { address: body.address ?? address, sent: body.sent, transactions: body.transactions ?? [] }
}
