import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type DbTarget, migrateToLatest, seedReferenceData } from '@ctip/db';
import { loadTestConfig } from '@ctip/server';
import {
  type AuthContext,
  findCases,
  getCase,
  importCases,
  loadActor,
  type ServiceContext,
  seedDemoData,
  systemMeta,
} from '@ctip/services';
import { sql } from 'kysely';
import { type Output, writeLine } from '../context';
import { startProgress } from '../progress';
import { benchCaseName, generateBenchCases, md5Uuid } from './cases-generate';
import { generateBenchData } from './generate';
import { type OperationResult, runTask } from './load';
import { openScratchDb } from './scratch-db';

/** Settings of the cases benchmark. */
export type CasesBenchOptions = {
  target: DbTarget;
  /** Cases to generate. */
  cases: number;
  /** Rows of the bulk-import measurement (0: skip). */
  importRows: number;
  concurrency: number;
  requests: number;
  maxSecondsPerOperation: number;
};

/** What the cases benchmark measured. */
export type CasesBenchReport = {
  database: string;
  node: string;
  cpus: number;
  cases: number;
  concurrency: number;
  poolSize: number;
  setupMs: { migrateAndSeed: number; generate: number };
  results: OperationResult[];
  import: { rows: number; ms: number; rowsPerSecond: number; allOrNothingChecked: boolean } | null;
};

/** Pool connections: one per concurrent client, so the numbers measure the database, not a queue. */
function poolSizeFor(concurrency: number): number {
  return Math.max(10, concurrency);
}

async function authAs(ctx: ServiceContext, username: string): Promise<AuthContext> {
  const user = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(ctx.db, user.id);
  if (!actor) {
    throw new Error(`bench user ${username} is disabled`);
  }
  return { actor, sessionId: 'bench', meta: systemMeta('ctip-bench') };
}

