/**
 * Client-side CSV of what a chart or table shows. Quoted where needed, CRLF line ends and a byte
 * order mark so spreadsheet programs read Khmer, Lao, Burmese, Thai and Chinese text as UTF-8.
 * ### Example
 * `toCsv([['a', 'b,c'], ['1', '2']])` → `\uFEFFa,"b,c"\r\n1,2\r\n`
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Hand a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hand a URL (a data: or blob: URL) to the browser as a download. */
export function saveUrl(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

/** A file name safe on every system: lower-case ASCII words joined by dashes. */
export function fileStem(...parts: readonly string[]): string {
  return (
    parts
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'statistics'
  );
}
