'use client'

import { useEffect, useRef, useState } from 'react'
import { useEngineClient } from '@/components/engine/EngineProvider'
import { jumpAssumptions } from '@/lib/core/risk/jumpAssumptions'
import { createEstimatesClient } from '@/lib/estimates/createEstimatesClient'
import { createLiquidationEstimator, type LiquidationEstimatorState } from '@/lib/estimates/createLiquidationEstimator'
import { startEstimatesWorker } from '@/lib/estimates/startEstimatesWorker'

const empty: LiquidationEstimatorState = { correlatedMove: null, probabilities: null, running: null, marginHorizonSeconds: null, error: null, probabilityError: null }

/**
 * The liquidation picture's slow estimates for one account (the real book, or the what-if book
 * when `hypothetical`): the correlated-move liquidation every 2 s and the liquidation
 * probabilities on `probabilityRefreshReason`'s cadence, computed in the page's own estimates
 * worker (started here, ended on unmount) from the engine worker's `bookState`. Jumps:
 * lib/core `jumpAssumptions`. `confident` is the account's AccountSnapshot.confident, recorded
 * with each estimate; nothing is asked until `loaded` (the engine has evaluated the book).
 */
export function useLiquidationEstimates({ address, hypothetical, confident, loaded }: { address: string; hypothetical: boolean; confident: boolean; loaded: boolean }): LiquidationEstimatorState {
  const engine = useEngineClient()
  // Creating the client touches nothing browser-only; its worker starts in the effect.
  const [client] = useState(() => createEstimatesClient({ createWorker: startEstimatesWorker }))
  const [state, setState] = useState<LiquidationEstimatorState>(empty)
  const live = useRef(confident)
  useEffect(() => {
    live.current = confident
  }, [confident])

  useEffect(() => {
    client.start()
    return () => client.stop()
  }, [client])

  useEffect(() => {
    // Until the engine has the book there is nothing to estimate (asking would only fail).
    if (!loaded) return
    const estimator = createLiquidationEstimator({
      fetchBook: () => engine.request('bookState', hypothetical ? { account: address, hypothetical: true } : { account: address }),
      client,
      isConfident: () => live.current,
      onChange: setState,
      jumps: jumpAssumptions.underlyings,
    })
    estimator.start()
    return () => {
      estimator.stop()
      setState(empty)
    }
  }, [engine, client, address, hypothetical, loaded])

  return state
}
