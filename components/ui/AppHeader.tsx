import Link from 'next/link'
import { CommandPaletteButton } from '@/components/keyboard/CommandPaletteButton'

/** The top bar: brand and the app's two surfaces. Market, feed status and wallet join it later. */
export function AppHeader() {
  return (
    <header className="border-b border-edge bg-panel">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-white">
          Marginflow
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm text-muted">
          <Link href="/" className="hover:text-white">
            Trade
          </Link>
          <Link href="/portfolio" className="hover:text-white">
            Portfolio
          </Link>
        </nav>
        <CommandPaletteButton />
      </div>
    </header>
  )
}
