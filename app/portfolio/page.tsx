export default function PortfolioPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Portfolio</h1>
      <p className="text-sm text-muted">Cross-margin risk, Greeks and scenarios appear here when an account is connected.</p>
    </div>
  )
}
