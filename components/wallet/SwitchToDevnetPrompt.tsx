'use client'

import { useSwitchChain } from 'wagmi'
import { devnetChainId } from '@/lib/chain/generated/addresses'
import { describeWalletError } from './walletLabels'

/**
 * Shown when the connected wallet is on another chain: the venue lives on the devnet only, so
 * nothing can be signed until the wallet switches (a wallet that does not know the devnet is
 * asked to add it, with its RPC URL). A refusal stays on screen with its reason.
 */
export function SwitchToDevnetPrompt({ chainId }: { chainId: number }) {
  const { mutate: switchChain, isPending, error } = useSwitchChain()
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 rounded border border-warn/40 bg-warn/10 px-2 py-1 text-sm text-warn">
      <span>
        Wrong network: your wallet is on chain {chainId}, the venue on the devnet ({devnetChainId}).
      </span>
      <button
        type="button"
        onClick={() => {
          if (!isPending) switchChain({ chainId: devnetChainId })
        }}
        aria-disabled={isPending}
        className="rounded bg-warn/20 px-2 py-0.5 font-medium text-warn hover:bg-warn/30 aria-disabled:opacity-60"
      >
        {isPending ? 'Switching…' : 'Switch to devnet'}
      </button>
      {error && !isPending ? <span className="text-danger">{describeWalletError(error)}</span> : null}
    </div>
  )
}
