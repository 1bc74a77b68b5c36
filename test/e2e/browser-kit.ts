/**
 * Shared parts of the browser tests: Debian's Chromium (never a downloaded browser) and the demo
 * login, enrolling the second factor when the role requires one.
 */
import { existsSync } from 'node:fs';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs Debian's chromium package`);
}

/** Flags for a headless Chromium on a machine with no network beyond loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The current TOTP code of a base32 secret. */
export function totp(secret: string): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).generate();
}

/**
 * Log in with the demo password; when the role requires a second factor, enrol it.
 * @returns the enrolled TOTP secret, or null when none was asked for
 */
export async function loginInBrowser(
  page: Page,
  url: string,
  username: string,
): Promise<string | null> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('mekong-demo-2026');
  await page.getByTestId('login-submit').click();
  const enrol = page.getByTestId('mfa-secret');
  const menu = page.getByTestId('user-menu');
  await Promise.race([enrol.waitFor(), menu.waitFor()]);
  if (!(await enrol.isVisible())) {
    return null;
  }
  const secret = (await enrol.textContent())?.trim() ?? '';
  await page.getByTestId('mfa-code').fill(totp(secret));
  await page.getByTestId('mfa-submit').click();
  await menu.waitFor();
  return secret;
}
