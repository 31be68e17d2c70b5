import { headers } from 'next/headers'
import { connection } from 'next/server'
import { EngineProvider } from '@/components/engine/EngineProvider'
import { EngineFooter } from '@/components/engine/EngineFooter'
import { LiveFeeds } from '@/components/engine/LiveFeeds'
import { WatchedAccounts } from '@/components/engine/WatchedAccounts'
import { TradeDashboard } from '@/components/trade/TradeDashboard'
import { WalletProvider } from '@/components/wallet/WalletProvider'
import { demoAccounts, engineConfigFromEnv } from '@/lib/engine/engineConfigFromEnv'

const demoLabels = { [demoAccounts[0]!.toLowerCase()]: 'Retail (demo)', [demoAccounts[1]!.toLowerCase()]: 'Power user (demo)' }

export default async function TradePage() {
  await connection() // read the wiring at request time: one build serves any devnet ports
  const { mode, config, watch } = engineConfigFromEnv(process.env)
  const cookie = (await headers()).get('cookie')
  const servicesUrl = config.volatilityStreamUrl ?? config.priceStreamUrl
  return (
    <WalletProvider mode={mode} rpcUrl={config.rpcUrl ?? 'http://127.0.0.1:8545'} servicesUrl={servicesUrl} cookie={cookie}>
      <EngineProvider config={config}>
        <h1 className="sr-only">Real-time leverage</h1>
        <TradeDashboard mode={mode} servicesUrl={servicesUrl} baseWatch={watch} />
        <div className="dashboard-panels mt-6 space-y-4">
          <LiveFeeds />
          {mode === 'demo' && <WatchedAccounts labels={demoLabels} />}
          <EngineFooter />
        </div>
      </EngineProvider>
    </WalletProvider>
  )
}
