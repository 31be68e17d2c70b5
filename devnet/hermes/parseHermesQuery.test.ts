import { describe, expect, it } from 'vitest'
import { priceFeedId } from '../../lib/feeds/priceFeeds'
import { parseHermesQuery } from './parseHermesQuery'

const BTC = priceFeedId('BTC')
const ETH = priceFeedId('ETH')
const knownIds = new Set([BTC, ETH])
const parse = (query: string) => parseHermesQuery({ search: new URLSearchParams(query), knownIds })

describe('parseHermesQuery', () => {
  it('applies Hermes’s defaults: hex, parsed, ordered, all updates', () => {
    expect(parse(`ids[]=${BTC.slice(2)}`)).toEqual({
      ok: true,
      query: { ids: [BTC], encoding: 'hex', parsed: true, allowUnordered: false, benchmarksOnly: false },
    })
  })

  it('reads repeated and percent-encoded ids[] (as URLSearchParams and Pyth’s client write them), once each, in order', () => {
    const search = new URLSearchParams()
    for (const id of [ETH, BTC.toUpperCase().replace('0X', '0x'), ETH]) search.append('ids[]', id)
    expect(search.toString()).toContain('ids%5B%5D=')
    const result = parseHermesQuery({ search, knownIds })
    expect(result.ok && result.query.ids).toEqual([ETH, BTC])
  })

  it('reads every option', () => {
    expect(parse(`ids[]=${BTC}&encoding=base64&parsed=false&allow_unordered=true&benchmarks_only=true&unknown=1`)).toEqual({
      ok: true,
      query: { ids: [BTC], encoding: 'base64', parsed: false, allowUnordered: true, benchmarksOnly: true },
    })
  })

  it('answers 404 for well-formed unknown ids unless told to ignore them', () => {
    const unknown = `0x${'ab'.repeat(32)}`
    expect(parse(`ids[]=${BTC}&ids[]=${unknown}`)).toEqual({ ok: false, status: 404, message: `Price ids not found: ${unknown}` })
    const ignored = parse(`ids[]=${BTC}&ids[]=${unknown}&ignore_invalid_price_ids=true`)
    expect(ignored.ok && ignored.query.ids).toEqual([BTC])
  })

  it.each([
    ['', 'missing field `ids[]`'],
    ['ids=abc', 'missing field `ids[]`'],
    [`ids[]=${BTC}00`, 'invalid price id'],
    [`ids[]=${BTC}&parsed=1`, 'parsed: provided string was not `true` or `false`'],
    [`ids[]=${BTC}&benchmarks_only=TRUE`, 'benchmarks_only'],
    [`ids[]=${BTC}&encoding=HEX`, 'unknown variant `HEX`'],
  ])('answers 400 for "%s"', (query, detail) => {
    const result = parse(query)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.status).toBe(400)
      expect(result.message).toMatch(/^Failed to deserialize query string: /)
      expect(result.message).toContain(detail)
    }
  })
})
