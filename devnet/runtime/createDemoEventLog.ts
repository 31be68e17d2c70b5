/** Kinds of demo event, as the dashboard's demo panel groups them. */
export type DemoEventType = 'control' | 'bad-tick' | 'liquidation' | 'keeper' | 'reset' | 'service'

/** Something that happened in the demo market, in a sentence plus its data. */
export type DemoEvent = {
  /** Increasing from 1; an SSE client resumes after the last id it saw. */
  id: number
  /** Wall-clock time, ISO 8601. */
  time: string
  type: DemoEventType
  /** One line a person reads, e.g. "ETH crash −15 % over 10 s". */
  message: string
  details?: Record<string, unknown>
}

export type DemoEventLog = {
  push: (event: Omit<DemoEvent, 'id' | 'time'>) => DemoEvent
  /** Events after `afterId` (all retained ones when omitted), oldest first. */
  since: (afterId?: number) => DemoEvent[]
  subscribe: (listener: (event: DemoEvent) => void) => () => void
}

/**
 * The demo's event log (controls applied, bad ticks published, liquidations, keeper trouble,
 * resets), kept in a bounded ring so a long-running demo does not grow, and fanned out to live
 * subscribers (the `/demo/events` stream).
 */
export function createDemoEventLog({ capacity = 500 }: { capacity?: number } = {}): DemoEventLog {
  const events: DemoEvent[] = []
  const listeners = new Set<(event: DemoEvent) => void>()
  let nextId = 1
  return {
    push: (event) => {
      const entry: DemoEvent = { id: nextId++, time: new Date().toISOString(), ...event }
      events.push(entry)
      if (events.length > capacity) events.splice(0, events.length - capacity)
      for (const listener of listeners) listener(entry)
      return entry
    },
    since: (afterId = 0) => events.filter((event) => event.id > afterId),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
