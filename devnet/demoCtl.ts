/**
 * `npm run demo:ctl -- <command> …`: drives a running `npm run demo` from the command line
 * (issue 5). The grammar lives in controls/demoCtlRequest.ts and the rules in the server's
 * parseDemoControl; this shell only sends the request and reports the answer.
 */
import { demoCtlRequest, demoCtlUsage, DemoCtlUsageError, type DemoCtlRequest } from './controls/demoCtlRequest'

const devnetUrl = (process.env.MARGINFLOW_DEVNET_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')
/** Long enough for a reset (redeploy and reseed) on a busy machine; a hung devnet still ends. */
const answerTimeoutMs = 120_000

async function main(argv: readonly string[]): Promise<number> {
  let request: DemoCtlRequest
  try {
    request = demoCtlRequest(argv)
  } catch (error) {
    if (!(error instanceof DemoCtlUsageError)) throw error
    console.error(`demo:ctl: ${error.shortMessage}\nRun \`npm run demo:ctl -- --help\` for usage.`)
    return 2
  }
  if (request.kind === 'help') {
    console.log(demoCtlUsage)
    return 0
  }

  let response: Response
  try {
    response = await fetch(`${devnetUrl}${request.path}`, {
      method: request.method,
      ...(request.method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(answerTimeoutMs),
    })
  } catch (error) {
    console.error(unreachableMessage(error))
    return 1
  }

  const text = await response.text()
  const answer = parseJson(text)
  if (!response.ok) {
    console.error(`demo:ctl: ${refusalMessage(answer, text) || `${response.status} ${response.statusText}`}`)
    return 1
  }
  console.log(answer === undefined ? text : JSON.stringify(answer, null, 2))
  return 0
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The server's own words: `{ error: "…" }`, `{ error: { message } }` or `{ message }` in JSON, else the text. */
function refusalMessage(answer: unknown, text: string): string {
  if (typeof answer === 'object' && answer !== null) {
    const { error, message } = answer as { error?: unknown; message?: unknown }
    if (typeof error === 'string') return error
    if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message
    if (typeof message === 'string') return message
  }
  return text.trim()
}

function unreachableMessage(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `demo:ctl: the devnet at ${devnetUrl} did not answer within ${answerTimeoutMs / 1000} s`
  }
  const codes = networkErrorCodes(error)
  if (codes.includes('ECONNREFUSED')) return `no devnet at ${devnetUrl} — start it with npm run demo`
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)
  return `demo:ctl: could not reach the devnet at ${devnetUrl} (${cause}) — is npm run demo running?`
}

/** Node's fetch wraps the socket error in `cause`, an AggregateError when several addresses were tried. */
function networkErrorCodes(error: unknown): string[] {
  const cause = error instanceof Error ? error.cause : undefined
  const errors = cause instanceof AggregateError ? cause.errors : [cause]
  return errors.map((item) => (item as { code?: unknown } | undefined)?.code).filter((code): code is string => typeof code === 'string')
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)
