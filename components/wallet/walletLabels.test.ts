import { UserRejectedRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import type { Connector } from 'wagmi'
import { seededDemoAddresses } from '@/lib/chain/wallet/demoIdentities'
import { DemoWalletChainError } from '@/lib/chain/wallet/demoWalletErrors'
import { connectionLabel, connectorLabel, connectorsToOffer, demoIdentityOf, describeFunding, describeWalletError, safeWalletIcon, shortAddress } from './walletLabels'

const connector = (id: string, type: string, name: string) => ({ id, type, name, uid: id }) as unknown as Connector
const demo = connector('demoWallet', 'demoWallet', 'Demo wallet')
const generic = connector('injected', 'injected', 'Injected')
const metaMask = connector('io.metamask', 'injected', 'MetaMask')
const rabby = connector('io.rabby', 'injected', 'Rabby Wallet')

describe('wallet labels', () => {
  it('shortens addresses to four hex digits each side', () => {
    expect(shortAddress(seededDemoAddresses.retail)).toBe('0x90F7…b906')
  })

  it('names the demo identity of an address; any other demo address is the burner', () => {
    expect(demoIdentityOf(seededDemoAddresses.retail)).toBe('retail')
    expect(demoIdentityOf(seededDemoAddresses.powerUser.toLowerCase() as `0x${string}`)).toBe('powerUser')
    expect(demoIdentityOf('0x2fC90BFe57f14D63C797fe32ED8E1b40594B9561')).toBe('burner')
    expect(connectionLabel(demo, seededDemoAddresses.powerUser)).toBe('Power user · 0x15d3…6A65')
    expect(connectionLabel(metaMask, seededDemoAddresses.retail)).toBe('MetaMask · 0x90F7…b906')
  })

  it('offers the demo wallet, then announced wallets; the generic injected one only for a window.ethereum that did not announce itself', () => {
    const withEthereum = { hasWindowEthereum: true }
    expect(connectorsToOffer([demo, generic, metaMask, rabby], withEthereum).map((c) => c.id)).toEqual(['demoWallet', 'io.metamask', 'io.rabby'])
    expect(connectorsToOffer([demo, generic], withEthereum).map((c) => c.id)).toEqual(['demoWallet', 'injected'])
    expect(connectorsToOffer([demo, generic], { hasWindowEthereum: false }).map((c) => c.id)).toEqual(['demoWallet'])
    expect(connectorsToOffer([generic], withEthereum).map(connectorLabel)).toEqual(['Browser wallet'])
    expect(connectorLabel(demo)).toBe('Demo wallet (devnet)')
  })

  it('renders only data: URI images as wallet icons', () => {
    expect(safeWalletIcon('data:image/svg+xml;base64,PHN2Zy8+')).toBe('data:image/svg+xml;base64,PHN2Zy8+')
    expect(safeWalletIcon('https://evil.example/icon.svg')).toBeNull()
    expect(safeWalletIcon('javascript:alert(1)')).toBeNull()
    expect(safeWalletIcon(undefined)).toBeNull()
  })

  it('describes what the faucet sent, with units', () => {
    expect(describeFunding({ sent: { usdc: 100_000, weth: 10, wstEth: 10, eth: 10 } })).toBe('100,000 USDC, 10 WETH, 10 wstETH and 10 ETH')
    expect(describeFunding({ sent: { usdc: 0, weth: 0, wstEth: 0, eth: 2.5 } })).toBe('2.5 ETH')
  })

  it('describes wallet failures in one sentence', () => {
    expect(describeWalletError(new UserRejectedRequestError(new Error('denied')))).toBe('You rejected the request in your wallet.')
    const refused = new DemoWalletChainError({ chainId: 1, devnetChainId: 31337, code: 4901, reason: 'the transaction is for chain 1' })
    expect(describeWalletError(new Error('wrapped', { cause: refused }))).toBe('The demo wallet signs only for the devnet (chain 31337): the transaction is for chain 1.')
    expect(describeWalletError(Object.assign(new Error('Provider not found.'), { name: 'ProviderNotFoundError' }))).toBe('No browser wallet found: install one, or use the demo wallet.')
    expect(describeWalletError(new Error('first line\nsecond line'))).toBe('first line')
  })
})
