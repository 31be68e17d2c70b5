import { headers } from 'next/headers'
import { connection } from 'next/server'
import { EngineProvider } from '@/components/engine/EngineProvider'
import { EngineFooter } from '@/components/engine/EngineFooter'
import { parseWatchAddress } from '@/components/portfolio/parseWatchAddress'
import { PortfolioDashboard } from '@/components/portfolio/PortfolioDashboard'
import { WalletProvider } from '@/components/wallet/WalletProvider'
import { engineConfigFromEnv } from '@/lib/engine/engineConfigFromEnv'

/**
 * `/portfolio` (issue 9): the connected wallet's cross-margin book, or `?address=0x…` read only —
 * see `PortfolioDashboard` for its panels.
 */
export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection() // read the wiring at request time: one build serves any devnet ports
  const { mode, config } = engineConfigFromEnv(process.env)
  const target = parseWatchAddress((await searchParams).address)
  const cookie = (await headers()).get('cookie')
  const servicesUrl = config.volatilityStreamUrl ?? config.priceStreamUrl
  return (
    <WalletProvider mode={mode} rpcUrl={config.rpcUrl ?? 'http://127.0.0.1:8545'} servicesUrl={servicesUrl} cookie={cookie}>
      <EngineProvider config={config}>
        <PortfolioDashboard target={target} />
        <div className="mt-6">
          <EngineFooter />
        </div>
      </EngineProvider>
    </WalletProvider>
  )
}
