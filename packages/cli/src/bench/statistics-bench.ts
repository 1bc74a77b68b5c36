import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Db, type DbTarget, migrateToLatest, seedReferenceData } from '@ctip/db';
import { BUILT_IN_DATA_ELEMENTS, COMMIT_COUNTRIES, EXPLOITATION_OPTIONS } from '@ctip/domain';
import { loadTestConfig } from '@ctip/server';
import {
  type AuthContext,
  clearStatCache,
  compareStatistics,
  getRegionalOverview,
  loadActor,
  queryStatTable,
  type ServiceContext,
  seedDemoData,
  systemMeta,
} from '@ctip/services';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CliError, type CliIo, type Output, writeLine } from '../context';
import { formatTable } from '../output';
import { startProgress } from '../progress';
import { generateBenchCases } from './cases-generate';
import { type OperationResult, runTask } from './load';
import { openScratchDb } from './scratch-db';

/** Settings of `ctip bench --suite statistics`. */
export type StatisticsBenchOptions = {
  target: DbTarget;
  /** Aggregate values to generate (about; whole blocks). */
  values: number;
  cases: number;
  /** Calls measured per scenario. */
  requests: number;
};

export type StatisticsBenchReport = {
  database: string;
  values: number;
  cases: number;
  setupMs: { values: number; cases: number };
  results: OperationResult[];
};

