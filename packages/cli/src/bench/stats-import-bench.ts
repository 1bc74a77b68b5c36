import type { DbTarget } from '@ctip/db';
import { migrateToLatest, seedReferenceData } from '@ctip/db';
import {
  AGE_GROUP_OPTIONS,
  AGENCY_TYPE_OPTIONS,
  type ColumnMapping,
  EXPLOITATION_OPTIONS,
  SEX_OPTIONS,
} from '@ctip/domain';
import { loadTestConfig } from '@ctip/server';
import {
  type AuthContext,
  importStatFile,
  loadActor,
  seedDemoData,
  systemMeta,
} from '@ctip/services';
import { type CliIo, writeLine } from '../context';
import { formatTable } from '../output';
import { openScratchDb } from './scratch-db';

const COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'];
const NATIONALITIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN', 'ID', 'MY', 'SG', 'JP', 'KR', 'PH'];

/** Leaf age groups only: U18 is the sum of 0-14 and 15-17, so a leaf-level file leaves it out. */
const LEAF_AGE_GROUPS = AGE_GROUP_OPTIONS.filter((a) => a !== 'U18');

/**
 * A long-layout CSV of `n` distinct VICTIMS_IDENTIFIED leaf cells. A cell has the same value every
 * year, so the file is as consistent as a real one (validation finds nothing to record).
 */
export function generateStatCsv(n: number): Buffer {
  const lines = [
    'data_element,country,period,sex,age_group,nationality,exploitation,agency_type,value',
  ];
  let count = 0;
  const perYear =
    COUNTRIES.length *
    SEX_OPTIONS.length *
    LEAF_AGE_GROUPS.length *
    NATIONALITIES.length *
    EXPLOITATION_OPTIONS.length *
    AGENCY_TYPE_OPTIONS.length;
  outer: for (let year = 1990; year < 2100; year += 1) {
    for (const c of COUNTRIES) {
      for (const s of SEX_OPTIONS) {
        for (const a of LEAF_AGE_GROUPS) {
          for (const nat of NATIONALITIES) {
            for (const e of EXPLOITATION_OPTIONS) {
              for (const ag of AGENCY_TYPE_OPTIONS) {
                lines.push(
                  `VICTIMS_IDENTIFIED,${c},${year},${s},${a},${nat},${e},${ag},${(((count % perYear) * 7) % 1000) + 5}`,
                );
                count += 1;
                if (count >= n) {
                  break outer;
                }
              }
            }
          }
        }
      }
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

const MAPPING: ColumnMapping = {
  layout: 'long',
  fields: {
    dataElement: { column: 'data_element' },
    country: { column: 'country' },
    period: { column: 'period' },
    dimensions: {
      sex: { column: 'sex' },
      age_group: { column: 'age_group' },
      nationality: { column: 'nationality' },
      exploitation: { column: 'exploitation' },
      agency_type: { column: 'agency_type' },
    },
  },
  value: { column: 'value' },
  optionMaps: {},
  skipRows: [],
};

/**
 * `ctip bench --suite stats-import`: import a generated `values`-value long CSV into a scratch
 * database twice (first load, then the same file: no change), printing values/s; on PostgreSQL
 * also a bare COPY of the same rows into an unlogged copy of stat_value as the baseline.
 */
export async function runStatsImportSuite(
  io: CliIo,
  target: DbTarget,
  values: number,
): Promise<void> {
  const scratch = await openScratchDb(target, { poolSize: 2 });
  writeLine(io.stderr, `Database: ${scratch.description}; ${values} values`);
  try {
    const db = scratch.handle.db;
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedDemoData(db);
    const admin = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const actor = await loadActor(db, admin.id);
    if (!actor) {
      throw new Error('no admin user');
    }
    const auth: AuthContext = {
      actor: {
        ...actor,
        permissions: [
          ...actor.permissions,
          { resource: 'statistic', action: 'create', scope: 'region' },
        ],
      },
      sessionId: 'bench',
      meta: systemMeta('bench'),
    };
    const ctx = {
      db,
      config: loadTestConfig({ db: scratch.handle.target }).services,
      now: () => new Date(),
    };
    const data = generateStatCsv(values);
    const rows: string[][] = [];
    for (const label of ['first import', 're-import (no change)']) {
      const t0 = performance.now();
      const job = await importStatFile({
        ctx,
        auth,
        file: { fileName: 'bench.csv', data },
        mapping: MAPPING,
      });
      const ms = performance.now() - t0;
      if (job.status !== 'Done') {
        throw new Error(`import failed: ${JSON.stringify(job.errors.slice(0, 3))}`);
      }
      rows.push([
        label,
        String(values),
        String(Math.round(ms)),
        String(Math.round((values / ms) * 1000)),
        `${job.inserted}/${job.updated}/${job.unchanged}`,
      ]);
    }
    io.stdout.write(
      formatTable(['operation', 'values', 'ms', 'values/s', 'ins/upd/unch'], rows, [
        'left',
        'right',
        'right',
        'right',
        'right',
      ]),
    );
  } finally {
    await scratch.drop();
  }
}
