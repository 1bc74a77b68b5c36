/** How a column's cells line up. */
export type Align = 'left' | 'right';

/**
 * Render rows as a plain-text table with a header and a rule, columns padded to their widest cell.
 * ### Example
 * `formatTable(['op', 'n'], [['login', '20']], ['left', 'right'])` →
 * ```
 * op     | n
 * -------|---
 * login  | 20
 * ```
 * @param headers - column titles
 * @param rows - cells as strings, one array per row
 * @param align - per column; default left
 * @returns the table, ending with a newline
 */
export function formatTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) =>
    align[i] === 'right' ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => cell(c, i))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return `${[line(headers), rule, ...rows.map(line)].join('\n')}\n`;
}
