'use client'

import { memo, useId, useMemo, useState } from 'react'
import { useVenueWrite } from '@/components/collateral/useVenueWrite'
import { WriteStatus } from '@/components/collateral/WriteStatus'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { seriesName } from '@/components/trade/options/seriesName'
import { timeLeft } from '@/components/trade/options/timeLeft'
import { formatPercent, formatUsd } from '@/components/ui/formatFigures'
import { formatExpiry } from '@/components/ui/formatExpiry'
import { venueCall } from '@/lib/chain/writes/venueCall'
import type { OptionChainReturnType, OptionChainRow } from '@/lib/core/market/optionChain'
import type { EvaluateAccountReturnType } from '@/lib/core/risk/evaluateAccount'
import type { WhatIfChange, WhatIfStep } from '@/lib/core/solvers/applyWhatIf'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { chainByStrike, type StrikeRow } from './chainByStrike'
import { parseContracts } from './parseContracts'
import { useOptionSeries } from './useOptionSeries'
import { DAYS_PER_YEAR, VOL_POINTS } from '@/lib/core/units'

/** Quotes and the preview are re-asked of the worker as ticks arrive, at most this often (ms). */
const refreshMs = 500
/** Default premium limit: 1 % worse than the previewed premium (above it to buy, below it to sell). */
const slippage = 0.01

export type OptionsTicketProps = {
  /** The account's figures (the page's 10 Hz snapshot). */
  account: AccountSnapshot
  /** Watching someone else's account: quotes and preview only, no trade. */
  readOnly: boolean
  /** Preview on the what-if book (the account's planned changes applied) instead of the real one. */
  hypothetical?: boolean
  /** Adds the order, as entered, to the what-if plan; the button is hidden without it. */
  onAddToWhatIf?: (change: WhatIfChange) => void
}

type Side = 'buy' | 'sell'
type OptionTradeStep = Extract<WhatIfStep, { type: 'optionTrade' }>

/**
 * The options ticket on /portfolio (issue 9): the venue's chain for an underlying and expiry —
 * strikes as rows, calls and puts side by side with bid, mark and ask per contract, delta and the
 * implied volatility — quoted live by the engine worker (lib/core `optionChain` at the stream's
 * price and the volatility index, as the venue quotes); the account's positions marked. Choosing
 * a series opens an order: buy or sell, contracts (steps of 0.01), a premium limit (1 % beyond
 * the preview by default); the worker's `whatIfPreview` shows the fill and every account figure
 * and the underlying's Greeks before → after. "Trade" sends `tradeOption` through the wallet
 * (simulated first), "Add to what-if" plans it instead.
 */
