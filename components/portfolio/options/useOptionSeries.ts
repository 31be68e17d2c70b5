'use client'

import { useEffect, useState } from 'react'
import { usePublicClient } from 'wagmi'
import { readOptionSeriesTerms } from '@/lib/chain/readOptionSeriesTerms'
import type { OptionSeriesTerms } from '@/lib/core/market/optionChain'

/** Re-read every 3 s: about three devnet blocks; series are listed over time and expire. */
const refreshMs = 3_000

export type OptionSeriesState = {
  /** Every listed series (expired ones too), `null` until the first read. */
  series: OptionSeriesTerms[] | null
  /** Why the last read failed; the last good list is kept meanwhile. */
  error: string | null
}

/**
 * The venue's listed option series (terms only: `readOptionSeriesTerms` over the page's wagmi
 * client, the devnet RPC), re-read every few blocks. The same list keeps its identity between
 * reads, so a quote request keyed on it is not re-sent for nothing. Live quotes come from the
 * engine worker (`optionChain`), not from here.
 */
export function useOptionSeries(): OptionSeriesState {
  const client = usePublicClient()
  const [state, setState] = useState<OptionSeriesState>({ series: null, error: null })

  useEffect(() => {
    if (client === undefined) return
    let active = true
    let known = ''
    const read = () =>
      readOptionSeriesTerms(client).then(
        ({ series }) => {
          const key = JSON.stringify(series)
          if (!active) return
          if (key === known) return setState((s) => (s.error === null ? s : { ...s, error: null }))
          known = key
          setState({ series, error: null })
        },
        (error: unknown) => active && setState((s) => ({ ...s, error: error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error) })),
      )
    void read()
    const timer = setInterval(read, refreshMs)
    return () => {
      active = false
      clearInterval(timer)
    }
  }, [client])

  return state
}
