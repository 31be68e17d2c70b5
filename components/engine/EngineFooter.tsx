'use client'

import { DiagnosticsOverlay } from './DiagnosticsOverlay'
import { EngineStatusLine } from './EngineStatusLine'

/** The foot of every page: the engine's one-line status, and beside it the Diagnostics toggle. */
export function EngineFooter() {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <EngineStatusLine />
      <DiagnosticsOverlay />
    </div>
  )
}
