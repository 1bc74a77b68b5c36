/**
 * Browser test of the cases module in Debian's Chromium (playwright-core), against the real node as
 * `npm start` runs it: a case worker enrols a second factor, opens a case, is offered the duplicate
 * when opening the same person again, and the screening form fits a phone. Skipped when Chromium is
 * absent outside CI; in CI its absence fails the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, loginInBrowser } from './browser-kit';
import { type RunningNode, startNode } from './node-process';

/** Log in with the demo password and enrol the second factor the role requires. */
async function loginEnrolling(page: Page, url: string, username: string): Promise<void> {
  const secret = await loginInBrowser(page, url, username);
  expect(secret).toMatch(/^[A-Z2-7]+$/);
}

describe.skipIf(!hasChromium)('browser: cases module', () => {
  let node: RunningNode;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-cases-browser-'));

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a case, then proposes it as a duplicate of the same person', async () => {
    const page = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC' });
    // First, the case worker logs in and sets up the authenticator the role requires.
    await loginEnrolling(page, node.url, 'th.caseworker');

    // Then opens a case for a person found at a port inspection.
    await page.goto(`${node.url}/cases/new`);
    await page.getByLabel('Given name').fill('Nguyễn Thị');
    await page.getByLabel('Family name').fill('Hoa');
    await page.getByLabel('Date of birth').fill('2001-04-17');
    await page.getByTestId('case-create-submit').click();
    await page.getByTestId('case-header').waitFor();
    const code = (await page.locator('h1, h2').first().textContent()) ?? '';
    expect(code).toMatch(/TH-\d{4}-\d{6}/);
    const caseCode = code.match(/TH-\d{4}-\d{6}/)?.[0] ?? '';
    // The URL carries the case id, never the name.
    expect(page.url()).not.toContain('Hoa');

    // Opening the same person again, spelled without diacritics, proposes the first case.
    await page.goto(`${node.url}/cases/new`);
    await page.getByLabel('Given name').fill('Nguyen Thi');
    await page.getByLabel('Family name').fill('Hoa');
    await page.getByLabel('Date of birth').fill('2001-04-17');
    await page.getByTestId('case-create-submit').click();
    const duplicates = page.getByTestId('case-duplicates');
    await duplicates.waitFor();
    expect(await duplicates.textContent()).toContain(caseCode);
    // What the user typed is still there.
    expect(await page.getByLabel('Given name').inputValue()).toBe('Nguyen Thi');

    // The case list shows the code, not the name.
    await page.goto(`${node.url}/cases`);
    await page.getByText(caseCode).first().waitFor();
    expect(await page.content()).not.toContain('Hoa');
    await page.close();
  }, 120_000);

  it('fits the screening form on a phone-sized screen', async () => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 740 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await loginEnrolling(page, node.url, 'th.police');
    await page.goto(`${node.url}/screenings/new`);
    await page.getByTestId('screening-assessment').waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);
});
