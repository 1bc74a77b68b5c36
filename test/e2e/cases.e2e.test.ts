/**
 * Browser test of the cases module in Debian's Chromium (playwright-core), against the real node as
 * `npm start` runs it: a case worker enrols a second factor, opens a case, is offered the duplicate
 * when opening the same person again, and the screening form fits a phone. Skipped when Chromium is
 * absent outside CI; in CI its absence fails the run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

function totp(secret: string): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).generate();
}

/** Log in with the demo password and enrol the second factor the role requires. */
async function loginEnrolling(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('mekong-demo-2026');
  await page.getByTestId('login-submit').click();
  const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+$/);
  await page.getByTestId('mfa-code').fill(totp(secret));
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

describe.skipIf(!hasChromium)('browser: cases module', () => {
  let node: RunningNode;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-cases-browser-'));

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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
