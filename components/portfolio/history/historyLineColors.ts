import { chartColors } from '@/components/trade/chart/chartTheme'
import type { HistoryFigure } from '@/lib/history/types'

/** The history chart's line colours, shared with the legend under it (no chart code: the legend renders before the chart loads). */
export const historyLineColors: Record<HistoryFigure, string> = {
  equity: chartColors.accent,
  grossLeverage: chartColors.text,
  netLeverage: chartColors.muted,
  marginRatio: '#f59e0b', // the app's warn colour
}
