import type { AccountSnapshot } from '@/lib/engine/protocol'

/**
 * The account as the what-if book would be: the same snapshot with the hypothetical figures in
 * place of the real ones, so every panel renders it unchanged. Its `risk` is `null` (panels say
 * they cannot compute) when the changes do not apply; a snapshot without what-if is returned as is.
 */
export function hypotheticalView(account: AccountSnapshot): AccountSnapshot {
  const whatIf = account.whatIf
  if (whatIf === null) return account
  return { ...account, risk: whatIf.risk, error: whatIf.error }
}
