import type { WriteStage } from '@/lib/chain/writes/sendVenueWrite'

const labels: Record<WriteStage['stage'], string> = {
  signing: 'Sign the permit in your wallet…',
  simulating: 'Checking with the venue…',
  awaitingSignature: 'Confirm the transaction in your wallet…',
  pending: 'Pending on-chain…',
  confirmed: 'Confirmed',
  failed: 'Failed',
}

/** A write's lifecycle in one line (`role="status"`), with the transaction hash once there is one. */
export function WriteStatus({ stage }: { stage: WriteStage | null }) {
  if (stage === null) return null
  const hash = 'hash' in stage ? stage.hash : undefined
  const tone = stage.stage === 'failed' ? 'text-danger' : stage.stage === 'confirmed' ? 'text-safe' : 'text-muted'
  return (
    <p role="status" aria-label="Transaction" data-stage={stage.stage} className={`text-xs ${tone}`}>
      {labels[stage.stage]}
      {stage.stage === 'failed' && ` — ${stage.error.message}`}
      {hash && <span className="ml-1 font-mono">tx {hash.slice(0, 10)}…</span>}
    </p>
  )
}
