/**
 * Browser test of the statistics module in Debian's Chromium (playwright-core), against the real
 * node as `npm start` runs it (demo data: the seeds' published figures, approved at demo seeding).
 * The Secretariat opens the regional overview (chart, GMS flow map, tables) on the regional source;
 * the Thai focal point enters a justice figure with the keyboard and sees it saved. Screenshots go
 * to CTIP_SCREENSHOT_DIR when it is set. Skipped when Chromium is absent outside CI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNode, startNode } from './node-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs Debian's chromium package`);
}
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS = process.env.CTIP_SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }
}

/** Log in with the demo password, enrolling the second factor when the role requires one. */
async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('mekong-demo-2026');
  await page.getByTestId('login-submit').click();
  const enrol = page.getByTestId('mfa-secret');
  const menu = page.getByTestId('user-menu');
  await Promise.race([enrol.waitFor(), menu.waitFor()]);
  if (await enrol.isVisible()) {
    const secret = (await enrol.textContent())?.trim() ?? '';
    const code = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    }).generate();
    await page.getByTestId('mfa-code').fill(code);
    await page.getByTestId('mfa-submit').click();
    await menu.waitFor();
  }
}

describe.skipIf(!hasChromium)('browser: statistics module', () => {
  let node: RunningNode;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-stats-browser-'));

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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
    await login(page, node.url, 'secretariat');
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
    await login(page, node.url, 'th.focal');
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
