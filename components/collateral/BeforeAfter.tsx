import type { ReactNode } from 'react'

export type BeforeAfterRow = { name: string; before: string; after: string; better?: boolean | null }

/**
 * Every figure a form changes, current → projected (dYdX's form pattern). `better` colours the
 * projection (true: safer, false: riskier, null/undefined: neutral).
 */
export function BeforeAfter({ rows, caption }: { rows: readonly BeforeAfterRow[]; caption?: ReactNode }) {
  return (
    <table className="w-full text-sm" aria-label="Before and after">
      {caption && <caption className="mb-1 text-left text-xs text-muted">{caption}</caption>}
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row" className="py-0.5 text-left font-normal text-muted">
              {row.name}
            </th>
            <td className="py-0.5 text-right font-mono">{row.before}</td>
            <td className="px-1 text-muted" aria-hidden>
              →
            </td>
            <td className={`py-0.5 text-right font-mono ${row.better === true ? 'text-safe' : row.better === false ? 'text-warn' : ''}`} data-testid={`after-${row.name}`}>
              {row.after}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
