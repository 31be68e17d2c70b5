import { describe, expect, it } from 'vitest'
import { createLogger, type LogLevel } from './createLogger'

function capture(level?: LogLevel) {
  const lines: { line: string; level: LogLevel }[] = []
  const logger = createLogger({ service: 'hermes', ...(level === undefined ? {} : { level }), write: (line, lineLevel) => lines.push({ line, level: lineLevel }) })
  return { logger, lines, records: () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>) }
}

describe('createLogger', () => {
  it('writes one JSON object per line: time, level, service, msg and the fields (bigints as strings)', () => {
    const { logger, lines, records } = capture('debug')
    logger.warn('fault: dropped', { streams: 2, price: 10n ** 20n })
    expect(lines[0]?.line.includes('\n')).toBe(false)
    const [record] = records()
    expect(record).toMatchObject({ level: 'warn', service: 'hermes', msg: 'fault: dropped', streams: 2, price: '100000000000000000000' })
    expect(Number.isNaN(Date.parse(record?.time as string))).toBe(false)
  })

  it('drops lines below its level (info by default)', () => {
    const { logger, records } = capture()
    logger.debug('noise')
    logger.info('listening')
    logger.error('broken')
    expect(records().map((record) => [record.level, record.msg])).toEqual([
      ['info', 'listening'],
      ['error', 'broken'],
    ])
  })
})
