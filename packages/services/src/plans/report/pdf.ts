import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHROMIUM_PATH, warmPdfBrowser } from '../../referrals/rights-pdf';

// The report's PDF: the HTML paginated by Paged.js inside Debian's Chromium (JavaScript on for
// the polyfill only, network off: the HTML is self-contained), then printed. Paged.js gives the
// running footer with page numbers and fills the contents' page numbers (target-counter).

let polyfill: string | null = null;

/** The Paged.js polyfill source (node_modules/pagedjs/dist/paged.polyfill.js), read once. */
function pagedPolyfill(): string {
  if (polyfill === null) {
    const require = createRequire(import.meta.url);
    // The package's exports hide its files: resolve the CommonJS entry (lib/) and go up.
    const entry = require.resolve('pagedjs');
    polyfill = readFileSync(join(dirname(entry), '..', 'dist', 'paged.polyfill.js'), 'utf8');
  }
  return polyfill;
}

/**
 * Paginate with Paged.js and print to an A4 PDF.
 * @returns the PDF and the number of pages Paged.js laid out
 * @throws Error when Chromium cannot start or pagination fails
 */
export async function renderPagedPdf(
  html: string,
  options: { executablePath?: string; timeoutMs?: number } = {},
): Promise<{ pdf: Buffer; pageCount: number }> {
  const b = await warmPdfBrowser(options.executablePath ?? CHROMIUM_PATH);
  const context = await b.newContext({ javaScriptEnabled: true, offline: true });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 60_000);
    // Paged.js must not start on its own before the content is in: set auto off first.
    const withConfig = html.replace(
      '<head>',
      '<head><script>window.PagedConfig = { auto: false };</script>',
    );
    await page.setContent(withConfig, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.addScriptTag({ content: pagedPolyfill() });
    const pageCount = (await page.evaluate(
      'window.PagedPolyfill.preview().then((flow) => flow.total)',
    )) as number;
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    return { pdf, pageCount };
  } finally {
    await context.close();
  }
}
