import type { ReactNode } from 'react'

/**
 * The trade page's grid, empty until the pipeline feeds it: chart beside the leverage panel on
 * desktop, stacked on a phone. Each panel says what it will show rather than a fake number.
 */
export function DashboardFrame() {
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="dashboard-frame">
      <Panel title="Chart" className="lg:col-span-2 min-h-72">
        Candles and entry / liquidation price lines appear here when a price stream is connected.
      </Panel>
      <Panel title="Leverage">No account connected: leverage, margin ratio and free collateral appear here.</Panel>
      <Panel title="Positions" className="lg:col-span-3">
        No positions.
      </Panel>
    </div>
  )
}

function Panel({ title, className = '', children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className={`rounded-lg border border-edge bg-panel p-4 ${className}`}>
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">{title}</h2>
      <p className="text-sm text-muted">{children}</p>
    </section>
  )
}
