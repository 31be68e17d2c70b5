import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '@/lib/core/risk/evaluateAccount'
import { defaultRiskParams } from '@/lib/core/risk/params'
import { positionContributions } from '@/lib/core/risk/positionContributions'
import { positionsCsv } from './positionsCsv'
import { workspaceBook } from './workspaceBook.testing'
import { workspaceRows, type WorkspaceRow } from './workspaceRows'

/** A strict RFC 4180 reader written here (a field is quoted iff it starts with a quote; "" inside is a quote; CRLF ends a record). */
function readCsv(text: string): string[][] {
  const records: string[][] = []
  let fields: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else if (i >= text.length) throw new Error('unterminated quote')
        else field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field`)
        field += text[i++]
      }
    }
    fields.push(field)
    if (text[i] === ',') i++
    else if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(fields)
      fields = []
      i += 2
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`)
  }
  if (fields.length > 0) records.push(fields)
  return records
}

const { account, markets } = workspaceBook
const contributions = positionContributions({ account, markets, params: defaultRiskParams })
const rows = workspaceRows(evaluateAccount(account, markets, defaultRiskParams), contributions)

describe('positionsCsv', () => {
  it('one header row with units, then one record per row with the same number of fields', () => {
    const records = readCsv(positionsCsv(rows))
    expect(records).toHaveLength(rows.length + 1)
    const header = records[0]!
    expect(header).toContain('size (units; options: contracts)')
    expect(header).toContain('MM contribution (USD)')
    expect(header).toContain('expiry (ISO 8601 UTC)')
    for (const record of records) expect(record).toHaveLength(header.length)
  })

  it('numbers round-trip exactly (full precision), expiries are ISO 8601, a missing figure is an empty field, never NaN', () => {
    const csv = positionsCsv(rows)
    expect(csv).not.toMatch(/NaN|Infinity/)
    const [header, ...records] = readCsv(csv)
    const column = (name: string) => header!.indexOf(name)
    records.forEach((record, i) => {
      const row = rows[i]!
      expect(record[column('key')]).toBe(row.key)
      expect(Number(record[column('size (units; options: contracts)')])).toBe(row.size)
      expect(Number(record[column('delta (USD)')])).toBe(row.deltaUsd)
      expect(Number(record[column('gamma (units per USD)')])).toBe(row.gamma)
      expect(Number(record[column('MM contribution (USD)')])).toBe(row.mmContribution)
      expect(record[column('strike (USD)')]).toBe(row.strike === null ? '' : String(row.strike))
      expect(record[column('expiry (ISO 8601 UTC)')]).toBe(row.expiry === null ? '' : new Date(row.expiry * 1000).toISOString())
      if (row.expiry !== null) expect(Date.parse(record[column('expiry (ISO 8601 UTC)')]!) / 1000).toBe(row.expiry)
      expect(record[column('unrealized PnL (USD)')]).toBe(row.pnl === null ? '' : String(row.pnl))
    })
    // The MM contributions of the cross rows add up to the cross MM.
    const mm = column('MM contribution (USD)')
    const cross = records.filter((r) => r[header!.indexOf('book')] === 'cross').reduce((sum, r) => sum + Number(r[mm]), 0)
    expect(cross).toBeCloseTo(contributions.crossMaintenanceMargin, 6)
  })

  it('quotes what needs quoting: commas, quotes and line breaks survive (RFC 4180 §2.6, §2.7)', () => {
    const awkward: WorkspaceRow = { ...rows.at(-1)!, isolatedId: 'a,"b"\r\nc', key: 'isolated:a,"b"\r\nc' }
    const csv = positionsCsv([awkward])
    expect(csv).toContain('"isolated:a,""b""\r\nc"')
    const records = readCsv(csv)
    expect(records).toHaveLength(2)
    expect(records[1]![0]).toBe('isolated:a,"b"\r\nc')
    expect(records[1]![4]).toBe('a,"b"\r\nc')
  })

  it('non-finite numbers become empty fields', () => {
    const broken: WorkspaceRow = { ...rows[0]!, gamma: Number.NaN, mmShare: Infinity }
    const [header, record] = readCsv(positionsCsv([broken]))
    expect(record![header!.indexOf('gamma (units per USD)')]).toBe('')
    expect(record![header!.indexOf('MM share (fraction of total MM)')]).toBe('')
  })

  it('no rows: the header alone', () => {
    expect(readCsv(positionsCsv([]))).toHaveLength(1)
  })
})
