import { expect, test, type Page } from '@playwright/test'
import { createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { devnetAddresses } from '../lib/chain/generated/addresses'
import { readEngineInputs } from '../lib/chain/readEngineInputs'
import { e2eRpcUrl, e2eServicesUrl } from './devnetPorts'

/**
 * The keyboard layer (issue 9) in a real browser on the demo devnet: the command palette
 * (Ctrl-K), the shortcut list (`?`), `g p` / `g t`, the "never while typing" rule, focus
 * restored on close, the watch-an-address prompt, and the portfolio's account switcher —
 * recently watched addresses, the demo wallet's identities and the isolated "subaccounts",
 * checked against the chain.
 */

const chain = createPublicClient({ chain: foundry, transport: http(e2eRpcUrl) })
const power = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65'

test.describe.configure({ mode: 'serial' })

/** Opens `path` on a freshly reset devnet and waits until the key handler is live. */
async function open(page: Page, path: string) {
  expect((await page.request.post(`${e2eServicesUrl}/demo/reset`, { data: {} })).ok()).toBe(true)
  await page.goto(path)
  await expect(page.getByTestId('command-palette-button')).toHaveAttribute('data-ready', 'true')
}

/** Lets a key handler and React's render run before checking that nothing appeared. */
const settle = (page: Page) => page.waitForTimeout(300)

test('Ctrl+K opens the palette; "portf" + Enter goes to the portfolio; focus stays inside; Esc returns focus', async ({ page }) => {
  await open(page, '/')
  const portfolioLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio', exact: true })
  await portfolioLink.focus()

  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await expect(palette).toHaveAttribute('aria-modal', 'true')
  const search = palette.getByRole('combobox', { name: 'Search commands' })
  await expect(search).toBeFocused()
  // Every built-in is listed with its shortcut.
  for (const [title, keys] of [
    ['Go to Trade', 'G then T'],
    ['Go to Portfolio', 'G then P'],
    ['Show keyboard shortcuts', '?'],
    ['Open command palette', 'Ctrl+K'],
  ]) {
    const option = palette.getByRole('option', { name: new RegExp(`^${title}`) })
    await expect(option).toBeVisible()
    await expect(option.getByRole('img', { name: keys, exact: true })).toBeVisible()
  }
  await expect(palette.getByRole('option', { name: /^Watch an address/ })).toBeVisible()

  // Tab cycles inside the dialog; the page behind is inert.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true)
  }
  expect(await page.evaluate(() => document.querySelector('main')?.closest('[inert]') !== null)).toBe(true)

  // Esc closes and focus goes back where it was.
  await page.keyboard.press('Escape')
  await expect(palette).toHaveCount(0)
  await expect(portfolioLink).toBeFocused()
  expect(await page.evaluate(() => document.querySelector('[inert]'))).toBeNull()

  // Arrow keys move the active option; typing filters and ranks.
  await page.keyboard.press('Control+k')
  await expect(search).toBeFocused()
  const selected = palette.locator('[role="option"][aria-selected="true"]')
  const first = await selected.textContent()
  await page.keyboard.press('ArrowDown')
  await expect(selected).not.toHaveText(first!)
  await expect(search).toHaveAttribute('aria-activedescendant', (await selected.getAttribute('id'))!)
  await search.pressSequentially('portf')
  await expect(palette.getByRole('option').first()).toHaveAttribute('data-command-id', 'go-portfolio')
  await expect(selected).toHaveAttribute('data-command-id', 'go-portfolio')
  await page.screenshot({ path: 'e2e/artifacts/keyboard-palette.png' })
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/portfolio$/)
  await expect(palette).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible()

  // The mouse works too: the header button opens it, a click runs a command.
  await page.getByTestId('command-palette-button').click()
  await palette.getByRole('option', { name: /^Go to Trade/ }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(palette).toHaveCount(0)
})