/** An HTCDS CSV of `rows` valid rows (names distinct from the generated ones), `bad` = a bad row. */
export function benchImportCsv(rows: number, badRow: number | null = null): Buffer {
  const lines = [
    'prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Nationality,' +
      'vic_IdentificationStatus,vic_FormOfExploitation,vic_MethodsOfControl,' +
      'hte_ExploitationCountry,hte_ExploitationDate',
  ];
  const forms = ['ForcedLabour', 'SexualExploitation', 'ForcedLabour;Begging', 'DomesticServitude'];
  const nats = ['MM', 'KH', 'LA', 'VN', 'CN'];
  for (let i = 0; i < rows; i += 1) {
    const { givenName, familyName } = benchCaseName(i + 7_000_000);
    const gender = i === badRow ? 'Robot' : i % 2 === 0 ? 'Female' : 'Male';
    lines.push(
      [
        `Imp ${givenName}`,
        familyName,
        `${1970 + (i % 35)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        gender,
        nats[i % nats.length],
        i % 3 === 0 ? 'Possible' : 'Identified',
        forms[i % forms.length],
        i % 2 === 0 ? 'DebtBondage;WithholdsDocuments' : '',
        'TH',
        `20${String(16 + (i % 10))}-0${(i % 9) + 1}-15`,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function countCases(ctx: ServiceContext): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from case_record`.execute(ctx.db);
  return Number(r.rows[0]?.n);
}

/**
 * Run the cases benchmark (DESIGN §8): a scratch database with `cases` generated cases, then, with
 * `concurrency` clients calling the use cases directly (the same code the API runs, audit included):
 * search by code, by name (keyed hash through person_key), by filters, the list (page 1 and a deep
 * page), opening a case; and a bulk import of `importRows` HTCDS rows (rows/s), then the same file
 * with one bad row to check that nothing is committed. Always drops the scratch database.
 * @param log - progress and phase messages (stderr)
 */
export async function runCasesBench(
  options: CasesBenchOptions,
  log: Output,
): Promise<CasesBenchReport> {
  const poolSize = poolSizeFor(options.concurrency);
  const scratch = await openScratchDb(options.target, { poolSize });
  writeLine(log, `Database: ${scratch.description}`);
  try {
    const db = scratch.handle.db;
    const config = loadTestConfig({ db: scratch.handle.target }).services;
    const ctx: ServiceContext = { db, config, now: () => new Date() };
    const t0 = performance.now();
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedDemoData(db);
    // Sixty generated agencies (ten per country) with their users own most cases.
    await generateBenchData(db, 6000);
    const seedMs = performance.now() - t0;
    const genProgress = startProgress(log, 'Generating cases', options.cases * 2);
    const t1 = performance.now();
    const data = await generateBenchCases(db, config, options.cases, (d, t) =>
      genProgress.update(d, t),
    ).finally(() => genProgress.stop());
    const genMs = performance.now() - t1;
    writeLine(
      log,
      `Generated ${data.cases} cases (${data.personKeys} name keys) over ${data.owners.length} ` +
        `agencies in ${Math.round(genMs)} ms.`,
    );

    // A country-wide reader (the Thai task-force focal point) and an agency case worker.
    const focal = await authAs(ctx, 'th.focal');
    const worker = await authAs(ctx, 'th.caseworker');
    const thIndexes: number[] = [];
    for (let i = 1; i <= data.cases && thIndexes.length < 5000; i += 1) {
      const owner = data.owners[i % data.owners.length];
      if (owner?.countryCode === 'TH') {
        thIndexes.push(i);
      }
    }
    const sample = await db
      .selectFrom('case_record')
      .select(['id', 'code'])
      .where(
        'id',
        'in',
        thIndexes.slice(0, 2000).map((i) => md5Uuid(`bc${i}`)),
      )
      .execute();
    if (sample.length === 0 || thIndexes.length === 0) {
      throw new Error('no Thai cases generated: raise --cases');
    }
    const pick = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length] as T;
    // The list's total is capped (CASE_COUNT_CAP), so the deep page comes from a real count.
    const thCount = await db
      .selectFrom('case_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('country_code', '=', 'TH')
      .executeTakeFirstOrThrow();
    const deepPage = Math.max(1, Math.min(400, Math.floor(Number(thCount.n) / 25)));
    const operations: [string, (i: number) => Promise<unknown>][] = [
      [
        'search by code',
        (i) => findCases({ ctx, auth: focal, query: { code: pick(sample, i).code } }),
      ],
      [
        'search by name (keyed hash)',
        (i) => {
          const n = benchCaseName(pick(thIndexes, i));
          return findCases({
            ctx,
            auth: focal,
            query: { name: `${n.givenName} ${n.familyName}` },
          });
        },
      ],
      [
        'search by filters (status+nationality+form)',
        (i) =>
          findCases({
            ctx,
            auth: focal,
            query: {
              status: i % 2 === 0 ? 'Active' : 'Closed',
              nationality: ['MM', 'KH', 'LA', 'VN'][i % 4],
              formOfExploitation: i % 3 === 0 ? 'SexualExploitation' : 'ForcedLabour',
            },
          }),
      ],
      ['list page 1 (country)', () => findCases({ ctx, auth: focal, query: { page: 1 } })],
      [
        `list page ${deepPage} (country)`,
        () => findCases({ ctx, auth: focal, query: { page: deepPage } }),
      ],
      ['list page 1 (agency)', () => findCases({ ctx, auth: worker, query: { page: 1 } })],
      ['open a case (getCase)', (i) => getCase({ ctx, auth: focal, id: pick(sample, i).id })],
    ];
    const results: OperationResult[] = [];
    for (const [name, task] of operations) {
      const progress = startProgress(log, name.padEnd(44), options.requests);
      try {
        results.push(
          await runTask(name, task, {
            concurrency: options.concurrency,
            requests: options.requests,
            maxDurationMs: options.maxSecondsPerOperation * 1000,
            warmup: Math.min(options.concurrency * 2, options.requests),
            onProgress: (d, t) => progress.update(d, t),
          }),
        );
      } finally {
        progress.stop();
      }
    }

    let importResult: CasesBenchReport['import'] = null;
    if (options.importRows > 0) {
      const file = benchImportCsv(options.importRows);
      const before = await countCases(ctx);
      const progress = startProgress(log, 'Bulk import', options.importRows);
      const t2 = performance.now();
      const job = await importCases({
        ctx,
        auth: worker,
        file: { format: 'csv', data: file },
        onProgress: (p) => progress.update(p.processed, p.total),
      }).finally(() => progress.stop());
      const ms = performance.now() - t2;
      if (job.status !== 'done' || job.inserted !== options.importRows) {
        throw new Error(`bulk import failed: ${job.status} ${job.failure ?? ''}`);
      }
      // All or nothing: the same size with one bad row (the last) commits nothing.
      const bad = await importCases({
        ctx,
        auth: worker,
        file: { format: 'csv', data: benchImportCsv(options.importRows, options.importRows - 1) },
      });
      const after = await countCases(ctx);
      const allOrNothing =
        bad.status === 'failed' && bad.errorCount === 1 && after === before + options.importRows;
      importResult = {
        rows: options.importRows,
        ms: Math.round(ms),
        rowsPerSecond: Math.round((options.importRows * 1000) / ms),
        allOrNothingChecked: allOrNothing,
      };
      writeLine(
        log,
        `Bulk import: ${options.importRows} rows in ${Math.round(ms)} ms ` +
          `(${importResult.rowsPerSecond} rows/s); bad-row file committed nothing: ${allOrNothing}.`,
      );
    }
    return {
      database: scratch.description,
      node: process.version,
      cpus: cpus().length,
      cases: data.cases,
      concurrency: options.concurrency,
      poolSize,
      setupMs: { migrateAndSeed: Math.round(seedMs), generate: Math.round(genMs) },
      results,
      import: importResult,
    };
  } finally {
    await scratch.drop();
  }
}
