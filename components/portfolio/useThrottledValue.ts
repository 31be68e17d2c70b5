'use client'

import { useEffect, useRef, useState } from 'react'

/**
 * `value`, repainted at most once per `intervalMs` (issue 9: table figures at a readable rate,
 * ≤ 10 Hz per cell, while gauges follow every frame). The first value renders as given; a change
 * is shown when the interval since the last one has passed, and a change inside it is held to
 * its end, so the latest value always lands.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value)
  const lastShownAt = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef(value)

  useEffect(() => {
    latest.current = value
    if (timer.current !== null) return // already due: it shows the latest value
    const wait = Math.max(0, lastShownAt.current + intervalMs - Date.now())
    timer.current = setTimeout(() => {
      timer.current = null
      lastShownAt.current = Date.now()
      setShown(() => latest.current)
    }, wait)
  }, [value, intervalMs])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
    },
    [],
  )

  return shown
}
