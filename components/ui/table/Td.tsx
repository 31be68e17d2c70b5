import type { ReactNode } from 'react'

/** A cell of the positions tables: numeric cells align right in the monospaced figures font. */
export function Td({ children, numeric = false, className = '' }: { children: ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`py-1.5 pr-3 whitespace-nowrap ${numeric ? 'text-right font-mono' : ''} ${className}`}>{children}</td>
}
