'use client'

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

/**
 * A menu button's behaviour (WAI-ARIA APG "menu button"): the button opens the menu on click,
 * Enter, Space or the arrow keys and focuses its first (↓) or last (↑) item; in the menu ↑ ↓
 * Home End move between items, Escape closes and returns focus to the button, Tab and a click
 * outside close it. Items are the elements with a `menuitem…` role; disabled ones stay
 * focusable with `aria-disabled`, as the pattern recommends.
 */
export function useMenu() {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const focusOnOpen = useRef<'first' | 'last'>('first')
  const menuId = useId()

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
  const focusItem = (index: number) => {
    const list = items()
    if (list.length > 0) list[((index % list.length) + list.length) % list.length]?.focus()
  }

  const close = useCallback((returnFocus = true) => {
    setOpen(false)
    if (returnFocus) buttonRef.current?.focus()
  }, [])

  useEffect(() => {
    if (!open) return
    const list = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])]
    ;(focusOnOpen.current === 'last' ? list.at(-1) : list[0])?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const buttonProps = {
    ref: buttonRef,
    type: 'button' as const,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    'aria-controls': open ? menuId : undefined,
    onClick: () => {
      focusOnOpen.current = 'first'
      setOpen((wasOpen) => !wasOpen)
    },
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
      event.preventDefault()
      focusOnOpen.current = event.key === 'ArrowUp' ? 'last' : 'first'
      if (open) focusItem(event.key === 'ArrowUp' ? -1 : 0)
      else setOpen(true)
    },
  }

  const menuProps = {
    ref: menuRef,
    id: menuId,
    role: 'menu' as const,
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => {
      const index = items().indexOf(document.activeElement as HTMLElement)
      const moves: Record<string, () => void> = {
        ArrowDown: () => focusItem(index + 1),
        ArrowUp: () => focusItem(index - 1),
        Home: () => focusItem(0),
        End: () => focusItem(-1),
        Escape: () => close(),
      }
      if (event.key === 'Tab') return setOpen(false)
      const move = moves[event.key]
      if (move === undefined) return
      event.preventDefault()
      move()
    },
  }

  return { open, close, buttonProps, menuProps }
}
