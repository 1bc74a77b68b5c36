import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers';

describe('pglite: ctip bench', () => {
  it('runs a tiny benchmark over HTTP and prints every operation with figures', async () => {
    const run = await runCli([
      'bench',
      '--database-url',
      'pglite:memory',
      '--users',
      '50',
      '--requests',
      '20',
      '--concurrency',
      '5',
    ]);
    expect(run.stderr).toMatch(/Database: PGlite \(in memory\)/);
    expect(run.stderr).toMatch(/generated 50 users in 6 agencies/);
    expect(run.code).toBe(0);
    const [header, rule, ...rows] = run.stdout.trim().split('\n');
    expect(header?.split('|').map((c) => c.trim())).toEqual([
      'operation',
      'n',
      'p50 ms',
      'p95 ms',
      'throughput/s',
    ]);
    expect(rule).toMatch(/^[-|]+$/);
    const cells = rows.map((r) => r.split('|').map((c) => c.trim()));
    expect(cells.map((c) => c[0])).toEqual([
      'POST /api/auth/login',
      'GET /api/users?page=k&pageSize=50',
      'GET /api/users?q=…',
      'GET /api/audit?pageSize=50',
    ]);
    for (const [, n, p50, p95, throughput] of cells) {
      expect(Number(n)).toBe(20);
      expect(Number(p50)).toBeGreaterThan(0);
      expect(Number(p95)).toBeGreaterThanOrEqual(Number(p50));
      expect(Number(throughput)).toBeGreaterThan(0);
    }
  }, 120_000);
});
