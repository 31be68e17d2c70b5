'use client'

import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog's frame (WAI-ARIA APG "dialog (modal)"): `role="dialog"`, `aria-modal`, labelled
 * by `labelledBy`; the first `[data-autofocus]` element (or the first focusable one) takes focus;
 * Tab and Shift-Tab cycle inside; Escape and a click on the backdrop call `onClose`. The page
 * behind is made `inert` and focus is restored by `KeyboardProvider`, which owns both dialogs.
 */
export function ModalFrame({ labelledBy, onClose, children, testId }: { labelledBy: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const dialog = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const root = dialog.current
    if (root === null) return
    const first = root.querySelector<HTMLElement>('[data-autofocus]') ?? root.querySelector<HTMLElement>(focusable) ?? root
    first.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
      return
    }
    if (event.key !== 'Tab') return
    const items = [...(dialog.current?.querySelectorAll<HTMLElement>(focusable) ?? [])].filter((item) => item.offsetParent !== null || item === document.activeElement)
    if (items.length === 0) {
      event.preventDefault()
      return
    }
    const at = items.indexOf(document.activeElement as HTMLElement)
    const next = event.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at < 0 || at === items.length - 1 ? 0 : at + 1
    event.preventDefault()
    items[next]?.focus()
  }

  return (
    <div
      className="fixed inset-0 z-[100] flex items-start justify-center bg-black/60 px-4 pt-[12vh]"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
        className="flex max-h-[70vh] w-full max-w-xl flex-col overflow-hidden rounded-lg border border-edge bg-panel shadow-2xl shadow-black/60 focus:outline-none"
      >
        {children}
      </div>
    </div>
  )
}
