import { connection } from 'next/server'
import { DashboardFrame } from '@/components/trade/DashboardFrame'
import { DiagnosticsOverlay } from '@/components/engine/DiagnosticsOverlay'
import { EngineProvider } from '@/components/engine/EngineProvider'
import { EngineStatusLine } from '@/components/engine/EngineStatusLine'
import { LiveFeeds } from '@/components/engine/LiveFeeds'
import { WatchedAccounts } from '@/components/engine/WatchedAccounts'
import { demoAccounts, engineConfigFromEnv } from '@/lib/engine/engineConfigFromEnv'

const demoLabels = { [demoAccounts[0]!.toLowerCase()]: 'Retail (demo)', [demoAccounts[1]!.toLowerCase()]: 'Power user (demo)' }

export default async function TradePage() {
  await connection() // read the wiring at request time: one build serves any devnet ports
  const { config, watch } = engineConfigFromEnv(process.env)
  return (
    <EngineProvider config={config} watch={watch}>
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Real-time leverage</h1>
        <LiveFeeds />
        <WatchedAccounts labels={demoLabels} />
        <DashboardFrame />
        <EngineStatusLine />
      </div>
      <DiagnosticsOverlay />
    </EngineProvider>
  )
}