test('? lists every shortcut, grouped; Esc closes it and focus returns; g p and g t navigate', async ({ page }) => {
  await open(page, '/')
  const trade = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade', exact: true })
  await trade.focus()
  await page.keyboard.press('?')
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(list).toBeVisible()
  const navigation = list.getByRole('region', { name: 'Navigation' })
  await expect(navigation).toContainText('Go to Trade')
  await expect(navigation.getByRole('img', { name: 'G then T', exact: true })).toBeVisible()
  await expect(navigation.getByRole('img', { name: 'G then P', exact: true })).toBeVisible()
  const help = list.getByRole('region', { name: 'Help' })
  await expect(help.getByRole('img', { name: '?', exact: true })).toBeVisible()
  await expect(help.getByRole('img', { name: 'Ctrl+K', exact: true })).toBeVisible()
  await expect(list.getByRole('region', { name: 'In the command palette' })).toContainText('Close a dialog')
  await page.screenshot({ path: 'e2e/artifacts/keyboard-shortcuts.png' })
  await page.keyboard.press('Escape')
  await expect(list).toHaveCount(0)
  await expect(trade).toBeFocused()

  // Sequences, from anywhere that is not a text field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('g')
  await page.keyboard.press('p')
  await expect(page).toHaveURL(/\/portfolio$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible()
  await page.keyboard.press('g')
  await page.keyboard.press('t')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Real-time leverage' })).toBeAttached()
  // A modifier makes it someone else's shortcut.
  await page.keyboard.press('g')
  await page.keyboard.press('Alt+p')
  await settle(page)
  await expect(page).toHaveURL(/\/$/)
})

test('typing ? or g p in a text field types them; the watch prompt refuses a bad address and opens a good one read only', async ({ page }) => {
  await open(page, '/portfolio')
  const watchInput = page.locator('#watch-address')
  await watchInput.click()
  await watchInput.pressSequentially('?gp/')
  await settle(page)
  await expect(watchInput).toHaveValue('?gp/')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page).toHaveURL(/\/portfolio$/)
  // The same key outside the field does open the list (the handler was live all along).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  // Ctrl+K from the list switches to the palette.
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await expect(page.getByRole('dialog')).toHaveCount(1)

  await palette.getByRole('combobox').pressSequentially('watch')
  await page.keyboard.press('Enter')
  const prompt = palette.getByRole('textbox', { name: 'Address to watch, read only (0x…)' })
  await expect(prompt).toBeFocused()
  await prompt.pressSequentially('0x12?')
  await settle(page)
  await expect(prompt).toHaveValue('0x12?')
  await expect(page.getByRole('dialog')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(palette.getByRole('alert')).toHaveText('An address is 0x followed by 40 hexadecimal digits.')
  await expect(prompt).toHaveAttribute('aria-invalid', 'true')
  await prompt.fill(power)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`/portfolio?address=${power.toLowerCase()}`)
  await expect(page.getByTestId('watch-badge')).toHaveAttribute('data-address', power.toLowerCase())
})

