import { DashboardFrame } from '@/components/trade/DashboardFrame'
import { EngineStatus } from '@/components/ui/EngineStatus'

export default function TradePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Real-time leverage</h1>
      <DashboardFrame />
      <EngineStatus />
    </div>
  )
}
