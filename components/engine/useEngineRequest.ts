'use client'

import { useEffect, useRef, useState } from 'react'
import type { EngineRequestMethod, EngineRequestParams, EngineRequestResult } from '@/lib/engine/protocol'
import { useEngineClient, useEngineStore } from './EngineProvider'

export type EngineRequestState<M extends EngineRequestMethod> = {
  data: EngineRequestResult[M] | null
  /** The worker's refusal (a typed lib/core error message), shown beside the form. */
  error: string | null
  loading: boolean
}

/**
 * Asks the engine worker for a preview or solver answer, again whenever `params` change and as
 * prices move (at most every `refreshMs`), so a before → after preview tracks the market. `null`
 * params ask nothing (an incomplete form). A worker restart re-sends the open request (the client
 * keeps it), so nothing the user typed is lost.
 */
export function useEngineRequest<M extends EngineRequestMethod>(method: M, params: EngineRequestParams[M] | null, { refreshMs = 500 } = {}): EngineRequestState<M> {
  const client = useEngineClient()
  const store = useEngineStore()
  const [state, setState] = useState<EngineRequestState<M>>({ data: null, error: null, loading: false })
  const key = params === null ? null : JSON.stringify(params)
  const latest = useRef(0)

  useEffect(() => {
    if (key === null) return
    let active = true
    let last = 0
    const ask = () => {
      const id = ++latest.current
      last = Date.now()
      client.request(method, JSON.parse(key) as EngineRequestParams[M]).then(
        (data) => active && id === latest.current && setState({ data, error: null, loading: false }),
        (error: unknown) => active && id === latest.current && setState({ data: null, error: error instanceof Error ? error.message : String(error), loading: false }),
      )
    }
    ask()
    const unsubscribe = store.subscribe(
      (s) => s.seq,
      () => {
        if (Date.now() - last >= refreshMs) ask()
      },
    )
    return () => {
      active = false
      unsubscribe()
    }
  }, [client, store, method, key, refreshMs])

  return key === null ? { data: null, error: null, loading: false } : state
}
