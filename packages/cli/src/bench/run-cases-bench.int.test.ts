import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers';

describe('pglite: ctip bench --suite cases', () => {
  it('generates cases, measures search, list, open and an all-or-nothing bulk import', async () => {
    const run = await runCli([
      'bench',
      '--suite',
      'cases',
      '--database-url',
      'pglite:memory',
      '--cases',
      '600',
      '--import-rows',
      '300',
      '--requests',
      '10',
      '--concurrency',
      '4',
    ]);
    expect(run.stderr).toMatch(/Generated 600 cases \(1200 name keys\)/);
    expect(run.stderr).toMatch(/bad-row file committed nothing: true/);
    expect(run.code, run.stderr).toBe(0);
    const [, , ...rows] = run.stdout.trim().split('\n');
    const cells = rows.map((r) => r.split('|').map((c) => c.trim()));
    expect(cells.map((c) => c[0])).toEqual([
      'search by code',
      'search by name (keyed hash)',
      'search by filters (status+nationality+form)',
      'list page 1 (country)',
      expect.stringMatching(/^list page \d+ \(country\)$/),
      'list page 1 (agency)',
      'open a case (getCase)',
      'bulk import 300 rows (rows/s; all-or-nothing ok)',
    ]);
    for (const [, n, p50] of cells.slice(0, 7)) {
      expect(Number(n)).toBe(10);
      expect(Number(p50)).toBeGreaterThan(0);
    }
  }, 180_000);
});