test('the account switcher: recently watched addresses, back to the wallet, demo identities and isolated subaccounts as on chain', async ({ page }) => {
  await open(page, '/portfolio')
  const switcher = page.getByTestId('account-switcher')
  const button = switcher.getByRole('button', { name: /^Account:/ })
  await expect(button).toHaveAccessibleName(/^Account: Retail · 0x90F7…b906$/, { timeout: 30_000 })

  // Nothing watched yet.
  await button.click()
  const recent = switcher.getByRole('group', { name: 'Recently watched' })
  await expect(recent).toContainText('Addresses you watch appear here.')
  await page.keyboard.press('Escape')
  await expect(button).toBeFocused()

  // Watch the power user through the palette: the switcher remembers it.
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search commands' }).pressSequentially('watch an')
  await page.keyboard.press('Enter')
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('textbox', { name: /Address to watch/ }).fill(power)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`/portfolio?address=${power.toLowerCase()}`)
  await expect(button).toHaveAccessibleName('Account: Power user (seeded) · 0x15d3…6A65 (read only)')
  await button.click()
  const watched = recent.getByRole('menuitemradio', { name: /Power user \(seeded\)/ })
  await expect(watched).toHaveAttribute('aria-checked', 'true')
  await expect(watched).toContainText('0x15d3…6A65')
  await page.screenshot({ path: 'e2e/artifacts/keyboard-switcher.png' })

  // Back to the wallet: the address stays in the list, unchecked; choosing it watches it again.
  await switcher.getByRole('menuitemradio', { name: /^My wallet/ }).click()
  await expect(page).toHaveURL(/\/portfolio$/)
  await expect(page.getByTestId('watch-badge')).toHaveCount(0)
  await expect(button).toHaveAccessibleName(/^Account: Retail · 0x90F7…b906$/)
  await button.click()
  await expect(watched).toHaveAttribute('aria-checked', 'false')
  await watched.click()
  await expect(page).toHaveURL(`/portfolio?address=${power.toLowerCase()}`)
  // The list survives a reload (localStorage), and an entry can be removed.
  await page.reload()
  await expect(page.getByTestId('command-palette-button')).toHaveAttribute('data-ready', 'true')
  await button.click()
  await expect(watched).toBeVisible()
  await switcher.getByRole('menuitem', { name: 'Remove 0x15d3…6A65 from recently watched' }).click()
  await expect(watched).toHaveCount(0)
  await expect(recent).toContainText('Addresses you watch appear here.')
  await page.keyboard.press('Escape')

  // The palette offers the same switches: act as the power user through the demo wallet.
  await switcher.getByRole('button', { name: /^Account:/ }).click()
  await switcher.getByRole('group', { name: 'Demo wallet identities' }).getByRole('menuitemradio', { name: /^Power user/ }).click()
  await expect(page).toHaveURL(/\/portfolio$/)
  await expect(button).toHaveAccessibleName(/^Account: Power user · 0x15d3…6A65$/, { timeout: 30_000 })
  await expect(page.getByRole('meter', { name: 'Leverage' })).toHaveAttribute('data-confident', 'true', { timeout: 30_000 })

  // Its isolated positions, as the venue holds them, are listed as subaccounts.
  const inputs = await readEngineInputs(chain, devnetAddresses.marginVenue, power, await chain.getBlockNumber({ cacheTime: 0 }))
  expect(inputs.account.isolated.length).toBeGreaterThan(0)
  await button.click()
  const subaccounts = switcher.getByRole('group', { name: 'Isolated margin (subaccounts)' }).getByRole('menuitem')
  await expect(subaccounts).toHaveCount(inputs.account.isolated.length)
  for (const isolated of inputs.account.isolated) {
    const side = isolated.perp.size >= 0 ? 'long' : 'short'
    await expect(subaccounts.filter({ hasText: `isolated #${isolated.id}` })).toContainText(`${side} ${Math.abs(isolated.perp.size).toLocaleString('en-US', { maximumFractionDigits: 4 })} ${isolated.perp.underlying}`)
  }
  await page.screenshot({ path: 'e2e/artifacts/keyboard-switcher-power.png' })
  // Choosing one filters the positions workspace to it.
  const chosen = inputs.account.isolated[0]!
  await subaccounts.filter({ hasText: `isolated #${chosen.id}` }).click()
  const filter = page.locator('#positions-filter')
  await expect(filter).toHaveValue(`isolated #${chosen.id}`)
  await expect(filter).toBeFocused()
  const matching = inputs.account.isolated.filter((other) => `#${other.id}`.startsWith(`#${chosen.id}`)).length
  await expect(page.getByTestId('positions-count')).toHaveText(new RegExp(`^${matching} of \\d+ positions`))

  // The page's own commands: jump to a section, filter positions.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  // Every page command, with the accounts and the isolated position, as the palette lists them.
  await expect(palette.getByRole('option', { name: new RegExp(`^Show isolated #${chosen.id}`) })).toBeVisible()
  await expect(palette.getByRole('option', { name: /^Switch account → Retail \(demo wallet\)/ })).toBeVisible()
  await expect(palette.getByRole('option', { name: /^Export positions CSV/ })).toBeVisible()
  await page.screenshot({ path: 'e2e/artifacts/keyboard-palette-portfolio.png' })
  await palette.getByRole('combobox', { name: 'Search commands' }).pressSequentially('jump scen')
  await expect(palette.getByRole('option').first()).toHaveText(/^Jump to scenarios/)
  await page.keyboard.press('Enter')
  const heatmap = page.getByRole('region', { name: 'Scenario heatmap' })
  await expect(heatmap).toBeFocused()
  await expect(heatmap).toBeInViewport()
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search commands' }).pressSequentially('filter pos')
  await page.keyboard.press('Enter')
  await expect(filter).toBeFocused()
})
