import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type DbTarget, migrateToLatest, seedReferenceData } from '@ctip/db';
import { buildApp, loadTestConfig, SESSION_COOKIE } from '@ctip/server';
import { DEMO_PASSWORD, seedDemoData } from '@ctip/services';
import { type Output, writeLine } from '../context';
import { startProgress } from '../progress';
import { benchSearchTerm, generateBenchData } from './generate';
import { type OperationResult, runOperation } from './load';
import { openScratchDb } from './scratch-db';

/** Benchmark settings. */
export type BenchOptions = {
  /** Engine and server; PGlite always runs in memory, PostgreSQL in a scratch database. */
  target: DbTarget;
  users: number;
  concurrency: number;
  /** Requests measured per operation (fewer if the time limit comes first). */
  requests: number;
  /** Time limit per operation. */
  maxSecondsPerOperation: number;
};

/** Everything a run measured. */
export type BenchReport = {
  database: string;
  node: string;
  cpus: number;
  users: number;
  concurrency: number;
  /** Setup phases, in milliseconds. */
  setupMs: { migrateAndSeed: number; generate: number };
  results: OperationResult[];
};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/** Log in as the demo administrator; returns the session cookie. */
async function adminCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  const info = (await res.json()) as { stage?: string };
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!res.ok || !cookie || info.stage !== 'complete') {
    throw new Error(`admin login failed: ${res.status} ${JSON.stringify(info)}`);
  }
  return cookie.split(';')[0] as string;
}

/**
 * Run the benchmark: a fresh database (migrated, reference and demo data, `users` generated users),
 * the real server in-process on an ephemeral loopback port, and four operations over real HTTP.
 * Always cleans up (server closed, scratch database dropped).
 * @param options - size and load
 * @param log - where progress and phase messages go (stderr)
 */
export async function runBench(options: BenchOptions, log: Output): Promise<BenchReport> {
  const scratch = await openScratchDb(options.target);
  writeLine(log, `Database: ${scratch.description}`);
  try {
    const db = scratch.handle.db;
    const [, seedMs] = await timed(async () => {
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedDemoData(db);
    });
    const genProgress = startProgress(log, 'Generating data', 0);
    const [data, genMs] = await timed(() =>
      generateBenchData(db, options.users, (d, t) => genProgress.update(d, t)),
    ).finally(() => genProgress.stop());
    writeLine(
      log,
      `Migrated and seeded in ${Math.round(seedMs)} ms; generated ${data.users} users in ` +
        `${data.agencies} agencies in ${Math.round(genMs)} ms.`,
    );
    const config = loadTestConfig({
      db: scratch.handle.target,
      rateLimitAuthPerMinute: 1_000_000_000,
      logLevel: 'silent',
    });
    const app = await buildApp({ config, db });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const cookie = await adminCookie(base);
      const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie } });
      const pages = Math.max(1, Math.ceil((data.users + 14) / 50));
      const operations: [string, (i: number) => Promise<Response>][] = [
        [
          'POST /api/auth/login',
          () =>
            fetch(`${base}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
            }),
        ],
        [
          'GET /api/users?page=k&pageSize=50',
          (i) => get(`/api/users?page=${(i % pages) + 1}&pageSize=50`),
        ],
        [
          'GET /api/users?q=…',
          (i) => get(`/api/users?q=${encodeURIComponent(benchSearchTerm(i, data.users))}`),
        ],
        ['GET /api/audit?pageSize=50', () => get('/api/audit?pageSize=50')],
      ];
      const results: OperationResult[] = [];
      for (const [name, send] of operations) {
        const progress = startProgress(log, name.padEnd(34), options.requests);
        try {
          results.push(
            await runOperation(name, send, {
              concurrency: options.concurrency,
              requests: options.requests,
              maxDurationMs: options.maxSecondsPerOperation * 1000,
              warmup: Math.min(options.concurrency, options.requests),
              onProgress: (d, t) => progress.update(d, t),
            }),
          );
        } finally {
          progress.stop();
        }
      }
      return {
        database: scratch.description,
        node: process.version,
        cpus: cpus().length,
        users: data.users,
        concurrency: options.concurrency,
        setupMs: { migrateAndSeed: Math.round(seedMs), generate: Math.round(genMs) },
        results,
      };
    } finally {
      await app.close();
    }
  } finally {
    await scratch.drop();
  }
}
