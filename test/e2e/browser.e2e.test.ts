/**
 * The browser test: Debian's Chromium (never a downloaded browser) through playwright-core, against the
 * real node started as `npm start` starts it. Logs in, switches to Thai and to Buddhist-Era dates, logs out.
 * Skipped when Chromium is absent outside CI; in CI (CI=true) its absence fails the run.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNode, startNode } from './node-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(import.meta.dirname, '..', '..');
const WEB_DIST = join(ROOT, 'packages', 'web', 'dist');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs Debian's chromium package`);
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A string of the Thai catalogue, to see that the page really switched language. */
function thaiText(key: string): string {
  const th = JSON.parse(readFileSync(join(ROOT, 'packages/web/src/i18n/locales/th.json'), 'utf8'));
  const value = key
    .split('.')
    .reduce((node: Record<string, unknown>, part) => node[part] as Record<string, unknown>, th);
  return String(value);
}

describe.skipIf(!hasChromium)('browser: log in, Thai, Buddhist Era, log out', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'ctip-browser-'));

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      throw new Error('packages/web/dist is missing: `npm test` builds it first (npm run build)');
    }
    node = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ locale: 'en-GB', timezoneId: 'UTC' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks through the shell as an administrator', async () => {
    // First, the administrator logs in with the demo password.
    await page.goto(node.url);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('mekong-demo-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(1);

    // Then switches the interface to Thai: the document language and the navigation change.
    await page.getByTestId('language-select').selectOption('th');
    // (A locator, not waitForFunction: the app's CSP forbids the eval that a string predicate needs.)
    await page.locator('html[lang="th"]').waitFor({ state: 'attached' });
    await expect
      .poll(() => page.getByTestId('nav-users').textContent())
      .toBe(thaiText('nav.users'));

    // Then chooses Buddhist-Era dates in the profile: the last login shows a B.E. year.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('profile-link').click();
    await page.getByTestId('calendar-select').selectOption('buddhist');
    await page.getByTestId('profile-save').click();
    await page.goto(`${node.url}/`);
    const beYear = String(new Date().getUTCFullYear() + 543);
    await expect
      .poll(() => page.getByTestId('last-login').textContent(), { timeout: 10_000 })
      .toContain(beYear);

    // Finally logs out: the login form is back and the session no longer works.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    const session = await page.request.get(`${node.url}/api/auth/session`);
    expect(session.status()).toBe(401);
  }, 120_000);
});
