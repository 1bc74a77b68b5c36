import type { Database, Db } from '@ctip/db';
import {
  disaggregationKey,
  periodNext,
  periodsBefore,
  runValidation,
  STAT_DIMENSIONS,
  type StatCell,
  type StatCellRef,
  type ValidationRuleDef,
  type ValidationViolation,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { cellOfRow, jsonValue, type Reader, type Trx } from './common';

/** An (element, reporting unit, period) block whose values changed. */
export type RevalidateBlock = { dataElement: string; country: string; period: string };

/** The enabled rules, as the domain runs them. */
export async function loadEnabledRules(db: Reader): Promise<ValidationRuleDef[]> {
  const rows = await db
    .selectFrom('stat_validation_rule')
    .selectAll()
    .where('is_enabled', '=', true)
    .orderBy('code')
    .execute();
  return rows.map(
    (r) =>
      ({
        ...jsonValue<Record<string, unknown>>(r.params, {}),
        code: r.code,
        kind: r.kind,
        dataElement: r.data_element,
      }) as ValidationRuleDef,
  );
}

/** How many earlier periods the PastRange rules look at (0 when none is enabled). */
function historyHorizon(rules: readonly ValidationRuleDef[]): number {
  let h = 0;
  for (const r of rules) {
    if (r.kind === 'PastRange') {
      h = Math.max(h, r.periods);
    }
  }
  return h;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

async function loadCells(
  trx: Reader,
  dataElement: string,
  periods: readonly string[] | null,
): Promise<Map<string, StatCell[]>> {
  // Only what validation reads (not notes, printed texts, sources): large imports re-read blocks.
  let q = trx
    .selectFrom('stat_value')
    .select([
      'data_element',
      'country',
      'province',
      'period',
      ...STAT_DIMENSIONS,
      'status',
      'value',
    ])
    .where('data_element', '=', dataElement);
  if (periods !== null) {
    if (periods.length === 0) {
      return new Map();
    }
    q = q.where('period', 'in', periods);
  }
  const byPeriod = new Map<string, StatCell[]>();
  for (const row of await q.execute()) {
    const list = byPeriod.get(row.period) ?? [];
    list.push(cellOfRow(row as Parameters<typeof cellOfRow>[0]));
    byPeriod.set(row.period, list);
  }
  return byPeriod;
}

/** The cells of a finding as text, independent of how the engine orders JSON keys. */
function cellsSignature(cells: readonly StatCellRef[]): string {
  return cells
    .map(
      (c) =>
        `${c.dataElement}|${c.country}|${c.province}|${c.period}|${disaggregationKey(c.disaggregation ?? {})}`,
    )
    .join(',');
}

type Found = { violation: ValidationViolation; status: 'Open' | 'Annotated' };

/**
 * Validate the target periods of one element (every country of each period, so the regional sums
 * are seen whole) and bring its findings in those periods up to date.
 */
async function reconcileElement(
  trx: Trx,
  dataElement: string,
  targets: readonly string[],
  cells: ReadonlyMap<string, StatCell[]>,
  rules: readonly ValidationRuleDef[],
  horizon: number,
  now: Date,
): Promise<Found[]> {
  if (targets.length === 0) {
    return [];
  }
  const found = new Map<string, ValidationViolation>();
  for (const period of targets) {
    const current = cells.get(period) ?? [];
    if (current.length === 0) {
      continue;
    }
    const history = safe(() => periodsBefore(period, horizon), [] as string[]).flatMap(
      (p) => cells.get(p) ?? [],
    );
    for (const v of runValidation(rules, current, history)) {
      found.set(v.key, v);
    }
  }
  const existing = await trx
    .selectFrom('stat_violation')
    .selectAll()
    .where('data_element', '=', dataElement)
    .where('period', 'in', targets)
    .execute();
  const byKey = new Map(existing.map((e) => [e.violation_key, e]));
  const out: Found[] = [];
  const fresh: ValidationViolation[] = [];
  const seen: string[] = [];
  for (const v of found.values()) {
    const row = byKey.get(v.key);
    if (!row) {
      fresh.push(v);
      out.push({ violation: v, status: 'Open' });
      continue;
    }
    const status = row.status === 'Annotated' ? 'Annotated' : 'Open';
    if (
      row.status === status &&
      row.actual === v.actual &&
      row.expected === v.expected &&
      cellsSignature(jsonValue<StatCellRef[]>(row.cells, [])) === cellsSignature(v.cells)
    ) {
      // Unchanged finding (a re-import, a re-save): only last_seen_at moves, in one batch below.
      seen.push(row.id);
      out.push({ violation: v, status });
      continue;
    }
    await trx
      .updateTable('stat_violation')
      .set({
        status,
        cells: JSON.stringify(v.cells),
        actual: v.actual,
        expected: v.expected,
        last_seen_at: now,
        resolved_at: null,
        // A finding that came back after being resolved is new again: its old note no longer applies.
        ...(row.status === 'Resolved'
          ? { annotation: null, annotated_by: null, annotated_at: null }
          : {}),
      })
      .where('id', '=', row.id)
      .execute();
    out.push({ violation: v, status });
  }
  if (fresh.length > 0) {
    // The key is unique across the table: a finding recorded under another block is taken over.
    for (let i = 0; i < fresh.length; i += 500) {
      await trx
        .insertInto('stat_violation')
        .values(
          fresh.slice(i, i + 500).map((v) => ({
            id: crypto.randomUUID(),
            violation_key: v.key,
            rule_code: v.ruleCode,
            data_element: v.dataElement,
            country: v.country,
            period: v.period,
            cells: JSON.stringify(v.cells),
            actual: v.actual,
            expected: v.expected,
            status: 'Open',
            first_seen_at: now,
            last_seen_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.column('violation_key').doUpdateSet((eb) => ({
            rule_code: eb.ref('excluded.rule_code'),
            data_element: eb.ref('excluded.data_element'),
            country: eb.ref('excluded.country'),
            period: eb.ref('excluded.period'),
            cells: eb.ref('excluded.cells'),
            actual: eb.ref('excluded.actual'),
            expected: eb.ref('excluded.expected'),
            status: 'Open',
            last_seen_at: now,
            resolved_at: null,
          })),
        )
        .execute();
    }
  }
  for (let i = 0; i < seen.length; i += 1000) {
    await trx
      .updateTable('stat_violation')
      .set({ last_seen_at: now })
      .where('id', 'in', seen.slice(i, i + 1000))
      .execute();
  }
  const gone = existing
    .filter((e) => e.status !== 'Resolved' && !found.has(e.violation_key))
    .map((e) => e.id);
  for (let i = 0; i < gone.length; i += 500) {
    await trx
      .updateTable('stat_violation')
      .set({ status: 'Resolved', resolved_at: now })
      .where('id', 'in', gone.slice(i, i + 500))
      .execute();
  }
  return out;
}

/**
 * Re-run the enabled validation rules over the given blocks and bring stat_violation up to date:
 * new findings Open, findings still present keep their status (Annotated stays Annotated) with
 * last_seen_at moved, findings gone Resolved (resolved_at). Each touched (element, period) is
 * checked for every country (the regional unit's sum needs them all), with the earlier periods
 * PastRange needs as history; the following periods are re-checked too, since their history
 * changed. Runs in the caller's transaction (entry, import).
 * @returns How many findings are Open in the given blocks afterwards.
 */
export async function revalidateBlocks(
  trx: Transaction<Database>,
  blocks: RevalidateBlock[],
  now: Date,
): Promise<{ open: number }> {
  if (blocks.length === 0) {
    return { open: 0 };
  }
  const rules = await loadEnabledRules(trx);
  const horizon = historyHorizon(rules);
  const periodsByElement = new Map<string, Set<string>>();
  for (const b of blocks) {
    const set = periodsByElement.get(b.dataElement) ?? new Set<string>();
    set.add(b.period);
    periodsByElement.set(b.dataElement, set);
  }
  const blockKeys = new Set(blocks.map((b) => `${b.dataElement}|${b.country}|${b.period}`));
  let open = 0;
  for (const [dataElement, touched] of periodsByElement) {
    const needed = new Set<string>();
    const later = new Set<string>();
    for (const p of touched) {
      needed.add(p);
      for (const q of safe(() => periodsBefore(p, horizon), [] as string[])) {
        needed.add(q);
      }
      for (let i = 1; i <= horizon; i += 1) {
        const next = safe(() => periodNext(p, i), null as string | null);
        if (next !== null && !touched.has(next)) {
          later.add(next);
          for (const q of safe(() => periodsBefore(next, horizon), [] as string[])) {
            needed.add(q);
          }
          needed.add(next);
        }
      }
    }
    const cells = await loadCells(trx, dataElement, [...needed]);
    const laterWithData = [...later].filter((p) => cells.has(p));
    const laterWithFindings =
      later.size === 0
        ? []
        : (
            await trx
              .selectFrom('stat_violation')
              .select('period')
              .distinct()
              .where('data_element', '=', dataElement)
              .where('period', 'in', [...later])
              .where('status', '!=', 'Resolved')
              .execute()
          ).map((r) => r.period);
    const targets = [...new Set([...touched, ...laterWithData, ...laterWithFindings])];
    const found = await reconcileElement(trx, dataElement, targets, cells, rules, horizon, now);
    for (const f of found) {
      const v = f.violation;
      if (f.status === 'Open' && blockKeys.has(`${v.dataElement}|${v.country}|${v.period}`)) {
        open += 1;
      }
    }
  }
  return { open };
}

/**
 * Re-run every enabled rule over every block of stat_value (after seeding historic data, after a
 * rule is enabled), one element per transaction; findings of blocks that no longer hold values
 * are resolved.
 * @returns How many findings are Open afterwards.
 */
export async function revalidateAllStatistics(db: Db, now: Date): Promise<{ open: number }> {
  const rules = await loadEnabledRules(db);
  const horizon = historyHorizon(rules);
  const elements = new Set<string>([
    ...(await db.selectFrom('stat_value').select('data_element').distinct().execute()).map(
      (r) => r.data_element,
    ),
    ...(
      await db
        .selectFrom('stat_violation')
        .select('data_element')
        .distinct()
        .where('status', '!=', 'Resolved')
        .execute()
    ).map((r) => r.data_element),
  ]);
  let open = 0;
  for (const dataElement of [...elements].sort()) {
    await db.transaction().execute(async (trx) => {
      const cells = await loadCells(trx, dataElement, null);
      const withFindings = (
        await trx
          .selectFrom('stat_violation')
          .select('period')
          .distinct()
          .where('data_element', '=', dataElement)
          .where('status', '!=', 'Resolved')
          .execute()
      ).map((r) => r.period);
      const targets = [...new Set([...cells.keys(), ...withFindings])].sort();
      const found = await reconcileElement(trx, dataElement, targets, cells, rules, horizon, now);
      open += found.filter((f) => f.status === 'Open').length;
    });
  }
  return { open };
}
