import { ColorType, CrosshairMode, LineSeries, LineStyle, createChart, createTextWatermark, type IPaneApi, type ISeriesApi, type Time } from 'lightweight-charts'
import { chartColors } from '@/components/trade/chart/chartTheme'
import { historyLineColors } from './historyLineColors'
import { formatMultiple, formatUsd } from '@/components/ui/formatFigures'
import type { HistoryFigure } from '@/lib/history/types'
import type { HistoryChartDatum } from './historyChartData'
import { localTimeLabels } from '@/components/trade/chart/localTimeLabels'

/** The account history chart: three panes on one time axis, fed whole (≤ 1 Hz). */
export type HistoryChart = {
  /**
   * Replaces every line (already downsampled, see `historyChartData`) and fits the time axis;
   * `secondsVisible` for windows short enough that minutes repeat on the axis.
   */
  setData: (data: Record<HistoryFigure, HistoryChartDatum[]>, options: { secondsVisible: boolean }) => void
  remove: () => void
}

/**
 * Creates the account history chart (lightweight-charts 5) in `container`: equity in USD on top,
 * gross (solid) and net delta-adjusted (dashed) leverage in × in the middle, margin ratio in %
 * at the bottom — each pane with its unit on its price axis and a title in its corner; times in
 * the browser's time zone. The range buttons choose the window, so scrolling and zooming are off
 * and every repaint fits the content. Browser only: call it in an effect.
 */
export function createHistoryChart(container: HTMLElement): HistoryChart {
  const chart = createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: chartColors.panel }, textColor: chartColors.muted, fontSize: 11, panes: { separatorColor: chartColors.edge } },
    grid: { vertLines: { color: chartColors.edge }, horzLines: { color: chartColors.edge } },
    rightPriceScale: { borderColor: chartColors.edge },
    timeScale: { borderColor: chartColors.edge, timeVisible: true, secondsVisible: false, tickMarkFormatter: localTimeLabels.tickMarkFormatter },
    localization: { timeFormatter: localTimeLabels.timeFormatter },
    crosshair: { mode: CrosshairMode.Magnet },
    handleScroll: false,
    handleScale: false,
  })
  const line = (color: string, formatter: (value: number) => string, pane: number, lineStyle: LineStyle = LineStyle.Solid): ISeriesApi<'Line'> =>
    chart.addSeries(
      LineSeries,
      { color, lineWidth: 2, lineStyle, priceLineVisible: false, lastValueVisible: false, priceFormat: { type: 'custom', formatter, minMove: 0.0001 } },
      pane,
    )
  const series: Record<HistoryFigure, ISeriesApi<'Line'>> = {
    equity: line(historyLineColors.equity, (value) => formatUsd(value, 0), 0),
    grossLeverage: line(historyLineColors.grossLeverage, (value) => formatMultiple(value), 1),
    netLeverage: line(historyLineColors.netLeverage, (value) => formatMultiple(value), 1, LineStyle.Dashed),
    marginRatio: line(historyLineColors.marginRatio, (value) => `${value.toFixed(1)} %`, 2),
  }
  const titles = ['Equity (USD)', 'Leverage (×): gross solid, net dashed', 'Margin ratio (%): 100 % = liquidation']
  let showingSeconds = false
  chart.panes().forEach((pane: IPaneApi<Time>, i) =>
    createTextWatermark(pane, { horzAlign: 'left', vertAlign: 'top', lines: [{ text: titles[i] ?? '', color: chartColors.muted, fontSize: 11 }] }),
  )

  // A narrower or wider chart (rotation, resize) shows the whole window again at once.
  const resized = new ResizeObserver(() => chart.timeScale().fitContent())
  resized.observe(container)

  return {
    setData(data, { secondsVisible }) {
      if (secondsVisible !== showingSeconds) chart.applyOptions({ timeScale: { secondsVisible: (showingSeconds = secondsVisible) } })
      for (const figure of Object.keys(series) as HistoryFigure[]) series[figure].setData(data[figure])
      chart.timeScale().fitContent()
    },
    remove() {
      resized.disconnect()
      chart.remove()
    },
  }
}
