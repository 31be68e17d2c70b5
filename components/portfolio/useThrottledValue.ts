'use client'

import { useEffect, useRef, useState } from 'react'

/**
 * `value`, repainted at most once per `intervalMs` (issue 9: table figures at a readable rate,
 * ≤ 10 Hz per cell, while gauges follow every frame). The first value renders as given; a change
 * is shown when the interval since the last one has passed, and a change inside it is held to
 * its end, so the latest value always lands. A change for which `immediate(shown, next)` is
 * true is shown at once.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, { immediate }: { immediate?: (previous: T, next: T) => boolean } = {}): T {
  const [shown, setShown] = useState(value)
  const lastShownAt = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef(value)
  /** The value last handed to `setShown` (what is, or is about to be, on screen). */
  const shownRef = useRef(value)

  useEffect(() => {
    latest.current = value
    // Some changes must not wait for the interval (figures turning "last known" the moment a
    // feed or the worker drops): shown at once, and the held change, if any, with them.
    if (immediate?.(shownRef.current, value)) {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
      lastShownAt.current = Date.now()
      shownRef.current = value
      setShown(value)
      return
    }
    if (timer.current !== null) return // already due: it shows the latest value
    const wait = Math.max(0, lastShownAt.current + intervalMs - Date.now())
    timer.current = setTimeout(() => {
      timer.current = null
      lastShownAt.current = Date.now()
      shownRef.current = latest.current
      setShown(() => latest.current)
    }, wait)
  }, [value, intervalMs, immediate])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
    },
    [],
  )

  // In the same render, not one effect later: the "last known" state is never a frame late.
  return immediate?.(shown, value) ? value : shown
}
