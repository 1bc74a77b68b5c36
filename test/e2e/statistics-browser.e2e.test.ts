/**
 * Browser test of the statistics module in Debian's Chromium (playwright-core), against the real
 * node as `npm start` runs it (demo data: the seeds' published figures, approved at demo seeding).
 * The Secretariat opens the regional overview (chart, GMS flow map, tables) on the regional source;
 * the Thai focal point enters a justice figure with the keyboard and sees it saved. Screenshots go
 * to CTIP_SCREENSHOT_DIR when it is set. Skipped when Chromium is absent outside CI.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, loginInBrowser } from './browser-kit';
import { type RunningNode, startNode } from './node-process';

const SHOTS = process.env.CTIP_SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }
}

describe.skipIf(!hasChromium)('browser: statistics module', () => {
  let node: RunningNode;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-stats-browser-'));

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the regional overview with the map and the pushed figures', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await loginInBrowser(page, node.url, 'secretariat');
    await page.goto(`${node.url}/statistics`);
    await page.getByTestId('chart-identified').waitFor();
    await page.getByText('Regional (approved, pushed)').click();
    const table = page.getByTestId('stat-table').first();
    // Cambodia's 2012 figure of S002 Table 1, approved at demo seeding and published.
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain('466');
    // Only COMMIT countries push: Japan's list (in the national store) is not in the regional view.
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).not.toContain('Japan');
    await page.getByTestId('flow-map').waitFor();
    await page.getByTestId('china-note').waitFor();
    await shot(page, 'regional-overview');
    await page.close();
  }, 120_000);

  it('lets the Thai focal point enter a figure with the keyboard', async () => {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await loginInBrowser(page, node.url, 'th.focal');
    // The country dashboard and a pivot table first (screenshots for the record).
    await page.goto(`${node.url}/statistics/country/TH`);
    await page.getByTestId('chart-country-sex').waitFor();
    await shot(page, 'country-dashboard-th');
    await page.goto(`${node.url}/statistics/pivot`);
    await page.getByRole('button', { name: 'Show table' }).click();
    await page.getByTestId('pivot-result').waitFor();
    await page.getByTestId('suppression-legend').first().waitFor();
    await shot(page, 'pivot');
    await page.goto(`${node.url}/statistics/entry?dataSet=JUSTICE&country=TH&period=2023`);
    const grid = page.getByTestId('entry-grid');
    await grid.waitFor();
    const first = grid.locator('input[data-entry-index="0"]');
    await first.fill('12');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.getByTestId('save-state').first().textContent(), { timeout: 20_000 })
      .toMatch(/saved/i);
    await shot(page, 'data-entry');
    // Reloaded, the figure is the server's.
    await page.reload();
    await grid.waitFor();
    await expect.poll(() => first.inputValue()).toBe('12');
    await page.close();
  }, 120_000);
});
