'use client'

import { useEffect, useState } from 'react'

/**
 * Whether the moment `at` (wall ms) is less than `forMs` old: true from the render that sees a new
 * `at`, false once `forMs` has passed (a timer re-renders then), so a transient note goes away by
 * itself even when nothing else changes.
 */
export function useRecent(at: number | null, forMs: number): boolean {
  const [expired, setExpired] = useState<number | null>(null)
  useEffect(() => {
    if (at === null) return
    const left = at + forMs - (performance.timeOrigin + performance.now())
    const timer = setTimeout(() => setExpired(at), Math.max(0, left))
    return () => clearTimeout(timer)
  }, [at, forMs])
  return at !== null && expired !== at
}