export const OptionsTicket = memo(function OptionsTicket({ account, readOnly, hypothetical = false, onAddToWhatIf }: OptionsTicketProps) {
  const tabsId = useId()
  const { series, error: seriesError } = useOptionSeries()
  const underlyings = useMemo(() => [...new Set((series ?? []).map((s) => s.underlying))], [series])
  const [chosenUnderlying, setChosenUnderlying] = useState<string | null>(null)
  const underlying = chosenUnderlying !== null && underlyings.includes(chosenUnderlying) ? chosenUnderlying : (underlyings[0] ?? null)
  const requested = useMemo(() => (series ?? []).filter((s) => s.underlying === underlying), [series, underlying])
  const chain = useEngineRequest('optionChain', underlying === null || requested.length === 0 ? null : { series: requested }, { refreshMs })
  const [chosenExpiry, setChosenExpiry] = useState<number | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [side, setSide] = useState<Side>('buy')

  // Right after a tab switch the last answer is still the other underlying's: wait for this one.
  const quoted = chain.data !== null && underlying !== null && underlying in chain.data.underlyings ? chain.data : null
  const layout = quoted && underlying !== null ? chainByStrike({ rows: quoted.rows, underlying, expiry: chosenExpiry, now: quoted.now }) : null
  const selected = quoted?.rows.find((row) => row.seriesId === selectedId && !row.expired) ?? null
  const lastKnown = lastKnownText(account)
  const quote = underlying === null ? undefined : quoted?.underlyings[underlying]

  const select = (row: OptionChainRow, sideFromQuote?: Side) => {
    setSelectedId(row.seriesId)
    if (sideFromQuote) setSide(sideFromQuote)
  }

  return (
    <section aria-label="Options ticket" data-testid="options-ticket" className="space-y-3 rounded-lg border border-edge bg-panel p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">Options</h2>
        {hypothetical && <span className="rounded bg-accent/15 px-2 py-0.5 text-xs text-accent">Hypothetical (what-if)</span>}
        {underlyings.length > 0 && (
          <div role="tablist" aria-label="Option underlying" className="flex gap-1">
            {underlyings.map((u) => (
              <button
                key={u}
                type="button"
                role="tab"
                id={`${tabsId}-${u}`}
                aria-selected={u === underlying}
                aria-controls={`${tabsId}-panel`}
                onClick={() => {
                  setChosenUnderlying(u)
                  setSelectedId(null)
                }}
                className={`rounded px-2 py-1 text-sm ${u === underlying ? 'bg-accent/20 text-accent' : 'text-muted hover:text-inherit'}`}
              >
                {u}
              </button>
            ))}
          </div>
        )}
      </div>
      {seriesError !== null && <p className="text-sm text-danger">Cannot read the venue&apos;s option series: {seriesError}</p>}
      {series === null ? (
        seriesError === null && <p className="text-sm text-muted">Reading the venue&apos;s option series…</p>
      ) : underlying === null ? (
        <p className="text-sm text-muted">The venue lists no option series yet.</p>
      ) : (
        <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${underlying}`} className="space-y-3">
          {chain.error !== null && <p className="text-sm text-danger">Cannot quote the chain: {chain.error}</p>}
          {layout === null || quoted === null ? (
            chain.error === null && <p className="text-sm text-muted">Quoting the chain in the engine…</p>
          ) : (
            <>
              <ChainHeader underlying={underlying} quote={quote} lastKnown={lastKnown} expiredCount={layout.expiredCount} />
              {layout.expiry === null ? (
                <p className="text-sm text-muted">No {underlying} series is trading: every listed one has expired. New ones are listed as the day rolls.</p>
              ) : (
                <>
                  <div role="radiogroup" aria-label="Expiry" className="flex flex-wrap gap-1">
                    {layout.expiries.map(({ expiry, secondsLeft }) => (
                      <button
                        key={expiry}
                        type="button"
                        role="radio"
                        aria-checked={expiry === layout.expiry}
                        onClick={() => setChosenExpiry(expiry)}
                        className={`rounded border px-2 py-1 text-xs ${expiry === layout.expiry ? 'border-accent bg-accent/15 text-accent' : 'border-edge text-muted hover:text-inherit'}`}
                      >
                        {formatExpiry(expiry)} <span className="opacity-80">· {timeLeft(secondsLeft)} left</span>
                      </button>
                    ))}
                  </div>
                  <ChainTable chain={quoted} strikes={layout.strikes} account={account} selectedId={selected?.seriesId ?? null} onSelect={select} lastKnown={lastKnown} />
                </>
              )}
            </>
          )}
          {selected !== null && (
            <Order
              key={selected.seriesId}
              row={selected}
              side={side}
              onSide={setSide}
              account={account}
              readOnly={readOnly}
              hypothetical={hypothetical}
              onAddToWhatIf={onAddToWhatIf}
              lastKnown={lastKnown}
            />
          )}
        </div>
      )}
    </section>
  )
})

function ChainHeader({ underlying, quote, lastKnown, expiredCount }: { underlying: string; quote: { price: number; vol: number } | undefined; lastKnown: string | null; expiredCount: number }) {
  return (
    <p className="text-xs text-muted">
      {quote && (
        <>
          {underlying} {formatUsd(quote.price)} · implied volatility <span className="font-mono text-inherit">{formatPercent(quote.vol, 1)}</span>/yr for every strike and
          expiry: the venue prices all its {underlying} options at the {underlying} volatility index, so there is no smile. Quotes per contract (1 contract = 1 {underlying}),
          Black-Scholes at the oracle price ± the venue&apos;s spread.
        </>
      )}
      {expiredCount > 0 && <> {expiredCount} expired series hidden (they no longer trade).</>}
      {lastKnown !== null && <span className="text-warn"> · {lastKnown}</span>}
    </p>
  )
}

function ChainTable({
  chain,
  strikes,
  account,
  selectedId,
  onSelect,
  lastKnown,
}: {
  chain: OptionChainReturnType
  strikes: StrikeRow[]
  account: AccountSnapshot
  selectedId: string | null
  onSelect: (row: OptionChainRow, side?: Side) => void
  lastKnown: string | null
}) {
  const captionId = useId()
  const held = new Map<string, number>()
  for (const option of account.risk?.options ?? []) held.set(termsKey(option), (held.get(termsKey(option)) ?? 0) + option.size)
  const underlying = strikes[0]?.call?.underlying ?? strikes[0]?.put?.underlying ?? ''
  const quote = chain.underlyings[underlying]
  const head = 'px-2 py-1 text-right font-normal'
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={-1} className="w-full overflow-x-auto">
      <table
        data-testid="option-chain"
        data-underlying={underlying}
        data-price={quote?.price}
        data-vol={quote?.vol}
        data-now={chain.now}
        data-confident={lastKnown === null}
        className={`w-full min-w-max border-collapse text-xs tabular-nums ${lastKnown === null ? '' : 'opacity-60'}`}
      >
        <caption id={captionId} className="sr-only">
          {underlying} option chain: calls on the left, puts on the right, per contract in USD; select a series to trade it
        </caption>
        <thead>
          <tr className="text-muted">
            <th scope="colgroup" colSpan={4} className="px-2 pb-1 text-center font-medium">
              Calls
            </th>
            <th scope="col" colSpan={2} />
            <th scope="colgroup" colSpan={4} className="px-2 pb-1 text-center font-medium">
              Puts
            </th>
          </tr>
          <tr className="border-b border-edge text-muted">
            <th scope="col" className={head}>Bid (USD)</th>
            <th scope="col" className={head}>Mark (USD)</th>
            <th scope="col" className={head}>Ask (USD)</th>
            <th scope="col" className={head}>Δ</th>
            <th scope="col" className="bg-surface px-2 py-1 text-center font-medium text-inherit">Strike (USD)</th>
            <th scope="col" className="bg-surface px-2 py-1 text-center font-normal">IV</th>
            <th scope="col" className={head}>Bid (USD)</th>
            <th scope="col" className={head}>Mark (USD)</th>
            <th scope="col" className={head}>Ask (USD)</th>
            <th scope="col" className={head}>Δ</th>
          </tr>
        </thead>
        <tbody>
          {strikes.map(({ strike, call, put }) => (
            <tr key={strike} className="border-b border-edge/50">
              <QuoteCells row={call} held={call ? held.get(termsKey(call)) : undefined} selectedId={selectedId} onSelect={onSelect} />
              <th scope="row" className="bg-surface px-2 py-1 text-center font-mono font-medium">
                {strike.toLocaleString('en-US')}
              </th>
              <td className="bg-surface px-2 py-1 text-center font-mono text-muted">{formatPercent((call ?? put)?.vol ?? null, 1)}</td>
              <QuoteCells row={put} held={put ? held.get(termsKey(put)) : undefined} selectedId={selectedId} onSelect={onSelect} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Bid, mark, ask and delta of one series: a click on the bid sells, on the ask buys; the mark (a button) just selects. */
function QuoteCells({ row, held, selectedId, onSelect }: { row: OptionChainRow | null; held: number | undefined; selectedId: string | null; onSelect: (row: OptionChainRow, side?: Side) => void }) {
  if (row === null)
    return (
      <td colSpan={4} className="px-2 py-1 text-center text-muted">
        not listed
      </td>
    )
  const isSelected = row.seriesId === selectedId
  const tone = isSelected ? 'bg-accent/15' : held ? 'bg-safe/5' : ''
  const cell = `cursor-pointer px-2 py-1 text-right font-mono hover:bg-accent/10 ${tone}`
  const name = seriesName(row)
  return (
    <>
      <td className={`${cell} text-safe`} data-bid={row.bid ?? ''} title={`Sell ${name} at ${formatUsd(row.bid)}`} onClick={() => onSelect(row, 'sell')}>
        {usd(row.bid)}
      </td>
      <td className={cell} data-series-id={row.seriesId} data-mark={row.mark} data-held={held ?? 0}>
        <button
          type="button"
          aria-pressed={isSelected}
          aria-label={`${name}: mark ${formatUsd(row.mark)} per contract${held ? `, you hold ${formatContracts(held)}` : ''}`}
          onClick={() => onSelect(row)}
          className="w-full text-right font-mono focus:outline-none focus-visible:ring-1 focus-visible:ring-accent"
        >
          {held ? (
            <span className={`mr-1 rounded px-1 text-[10px] ${held > 0 ? 'bg-safe/20 text-safe' : 'bg-danger/20 text-danger'}`} title={`You hold ${formatContracts(held)} contracts`}>
              {formatContracts(held)}
            </span>
          ) : null}
          {usd(row.mark)}
        </button>
      </td>
      <td className={`${cell} text-danger`} data-ask={row.ask ?? ''} title={`Buy ${name} at ${formatUsd(row.ask)}`} onClick={() => onSelect(row, 'buy')}>
        {usd(row.ask)}
      </td>
      <td className={`${cell} text-muted`} onClick={() => onSelect(row)}>
        {row.delta === null ? '—' : signed(row.delta, 2)}
      </td>
    </>
  )
}

type Figure = { name: string; unit: string; value: (risk: EvaluateAccountReturnType) => number; format: (value: number) => string }

function Order({
  row,
  side,
  onSide,
  account,
  readOnly,
  hypothetical,
  onAddToWhatIf,
  lastKnown,
}: {
  row: OptionChainRow
  side: Side
  onSide: (side: Side) => void
  account: AccountSnapshot
  readOnly: boolean
  hypothetical: boolean
  onAddToWhatIf: ((change: WhatIfChange) => void) | undefined
  lastKnown: string | null
}) {
  const ids = useId()
  const [contractsText, setContractsText] = useState('')
  const [limitText, setLimitText] = useState('')
  const write = useVenueWrite()
  const contracts = parseContracts(contractsText)
  const sign = side === 'buy' ? 1 : -1
  const size = contracts.value === null ? null : sign * contracts.value
  const change: WhatIfChange | null =
    size === null ? null : { type: 'optionTrade', trade: { underlying: row.underlying, kind: row.kind, strike: row.strike, expiry: row.expiry, seriesId: row.seriesId, size } }
  const preview = useEngineRequest('whatIfPreview', change === null ? null : { account: account.address, changes: [change], ...(hypothetical ? { hypothetical } : {}) }, { refreshMs })
  const step = preview.data?.steps[0]?.type === 'optionTrade' ? (preview.data.steps[0] as OptionTradeStep) : null
  // Rounded to the cent away from the trader (up to buy, down to sell): the limit shown is the one sent.
  const defaultLimit = step === null ? null : (sign > 0 ? Math.ceil : Math.floor)(step.fill.premium * (1 + sign * slippage) * 100) / 100
  const typedLimit = limitText.trim() === '' ? null : Number(limitText.replaceAll(',', ''))
  const limitError = typedLimit !== null && !(Number.isFinite(typedLimit) && typedLimit > 0) ? 'The premium limit must be a price above 0 USD.' : null
  const limit = limitError !== null ? null : (typedLimit ?? defaultLimit)
  const after = preview.data?.after ?? null
  const refused = step !== null && after !== null && step.increasesRisk && after.initialMargin > after.equity
  const beyondLimit = step !== null && limit !== null && (sign > 0 ? step.fill.premium > limit : step.fill.premium < limit)
  const blocked = readOnly
    ? 'Watching read only: trading needs the account’s own wallet.'
    : !write.ready
      ? 'Connect a wallet to trade.'
      : lastKnown !== null
        ? `Prices are not live (${lastKnown}): trading waits for live prices.`
        : null
  const canTrade = blocked === null && !write.busy && change !== null && step !== null && limit !== null && !refused && !beyondLimit

  const trade = async () => {
    if (!canTrade || size === null || limit === null) return
    const result = await write.run(venueCall({ kind: 'tradeOption', seriesId: BigInt(row.seriesId), size, limitPremium: limit }))
    if (result.stage === 'confirmed') {
      setContractsText('')
      setLimitText('')
    }
  }

  const u = row.underlying
  const figures: Figure[] = [
    { name: 'Equity', unit: 'USD', value: (r) => r.equity, format: (v) => formatUsd(v) },
    { name: 'Initial margin', unit: 'USD', value: (r) => r.initialMargin, format: (v) => formatUsd(v) },
    { name: 'Maintenance margin', unit: 'USD', value: (r) => r.maintenanceMargin, format: (v) => formatUsd(v) },
    { name: 'Margin ratio', unit: 'MM / equity, liquidation at 100 %', value: (r) => r.marginRatio, format: (v) => formatPercent(v, 2) },
    { name: 'Free collateral', unit: 'USD', value: (r) => r.freeCollateral, format: (v) => formatUsd(v) },
    { name: `${u} net delta`, unit: u, value: (r) => r.underlyings[u]?.netDelta ?? 0, format: (v) => `${signed(v, 4)} ${u}` },
    { name: `${u} gamma`, unit: `${u} of delta per 1 % move`, value: (r) => ((r.underlyings[u]?.gamma ?? 0) * (r.underlyings[u]?.price ?? 0)) / 100, format: (v) => `${signed(v, 4)} ${u}` },
    { name: `${u} vega`, unit: 'USD per vol point', value: (r) => (r.underlyings[u]?.vega ?? 0) / VOL_POINTS, format: (v) => formatUsd(v) },
    { name: `${u} theta`, unit: 'USD per day', value: (r) => (r.underlyings[u]?.theta ?? 0) / DAYS_PER_YEAR, format: (v) => formatUsd(v) },
  ]

  return (
    <form
      aria-label="Option order"
      data-testid="option-order"
      data-series-id={row.seriesId}
      onSubmit={(event) => {
        event.preventDefault()
        void trade()
      }}
      className="space-y-3 rounded border border-edge bg-surface/40 p-3"
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h3 className="font-medium">{seriesName(row)}</h3>
        <p className="text-xs text-muted">
          per contract: mark {formatUsd(row.mark)} · bid {formatUsd(row.bid)} · ask {formatUsd(row.ask)} · Δ {row.delta === null ? '—' : signed(row.delta, 4)} · Γ {row.gamma?.toExponential(2) ?? '—'} /USD · vega{' '}
          {formatUsd(row.vegaPerPoint)} per vol point · theta {formatUsd(row.thetaPerDay)} per day · fee {formatUsd(row.fee)}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div role="radiogroup" aria-label="Side" className="flex gap-1">
          {(['buy', 'sell'] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={side === value}
              onClick={() => onSide(value)}
              className={`rounded px-3 py-1 text-sm ${side === value ? (value === 'buy' ? 'bg-safe/20 text-safe' : 'bg-danger/20 text-danger') : 'border border-edge text-muted'}`}
            >
              {value === 'buy' ? 'Buy' : 'Sell'}
            </button>
          ))}
        </div>
        <label className="flex flex-col text-xs text-muted">
          Contracts ({u}, steps of 0.01)
          <input
            inputMode="decimal"
            autoComplete="off"
            value={contractsText}
            onChange={(event) => setContractsText(event.target.value)}
            aria-invalid={contracts.error !== null}
            aria-describedby={contracts.error ? `${ids}-contracts` : undefined}
            placeholder="1"
            className="w-28 rounded border border-edge bg-surface px-2 py-1 font-mono text-sm"
          />
        </label>
        <label className="flex flex-col text-xs text-muted">
          Premium limit (USD per contract, {side === 'buy' ? 'at most' : 'at least'})
          <input
            inputMode="decimal"
            autoComplete="off"
            value={limitText}
            onChange={(event) => setLimitText(event.target.value)}
            aria-invalid={limitError !== null}
            placeholder={defaultLimit === null ? 'preview first' : defaultLimit.toFixed(2)}
            className="w-36 rounded border border-edge bg-surface px-2 py-1 font-mono text-sm"
          />
        </label>
      </div>
      {contracts.error && (
        <p id={`${ids}-contracts`} className="text-xs text-danger">
          {contracts.error}
        </p>
      )}
      {limitError && <p className="text-xs text-danger">{limitError}</p>}
      {limitText.trim() === '' && defaultLimit !== null && (
        <p className="text-xs text-muted">
          Limit {formatUsd(defaultLimit)}: the previewed premium {side === 'buy' ? '+' : '−'} {formatPercent(slippage, 0)} slippage tolerance. The venue refuses a fill{' '}
          {side === 'buy' ? 'above' : 'below'} it.
        </p>
      )}
      {preview.error !== null && <p className="text-sm text-danger">Cannot preview: {preview.error}</p>}
      {step !== null && preview.data !== null && size !== null && (
        <Preview step={step} size={size} before={preview.data.before} after={preview.data.after} figures={figures} hypothetical={hypothetical} lastKnown={lastKnown} />
      )}
      {refused && after !== null && (
        <p role="alert" className="text-sm text-danger">
          The venue will refuse this order: equity after ({formatUsd(after.equity)}) would be below the initial margin it needs ({formatUsd(after.initialMargin)}).
        </p>
      )}
      {beyondLimit && <p className="text-sm text-warn">The premium now is beyond your limit: the venue would refuse the fill.</p>}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!canTrade}
          className={`rounded px-4 py-1.5 text-sm font-medium text-surface disabled:opacity-40 ${side === 'buy' ? 'bg-safe' : 'bg-danger'}`}
        >
          {side === 'buy' ? 'Buy' : 'Sell'} {contracts.value ?? ''} {seriesName(row).split(' · ')[0]}
        </button>
        {onAddToWhatIf !== undefined && (
          <button
            type="button"
            disabled={change === null}
            onClick={() => change !== null && onAddToWhatIf(change)}
            className="rounded border border-accent px-3 py-1.5 text-sm text-accent disabled:opacity-40"
          >
            Add to what-if
          </button>
        )}
        {blocked !== null && <span className="text-xs text-muted">{blocked}</span>}
        {hypothetical && <span className="text-xs text-muted">The preview is on the what-if book; a trade is sent on the real account.</span>}
      </div>
      <WriteStatus stage={write.stage} />
    </form>
  )
}

function Preview({
  step,
  size,
  before,
  after,
  figures,
  hypothetical,
  lastKnown,
}: {
  step: OptionTradeStep
  size: number
  before: EvaluateAccountReturnType
  after: EvaluateAccountReturnType
  figures: Figure[]
  hypothetical: boolean
  lastKnown: string | null
}) {
  const { fill } = step
  return (
    <div className="space-y-2" data-testid="option-preview" data-now={after.now} data-premium={fill.premium} data-fee={fill.fee} data-cash-flow={fill.cashFlow} data-mark={fill.mark}>
      <p className="text-sm">
        {size > 0 ? 'Pays' : 'Receives'} <span className="font-mono">{formatUsd(Math.abs(size * fill.premium))}</span> premium ({formatUsd(fill.premium)} per contract, mark{' '}
        {formatUsd(fill.mark)} {size > 0 ? '+' : '−'} spread) and a fee of <span className="font-mono">{formatUsd(fill.fee)}</span>: USDC {fill.cashFlow >= 0 ? '+' : '−'}
        {formatUsd(Math.abs(fill.cashFlow))}.
      </p>
      <table className={`w-full text-sm ${lastKnown === null ? '' : 'opacity-60'}`}>
        <caption className="mb-1 text-left text-xs text-muted">
          Before → after this order ({hypothetical ? 'on the what-if book, ' : ''}engine estimate at current prices{lastKnown === null ? '' : `, ${lastKnown}`})
        </caption>
        <tbody>
          {figures.map((figure) => {
            const was = figure.value(before)
            const will = figure.value(after)
            return (
              <tr key={figure.name} data-figure={figure.name} data-before={was} data-after={will}>
                <th scope="row" className="py-0.5 text-left font-normal text-muted">
                  {figure.name} <span className="text-xs">({figure.unit})</span>
                </th>
                <td className="py-0.5 text-right font-mono">{figure.format(was)}</td>
                <td className="px-1 text-muted" aria-hidden>
                  →
                </td>
                <td className="py-0.5 text-right font-mono">{figure.format(will)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** Positions and series meet on their terms (a position may carry no series id). */
function termsKey(o: { underlying: string; kind: string; strike: number; expiry: number }): string {
  return `${o.underlying}-${o.kind}-${o.strike}-${o.expiry}`
}


/** A quote in a cell whose header says USD. */
function usd(value: number | null): string {
  return value === null ? '—' : formatUsd(value).replace(' USD', '')
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits)
  return value < 0 && Number(text) !== 0 ? `−${text}` : text
}

const contractsFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

function formatContracts(size: number): string {
  return `${size > 0 ? '+' : '−'}${contractsFormat.format(Math.abs(size))}`
}
