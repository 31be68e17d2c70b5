'use client'

import { memo, useEffect, useRef, useState, type RefObject } from 'react'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { evaluateAlerts, loadAlertRules, saveAlertRules, type AlertRule, type AlertState, type FiredAlert } from './alertRules'

/**
 * Alerts the trader sets (issue 7): margin ratio above N %, or liquidation closer than N % away;
 * kept in this browser (localStorage); each fires once per crossing, in the page and — once the
 * trader has allowed it with a click — as a browser notification. Only confident figures fire.
 * The rules are checked on every snapshot; the panel itself re-renders only when an alert fires
 * or the trader edits the rules.
 */
export function AlertsPanel({ account }: { account: AccountSnapshot | null }) {
  const [fired, setFired] = useState<FiredAlert[]>([])
  const statesRef = useRef<AlertState[]>([])

  useEffect(() => {
    if (!account?.risk || !account.confident) return
    const result = evaluateAlerts(statesRef.current, account.risk)
    statesRef.current = result.states
    if (result.fired.length === 0) return
    // An alert is an event from outside React (the engine's snapshot): surface it.
    setFired((list) => [...result.fired, ...list].slice(0, 5))
    if ('Notification' in window && Notification.permission === 'granted') for (const alert of result.fired) new Notification('Marginflow alert', { body: alert.message })
  }, [account])

  return <AlertSettings statesRef={statesRef} fired={fired} />
}

/** The rules and the alerts fired: `statesRef` holds each rule's crossing state, checked by AlertsPanel. */
const AlertSettings = memo(function AlertSettings({ statesRef, fired }: { statesRef: RefObject<AlertState[]>; fired: FiredAlert[] }) {
  const [rules, setRules] = useState<AlertRule[]>([])
  const [kind, setKind] = useState<AlertRule['kind']>('marginRatioAbove')
  const [text, setText] = useState('50')
  const [permission, setPermission] = useState<string>('default')

  useEffect(() => {
    const saved = loadAlertRules(window.localStorage)
    statesRef.current = saved.map((rule) => ({ rule, active: false }))
    // Browser-only state, read once after mount (SSR renders the empty list).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRules(saved)
    if ('Notification' in window) setPermission(Notification.permission)
  }, [statesRef])

  const update = (next: AlertRule[]) => {
    setRules(next)
    statesRef.current = next.map((rule) => statesRef.current.find((state) => state.rule.id === rule.id) ?? { rule, active: false })
    saveAlertRules(window.localStorage, next)
  }
  const value = Number(text)
  const valid = Number.isFinite(value) && value > 0 && value < 100

  return (
    <section aria-label="Alerts" className="rounded-lg border border-edge bg-panel p-4">
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">Alerts</h2>
      {fired.length > 0 && (
        <ul role="alert" className="mb-2 space-y-1 text-sm text-warn">
          {fired.map((alert, index) => (
            <li key={`${alert.rule.id}-${index}`}>{alert.message}</li>
          ))}
        </ul>
      )}
      <ul className="mb-2 space-y-1 text-sm">
        {rules.map((rule) => (
          <li key={rule.id} className="flex items-center justify-between">
            <span>{rule.kind === 'marginRatioAbove' ? `Margin ratio above ${(rule.threshold * 100).toFixed(0)} %` : `Liquidation closer than ${(rule.threshold * 100).toFixed(1)} % (estimate)`}</span>
            <button type="button" aria-label="Remove alert" onClick={() => update(rules.filter((r) => r.id !== rule.id))} className="text-xs text-muted">
              remove
            </button>
          </li>
        ))}
        {rules.length === 0 && <li className="text-muted">No alerts set.</li>}
      </ul>
      <form
        className="flex flex-wrap items-center gap-2 text-sm"
        onSubmit={(event) => {
          event.preventDefault()
          if (valid) update([...rules, { id: `${kind}-${value}-${rules.length}`, kind, threshold: value / 100 }])
        }}
      >
        <label className="sr-only" htmlFor="alert-kind">
          Alert on
        </label>
        <select id="alert-kind" value={kind} onChange={(event) => setKind(event.target.value as AlertRule['kind'])} className="rounded border border-edge bg-surface px-2 py-1">
          <option value="marginRatioAbove">Margin ratio above</option>
          <option value="liquidationDistanceBelow">Liquidation closer than</option>
        </select>
        <label className="sr-only" htmlFor="alert-threshold">
          Threshold (%)
        </label>
        <input id="alert-threshold" inputMode="decimal" value={text} onChange={(event) => setText(event.target.value)} aria-invalid={!valid} className="w-16 rounded border border-edge bg-surface px-2 py-1 font-mono" />
        <span className="text-muted">%</span>
        <button type="submit" disabled={!valid} className="rounded border border-edge px-2 py-1 disabled:opacity-40">
          Add alert
        </button>
        {permission === 'default' && (
          <button type="button" onClick={() => Notification.requestPermission().then(setPermission)} className="rounded border border-edge px-2 py-1 text-muted">
            Allow browser notifications
          </button>
        )}
      </form>
    </section>
  )
})
