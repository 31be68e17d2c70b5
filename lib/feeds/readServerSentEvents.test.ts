import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readServerSentEvents, type ServerSentEvent } from './readServerSentEvents'

function bodyOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++]
      if (chunk === undefined) controller.close()
      else controller.enqueue(chunk)
    },
  })
}

async function read(chunks: readonly Uint8Array[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = []
  for await (const event of readServerSentEvents({ body: bodyOf(chunks) })) events.push(event)
  return events
}

const encode = (text: string) => new TextEncoder().encode(text)

/** Cuts `bytes` at the given offsets (anywhere, even inside a multi-byte character or a CRLF). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(start, point))
    start = point
  }
  return chunks
}

describe('readServerSentEvents', () => {
  // The examples of the WHATWG HTML Standard, §9.2.6 "Interpreting an event stream".
  it('joins data lines with LF (spec example: YHOO +2 10)', async () => {
    expect(await read([encode('data: YHOO\ndata: +2\ndata: 10\n\n')])).toEqual([{ event: 'message', data: 'YHOO\n+2\n10', lastEventId: '' }])
  })

  it('ignores comments, keeps the last event id, and types events (spec example: first event / second event)', async () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n'
    expect(await read([encode(stream)])).toEqual([
      { event: 'message', data: 'first event', lastEventId: '1' },
      { event: 'message', data: 'second event', lastEventId: '' },
      { event: 'message', data: ' third event', lastEventId: '' },
    ])
  })

  it('dispatches an empty data field, and discards an unterminated last event (spec example: data / data data / data:)', async () => {
    expect(await read([encode('data\n\ndata\ndata\n\ndata:')])).toEqual([
      { event: 'message', data: '', lastEventId: '' },
      { event: 'message', data: '\n', lastEventId: '' },
    ])
  })

  it('reads "data:test" and "data: test" alike (spec example)', async () => {
    expect((await read([encode('data:test\n\ndata: test\n\n')])).map((event) => event.data)).toEqual(['test', 'test'])
  })

  it('reads Hermes’s error event and its keep-alive comments', async () => {
    const stream = ':\n\nevent: error\ndata: Connection timeout reached (24h)\n\n'
    expect(await read([encode(stream)])).toEqual([{ event: 'error', data: 'Connection timeout reached (24h)', lastEventId: '' }])
  })

  it('drops a leading BOM and accepts CR and CRLF line ends', async () => {
    expect(await read([encode('\uFEFFdata: a\r\n\r\ndata: b\r\rdata: c\n\n')]).then((events) => events.map((event) => event.data))).toEqual(['a', 'b', 'c'])
  })

  it('yields the same events however the bytes are cut into chunks', async () => {
    const stream = encode('\uFEFF: hi\r\nevent: error\r\ndata: é → ✓\r\n\r\ndata: {"a":1}\rdata: 2\r\r:\n\nid: 9\ndata: x\n\ndata: tail')
    const expected = await read([stream])
    expect(expected.map((event) => event.data)).toEqual(['é → ✓', '{"a":1}\n2', 'x'])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await read(split(stream, cuts))).toEqual(expected)
      }),
      { numRuns: 10_000 },
    )
  })

  it('reports every chunk, comments included, and cancels the body when the reader stops early', async () => {
    let chunks = 0
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encode(':\n\n'))
        controller.enqueue(encode('data: one\n\n'))
        controller.enqueue(encode('data: two\n\n'))
      },
      cancel() {
        cancelled = true
      },
    })
    for await (const event of readServerSentEvents({ body, onChunk: () => (chunks += 1) })) {
      expect(event.data).toBe('one')
      break
    }
    expect(chunks).toBe(2)
    expect(cancelled).toBe(true)
  })
})
