import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { KeyboardProvider } from '@/components/keyboard/KeyboardProvider'
import { AppHeader } from '@/components/ui/AppHeader'
import './globals.css'

export const metadata: Metadata = {
  title: 'Marginflow — real-time leverage',
  description: 'Live leverage, liquidation prices and portfolio Greeks, recomputed on every oracle tick.',
  icons: { icon: '/favicon.svg' },
}

export const viewport: Viewport = {
  themeColor: '#0b0f14',
  width: 'device-width',
  initialScale: 1,
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <KeyboardProvider>
          <AppHeader />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </KeyboardProvider>
      </body>
    </html>
  )
}
