import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium; PDFs need it, the HTML fallback does not. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser: Promise<Browser> | null = null;

/** Whether PDFs can be rendered here (Chromium installed). */
export function canRenderPdf(executablePath = CHROMIUM_PATH): boolean {
  return existsSync(executablePath);
}

/** The warm browser, launched on first use and relaunched if it went away. */
async function warmBrowser(executablePath: string): Promise<Browser> {
  if (browser) {
    const b = await browser.catch(() => null);
    if (b?.isConnected()) {
      return b;
    }
  }
  const { chromium } = await import('playwright-core');
  browser = chromium.launch({ executablePath, args: LAUNCH_ARGS });
  browser.catch(() => {
    browser = null;
  });
  return browser;
}

/** The same warm browser for other renderers (the plans report paginates with Paged.js). */
export function warmPdfBrowser(executablePath = CHROMIUM_PATH): Promise<Browser> {
  return warmBrowser(executablePath);
}

/**
 * Render print-ready HTML to an A4 PDF with one warm Chromium (a fresh page per document, with
 * JavaScript and network off: the HTML is self-contained).
 * @throws Error when Chromium cannot start
 */
export async function renderPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Buffer> {
  const b = await warmBrowser(executablePath);
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Fonts are local (fontconfig): wait until the page's fonts have loaded before printing.
    await page.evaluate('document.fonts.ready.then(() => true)').catch(() => undefined);
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
  }
}

/** Close the warm browser (call on app close; the lead wires it to Fastify's onClose). */
export async function closePdfRenderer(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) {
    const instance = await b.catch(() => null);
    await instance?.close().catch(() => undefined);
  }
}
