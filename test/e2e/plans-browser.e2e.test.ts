/**
 * Browser test of the plans module (M&E) in Debian's Chromium (playwright-core), against the real
 * node as `npm start` runs it (demo workplans and progress, SPA III and IV seeded). The Thai focal
 * point starts a half-year progress report, writes a narrative that saves by itself, and submits
 * it; the Secretariat finds it in the review queue and approves it (locked); then the Secretariat
 * builds the final evaluation of SPA III with Khmer beside English, watches the run's progress
 * and downloads the PDF. Screenshots go to CTIP_SCREENSHOT_DIR when it is set. Skipped when
 * Chromium is absent outside CI.
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

describe.skipIf(!hasChromium)('browser: plans module', () => {
  let node: RunningNode;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-plans-browser-'));

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // One signed-in page per user: a second sign-in would ask for the enrolled second factor.
  const pages = new Map<string, Promise<Page>>();
  const pageOf = (username: string): Promise<Page> => {
    let p = pages.get(username);
    if (!p) {
      p = (async () => {
        const page = await browser.newPage({
          viewport: { width: 1400, height: 1000 },
          locale: 'en-GB',
          timezoneId: 'UTC',
        });
        await loginInBrowser(page, node.url, username);
        return page;
      })();
      pages.set(username, p);
    }
    return p;
  };

  it('shows SPA III with its starred activities and SPA IV with its outcomes', async () => {
    const page = await pageOf('th.focal');
    await page.goto(`${node.url}/plans/frameworks/SPA3`);
    const tree = page.getByTestId('framework-tree');
    await tree.waitFor();
    await expect.poll(() => tree.textContent()).toContain('P&C 1');
    await expect.poll(() => tree.textContent()).toContain('★');
    await shot(page, 'plans-framework-spa3');
    await page.goto(`${node.url}/plans/frameworks/SPA4`);
    await expect
      .poll(() => page.getByTestId('framework-tree').textContent())
      .toContain('Victims of Trafficking are Identified');
  }, 120_000);

  it('autosaves a progress entry, submits it, and the Secretariat approves it', async () => {
    const page = await pageOf('th.focal');
    await page.goto(`${node.url}/plans/progress`);
    await page.getByRole('button', { name: 'Start a report' }).click();
    await page.getByRole('dialog').getByLabel('Workplan').click();
    await page.getByRole('option', { name: /2014/ }).first().click();
    await page.getByRole('dialog').getByLabel('Period').fill('2014H1');
    await page.getByTestId('start-report').click();
    await page.waitForURL(/\/plans\/progress\/[0-9a-f-]{36}$/);
    const reportUrl = page.url();

    const entry = page.locator('[data-testid^="entry-"]').first();
    await entry.waitFor();
    await entry
      .getByLabel('Narrative (English)')
      .fill('Two provincial trainings held with the labour inspectorate.');
    // Saved by itself after a pause, without pressing anything.
    await expect.poll(() => entry.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await shot(page, 'plans-progress-entry');
    await page.getByTestId('submit-report').click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 15_000 })
      .toContain('Submitted');

    const sec = await pageOf('secretariat');
    await sec.goto(`${node.url}/plans/review`);
    const link = sec.locator(`a[href="${new URL(reportUrl).pathname}"]`);
    await link.first().waitFor({ timeout: 15_000 });
    await shot(sec, 'plans-review-queue');
    await link.first().click();
    await sec.getByTestId('approve-report').click();
    await sec.getByTestId('review-confirm').click();
    await sec.getByTestId('lock-banner').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => sec.getByText('Two provincial trainings held').count())
      .toBeGreaterThan(0);
  }, 180_000);

  it('builds the final evaluation with Khmer beside English and downloads its PDF', async () => {
    const page = await pageOf('secretariat');
    await page.goto(`${node.url}/plans/reports`);
    await page.getByTestId('report-create').click();
    await page.getByTestId('builder-kind').getByText('Final evaluation').click();
    await page.getByTestId('builder-language').click();
    await page.getByRole('option', { name: /Khmer/ }).click();
    await page.getByTestId('builder-submit').click();
    await page.waitForURL(/\/plans\/reports\/[0-9a-f-]{36}$/);
    await page.getByTestId('report-generate').click();
    await page.getByTestId('run-outputs').waitFor({ timeout: 60_000 });
    await shot(page, 'plans-report-run');
    const pdfHref = await page
      .getByTestId('run-outputs')
      .locator('a[href$="/pdf"]')
      .first()
      .getAttribute('href');
    expect(pdfHref).toBeTruthy();
    const res = await page.request.get(new URL(pdfHref ?? '', node.url).toString());
    expect(res.status()).toBe(200);
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.length).toBeGreaterThan(50_000);
  }, 180_000);
});
