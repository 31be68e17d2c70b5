/**
 * The devnet venue's market ids by symbol, in listing order (devnet/deploy.ts lists BTC, ETH,
 * SOL). Checked against the venue's `getMarkets()` in venueWrites.test.ts.
 */
export const devnetMarketIds: Readonly<Record<string, bigint>> = { BTC: 0n, ETH: 1n, SOL: 2n }