const SEX = ['', 'M', 'F', 'X'];
const AGE = ['', '0-14', '15-17', 'U18', '18+', 'UNK'];
const EXPL = ['', ...EXPLOITATION_OPTIONS];
const NAT = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN', 'ID', 'MY'];
const YEARS = Array.from({ length: 10 }, (_, i) => String(2015 + i));
const QUARTERS = YEARS.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}Q${q}`));
const MONTHS = YEARS.flatMap((y) =>
  Array.from({ length: 12 }, (_, m) => `${y}${String(m + 1).padStart(2, '0')}`),
);

/** One block's cells: sex × age × exploitation (with every total), and nationality × sex. */
function blockCells(): string[][] {
  const out: string[][] = [];
  for (const s of SEX) {
    for (const a of AGE) {
      for (const e of EXPL) {
        out.push([s, a, '', e]);
      }
    }
    for (const n of NAT) {
      out.push([s, '', n, '']);
    }
  }
  return out;
}

/** Deterministic counts: totals larger than parts, some below the threshold. */
function countOf(i: number, cell: string[]): number {
  const broken = cell.filter((x) => x !== '').length;
  const h = (i * 2654435761) % 4294967296;
  return Math.floor((h % 1000) / (1 + broken * 4)) + (h % 7);
}

/**
 * Generate about `n` values of every built-in element over the six countries, ten years, their
 * 120 months and 40 quarters, in whole (element, country, period) blocks — COPY on PostgreSQL, batched INSERTs on
 * PGlite. Then ANALYZE.
 */
export async function generateStatValues(
  db: Db,
  target: DbTarget,
  n: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const cube = blockCells();
  const periods = [
    ...YEARS.map((p) => [p, 'Yearly']),
    ...MONTHS.map((p) => [p, 'Monthly']),
    ...QUARTERS.map((p) => [p, 'Quarterly']),
  ];
  const blocks: [string, string, string, string][] = [];
  for (const [period, type] of periods) {
    for (const el of BUILT_IN_DATA_ELEMENTS) {
      for (const c of COMMIT_COUNTRIES) {
        blocks.push([el.code, c, period as string, type as string]);
      }
    }
  }
  const wanted = Math.min(blocks.length, Math.max(1, Math.ceil(n / cube.length)));
  // Yearly blocks first (the dashboards read them), then months.
  const used = blocks.slice(0, wanted);
  const total = used.length * cube.length;
  let done = 0;
  function* lines(): Generator<string> {
    let i = 0;
    for (const [el, c, period, type] of used) {
      for (const cell of cube) {
        i += 1;
        yield `${el}\t${c}\t${period}\t${type}\t${cell.join('\t')}\tReported\t${countOf(i, cell)}\n`;
      }
      done += cube.length;
      if (done % 100_000 < cube.length) {
        onProgress(done, total);
      }
    }
  }
  // The generated cube replaces any seeded (historic) values of the scratch database.
  await sql`delete from stat_violation`.execute(db);
  await sql`delete from stat_value`.execute(db);
  const cols =
    'data_element, country, period, period_type, sex, age_group, nationality, exploitation, status, value';
  if (target.kind === 'postgres') {
    const url = await sql<{ db: string }>`select current_database() as db`.execute(db);
    const u = new URL(target.url);
    u.pathname = `/${url.rows[0]?.db}`;
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      const stream = copyFrom(`COPY stat_value (${cols}) FROM STDIN`);
      // The COPY stream is a pg Submittable: handed to the client as its "query".
      client.query(stream as unknown as string);
      await pipeline(Readable.from(lines(), { objectMode: false }), stream);
    } finally {
      await client.end();
    }
  } else {
    let batch: string[][] = [];
    const flush = async () => {
      if (batch.length === 0) {
        return;
      }
      const rows = batch.map((f) => sql`(${sql.join(f.map((v, i) => (i === 9 ? Number(v) : v)))})`);
      await sql`insert into stat_value (${sql.raw(cols)}) values ${sql.join(rows)}`.execute(db);
      batch = [];
    };
    for (const line of lines()) {
      batch.push(line.slice(0, -1).split('\t'));
      if (batch.length >= 2000) {
        await flush();
      }
    }
    await flush();
  }
  onProgress(total, total);
  await sql`analyze stat_value`.execute(db);
  return total;
}

async function authAs(ctx: ServiceContext, username: string): Promise<AuthContext> {
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(ctx.db, u.id);
  if (!actor) {
    throw new Error(`bench user ${username} is disabled`);
  }
  return { actor, sessionId: 'bench', meta: systemMeta('ctip-bench') };
}

/**
 * The statistics benchmark (DESIGN §8, issue 5): a scratch database with `values` aggregate values
 * and `cases` generated cases; then, one call at a time: the regional dashboard cold (result cache
 * cleared before every call, as a fresh process) and warm, pivots over one element and two
 * disaggregations for ten years cold and warm, and the comparison with case-derived counts.
 */
export async function runStatisticsBench(
  options: StatisticsBenchOptions,
  log: Output,
): Promise<StatisticsBenchReport> {
  const scratch = await openScratchDb(options.target);
  writeLine(log, `Database: ${scratch.description}`);
  try {
    const db = scratch.handle.db;
    const config = loadTestConfig({ db: scratch.handle.target }).services;
    const ctx: ServiceContext = { db, config, now: () => new Date('2025-06-01T00:00:00Z') };
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedDemoData(db);
    const vp = startProgress(log, 'Generating values', options.values);
    const t0 = performance.now();
    const values = await generateStatValues(db, scratch.handle.target, options.values, (d, t) =>
      vp.update(d, t),
    ).finally(() => vp.stop());
    const valuesMs = performance.now() - t0;
    const cp = startProgress(log, 'Generating cases', options.cases * 2);
    const t1 = performance.now();
    await generateBenchCases(db, config, options.cases, (d, t) => cp.update(d, t)).finally(() =>
      cp.stop(),
    );
    const casesMs = performance.now() - t1;
    writeLine(
      log,
      `Generated ${values} values in ${Math.round(valuesMs)} ms, ${options.cases} cases in ${Math.round(casesMs)} ms.`,
    );
    const secretariat = await authAs(ctx, 'secretariat');
    const focal = await authAs(ctx, 'th.focal');
    const elements = ['VICTIMS_IDENTIFIED', 'VICTIMS_ASSISTED', 'VICTIMS_REFERRED', 'SUSPECTS'];
    const pivot = (i: number) => ({
      dataElement: elements[i % elements.length],
      rows: ['sex', 'age_group'],
      columns: ['period'],
      periodFrom: '2015',
      periodTo: '2024',
    });
    const pivot2 = (i: number) => ({
      dataElement: elements[i % elements.length],
      rows: ['exploitation'],
      columns: ['sex', 'country'],
      periodFrom: '2015',
      periodTo: '2024',
    });
    const cold =
      <T>(fn: (i: number) => Promise<T>) =>
      (i: number) => {
        clearStatCache(db);
        return fn(i);
      };
    const overview = () => getRegionalOverview(ctx, secretariat, { source: 'national' });
    const scenarios: [string, (i: number) => Promise<unknown>, number][] = [
      ['regional dashboard, cold (cache cleared)', cold(overview), options.requests],
      ['regional dashboard, warm', overview, options.requests],
      [
        'regional dashboard, country user, cold',
        cold(() => getRegionalOverview(ctx, focal, {})),
        options.requests,
      ],
      [
        'pivot sex × age_group × 10 years, cold',
        cold((i) => queryStatTable(ctx, secretariat, pivot(i))),
        options.requests,
      ],
      [
        'pivot sex × age_group × 10 years, warm',
        (i) => queryStatTable(ctx, secretariat, pivot(i)),
        options.requests,
      ],
      [
        'pivot exploitation × sex × country, 10 years, cold',
        cold((i) => queryStatTable(ctx, secretariat, pivot2(i))),
        options.requests,
      ],
      [
        'pivot internal (focal point, audited), cold',
        cold((i) => queryStatTable(ctx, focal, { ...pivot(i), internal: true })),
        options.requests,
      ],
      [
        'comparison by sex, 10 years (case-derived)',
        () =>
          compareStatistics(ctx, focal, {
            dataElement: 'VICTIMS_IDENTIFIED',
            periodFrom: '2015',
            periodTo: '2024',
            dimension: 'sex',
          }),
        Math.max(3, Math.ceil(options.requests / 10)),
      ],
    ];
    const results: OperationResult[] = [];
    for (const [name, task, n] of scenarios) {
      const progress = startProgress(log, name.padEnd(52), n);
      try {
        results.push(
          await runTask(name, task, {
            concurrency: 1,
            requests: n,
            maxDurationMs: 120_000,
            warmup: 2,
            onProgress: (d, t) => progress.update(d, t),
          }),
        );
      } finally {
        progress.stop();
      }
    }
    return {
      database: scratch.description,
      values,
      cases: options.cases,
      setupMs: { values: Math.round(valuesMs), cases: Math.round(casesMs) },
      results,
    };
  } finally {
    await scratch.drop();
  }
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** The report as a table: scenario | n | p50 ms | p95 ms | errors. */
export function statisticsBenchTable(report: StatisticsBenchReport): string {
  return formatTable(
    ['scenario', 'n', 'p50 ms', 'p95 ms', 'errors'],
    report.results.map((r) => [
      r.operation,
      String(r.n),
      fixed(r.p50Ms, 1),
      fixed(r.p95Ms, 1),
      String(r.errors),
    ]),
    ['left', 'right', 'right', 'right', 'right'],
  );
}

/**
 * `ctip bench --suite statistics`: run it and print the table (JSON on stdout with --json); exits 1
 * if any call failed.
 */
export async function runStatisticsSuite(
  io: CliIo,
  target: DbTarget,
  options: { values: number; cases: number; requests: number; json?: boolean },
): Promise<void> {
  writeLine(
    io.stderr,
    `Statistics benchmark: ${options.values} values, ${options.cases} cases, ${options.requests} calls per scenario.`,
  );
  const report = await runStatisticsBench(
    { target, values: options.values, cases: options.cases, requests: options.requests },
    io.stderr,
  );
  const table = statisticsBenchTable(report);
  if (options.json) {
    io.stderr.write(table);
    writeLine(io.stdout, JSON.stringify(report, null, 2));
  } else {
    io.stdout.write(table);
  }
  const failed = report.results.filter((r) => r.errors > 0);
  if (failed.length > 0) {
    throw new CliError(
      failed.map((r) => `${r.operation}: ${r.errors} failed (${r.firstError})`).join('; '),
    );
  }
}
