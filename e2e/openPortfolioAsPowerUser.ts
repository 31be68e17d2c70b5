import { expect, type Page } from '@playwright/test'
import { e2eServicesUrl } from './devnetPorts'

/**
 * /portfolio (or `path`) as the seeded power user on a freshly reset devnet, with no what-if plan
 * left from an earlier test (the plan lives in localStorage), once its figures are live.
 */
export async function openPortfolioAsPowerUser(page: Page, path = '/portfolio') {
  expect((await page.request.post(`${e2eServicesUrl}/demo/reset`, { data: {} })).ok()).toBe(true)
  await page.goto(path)
  await page.evaluate(() => localStorage.removeItem('marginflow.whatIf'))
  await page.reload()
  await page.getByRole('button', { name: /^Wallet:/ }).click({ timeout: 30_000 })
  await page.getByRole('menuitemradio', { name: /Power user/ }).click()
  await expect(page.getByRole('meter', { name: 'Leverage' })).toHaveAttribute('data-confident', 'true', { timeout: 30_000 })
}
