import { demoIdentityLabels, seededDemoAddresses } from '@/lib/chain/wallet/demoIdentities'

/**
 * What the switcher calls an account it has no name for from a wallet: the seeded demo traders
 * by their role ("Power user (seeded)"), any other address "Watched address".
 *
 * @example
 * accountLabel('0x15d34aaf54267db7d7c367839aaf71a00a2c6a65') // 'Power user (seeded)'
 */
export function accountLabel(address: string): string {
  const lower = address.toLowerCase()
  for (const [identity, seeded] of Object.entries(seededDemoAddresses) as [keyof typeof seededDemoAddresses, string][]) {
    if (seeded.toLowerCase() === lower) return `${demoIdentityLabels[identity]} (seeded)`
  }
  return 'Watched address'
}
