'use client'

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { createEngineClient, type EngineClient } from '@/lib/engine/createEngineClient'
import type { EngineConfig } from '@/lib/engine/protocol'
import { startEngineWorker } from '@/lib/engine/startEngineWorker'
import { connectEngineStore } from '@/lib/store/connectEngineStore'
import { createEngineStore, type EngineStore, type EngineStoreState } from '@/lib/store/createEngineStore'

type EngineContextValue = { store: EngineStore; client: EngineClient }

const EngineContext = createContext<EngineContextValue | null>(null)

/**
 * Starts the engine worker for the page (in an effect: nothing runs during server rendering),
 * feeds its snapshots into a zustand store, and gives components selectors over it. A relative
 * stream URL (live mode's `/api/hermes`) is resolved by the worker against the page's origin.
 */
export function EngineProvider({ config, children }: { config: EngineConfig; children: ReactNode }) {
  const [store] = useState(createEngineStore)
  // Creating the client touches nothing browser-only; the worker starts in the effect.
  const [client] = useState(() => createEngineClient({ config, createWorker: startEngineWorker }))

  useEffect(() => {
    const disconnect = connectEngineStore({ client, store })
    client.start()
    // A handle for diagnostics and fault drills (the e2e suite kills the worker through it).
    ;(window as unknown as { marginflow?: unknown }).marginflow = { engine: client, store }
    return () => {
      disconnect()
      client.stop()
    }
  }, [client, store])

  return <EngineContext.Provider value={{ store, client }}>{children}</EngineContext.Provider>
}

/** Reads a slice of the engine store; re-renders only when that slice changes. */
export function useEngine<T>(selector: (state: EngineStoreState) => T): T {
  const context = useContext(EngineContext)
  if (context === null) throw new Error('useEngine must be used inside <EngineProvider>.')
  return useStore(context.store, selector)
}

/** The engine client (requests, diagnostics). */
export function useEngineClient(): EngineClient {
  const context = useContext(EngineContext)
  if (context === null) throw new Error('useEngineClient must be used inside <EngineProvider>.')
  return context.client
}

/** The store itself, for subscribers outside React (the chart). */
export function useEngineStore(): EngineStore {
  const context = useContext(EngineContext)
  if (context === null) throw new Error('useEngineStore must be used inside <EngineProvider>.')
  return context.store
}
