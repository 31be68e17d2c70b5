'use client'

import { useConnection } from 'wagmi'
import { devnetChainId } from '@/lib/chain/generated/addresses'
import { isWriteInFlight, type VenueWriteStage } from './useVenueWrite'

const labels: Record<VenueWriteStage['stage'], string> = {
  signing: 'Sign the permit in your wallet…',
  simulating: 'Checking with the venue…',
  awaitingSignature: 'Confirm the transaction in your wallet…',
  pending: 'Pending on-chain…',
  confirmed: 'Confirmed',
  failed: 'Failed',
  lost: 'Not on the current chain',
}

/**
 * A write's lifecycle in one line (`role="status"`), with the transaction hash once there is one.
 * A write of a chain that no longer exists (`lost`: the devnet was reset or restarted since) says
 * so, its hash struck through. While the wallet is on another chain, a note says why nothing can be
 * signed (the write buttons are disabled; the header's prompt switches the wallet).
 */
export function WriteStatus({ stage }: { stage: VenueWriteStage | null }) {
  const { chainId, status } = useConnection()
  const wrongNetwork = status === 'connected' && chainId !== devnetChainId
  const note = wrongNetwork && !isWriteInFlight(stage) ? (
    <p data-testid="write-wrong-network" className="text-xs text-warn">
      Your wallet is on chain {chainId}: switch it to the devnet ({devnetChainId}) to sign.
    </p>
  ) : null
  if (stage === null) return note
  const hash = 'hash' in stage ? stage.hash : undefined
  const tone = stage.stage === 'failed' ? 'text-danger' : stage.stage === 'confirmed' ? 'text-safe' : stage.stage === 'lost' ? 'text-warn' : 'text-muted'
  return (
    <>
      <p role="status" aria-label="Transaction" data-stage={stage.stage} className={`text-xs ${tone}`}>
        {labels[stage.stage]}
        {stage.stage === 'failed' && ` — ${stage.error.message}`}
        {stage.stage === 'lost' && ` — it was ${stage.was} before the chain was reset or restarted`}
        {hash && <span className={`ml-1 font-mono ${stage.stage === 'lost' ? 'line-through' : ''}`}>tx {hash.slice(0, 10)}…</span>}
      </p>
      {stage.stage === 'failed' && stage.error.name === 'WrongNetwork' ? null : note}
    </>
  )
}
