/** One dispatched server-sent event. */
export type ServerSentEvent = {
  /** The `event:` field; `message` when the server sent none (Hermes's price messages). */
  event: string
  /** The `data:` lines joined with `\n`. */
  data: string
  /** The last `id:` seen on the stream (the spec's "last event ID"), `''` if none. */
  lastEventId: string
}

export type ReadServerSentEventsParameters = {
  /** A `text/event-stream` response body. */
  body: ReadableStream<Uint8Array>
  /** Called for every chunk received, comments and keep-alives included (a liveness signal). */
  onChunk?: () => void
}

/**
 * Reads a `text/event-stream` body as events, following the WHATWG HTML Standard's "event
 * stream interpretation" (§9.2.6): UTF-8, an initial BOM dropped, lines ended by CRLF, LF or CR
 * (also when a CR and its LF arrive in different chunks), `:` comments ignored, one optional
 * space after the colon removed, `data` lines joined with LF, an event dispatched at a blank
 * line when it has data, an unterminated event at the end of the stream discarded. `retry:` is
 * ignored (the caller owns its reconnection policy).
 *
 * Uses only `ReadableStream` and `TextDecoder`, so it runs in a Web Worker as well as in Node.
 * Leaving the loop early cancels the body (which closes the connection).
 *
 * @example
 * for await (const message of readServerSentEvents({ body: response.body })) {
 *   if (message.event === 'error') console.warn(message.data)
 *   else handle(JSON.parse(message.data))
 * }
 */
export async function* readServerSentEvents({ body, onChunk }: ReadServerSentEventsParameters): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader()
  const decoder = new TextDecoder('utf-8')
  let buffer = ''
  let atStart = true
  let skipLineFeed = false
  let eventType = ''
  let data: string[] = []
  let lastEventId = ''

  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      onChunk?.()
      buffer += decoder.decode(value, { stream: true })
      if (atStart && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1)
        atStart = false
      }

      let start = 0
      for (let index = 0; index < buffer.length; index++) {
        const code = buffer.charCodeAt(index)
        if (skipLineFeed) {
          skipLineFeed = false
          if (code === 0x0a) {
            start = index + 1
            continue
          }
        }
        if (code !== 0x0a && code !== 0x0d) continue
        const line = buffer.slice(start, index)
        start = index + 1
        // A CR may be the first half of a CRLF whose LF is in the next chunk.
        if (code === 0x0d) skipLineFeed = true

        if (line === '') {
          if (data.length > 0) yield { event: eventType === '' ? 'message' : eventType, data: data.join('\n'), lastEventId }
          eventType = ''
          data = []
          continue
        }
        if (line.charCodeAt(0) === 0x3a) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        let fieldValue = colon === -1 ? '' : line.slice(colon + 1)
        if (fieldValue.charCodeAt(0) === 0x20) fieldValue = fieldValue.slice(1)
        if (field === 'event') eventType = fieldValue
        else if (field === 'data') data.push(fieldValue)
        else if (field === 'id' && !fieldValue.includes('\u0000')) lastEventId = fieldValue
      }
      buffer = buffer.slice(start)
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}
