/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Structured fields of a log line (JSON-serialisable; bigints are written as strings). */
export type LogFields = Record<string, unknown>

export type Logger = {
  [level in LogLevel]: (message: string, fields?: LogFields) => void
}

export type CreateLoggerParameters = {
  /** Name of the service, written as `service` on every line (e.g. `hermes`). */
  service: string
  /** Lines below this level are dropped; `info` when omitted. */
  level?: LogLevel
  /** Where a finished line goes; one JSON object per line on stdout (stderr for warn and error) when omitted. */
  write?: (line: string, level: LogLevel) => void
}

/**
 * A structured logger: one JSON object per line, `{ time, level, service, msg, ...fields }`,
 * so `npm run demo` output can be read by people and filtered by tools (`jq 'select(.level=="warn")'`).
 *
 * @example
 * const log = createLogger({ service: 'hermes', level: 'debug' })
 * log.info('listening', { url: 'http://127.0.0.1:8787' })
 * // {"time":"2026-…Z","level":"info","service":"hermes","msg":"listening","url":"http://127.0.0.1:8787"}
 */
export function createLogger({ service, level = 'info', write = writeToConsole }: CreateLoggerParameters): Logger {
  const threshold = levels.indexOf(level)
  const log = (lineLevel: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (levels.indexOf(lineLevel) < threshold) return
    const line = JSON.stringify({ time: new Date().toISOString(), level: lineLevel, service, msg: message, ...fields }, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    )
    write(line, lineLevel)
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

function writeToConsole(line: string, level: LogLevel) {
  if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}
