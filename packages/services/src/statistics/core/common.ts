import type { Database, Db } from '@ctip/db';
import {
  type Action,
  type Actor,
  can,
  type Disaggregation,
  DomainError,
  parsePeriod,
  REGION_UNIT,
  STAT_DIMENSIONS,
  type StatApprovalView,
  type StatCell,
  type StatCellRef,
  type StatDimension,
  type StatValueStatus,
  type StatViolationView,
  widestScope,
} from '@ctip/domain';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { denyAccess } from '../../common/access';
import type { AuthContext, ServiceContext } from '../../context';

export type Trx = Transaction<Database>;
export type Reader = Db | Trx | Kysely<Database>;

/** A field-named INVALID_INPUT error (HTTP 400). */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', `${field}: ${message}`, { field });
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `No such ${what}`);
}

export function conflict(message: string): DomainError {
  return new DomainError('CONFLICT', message);
}

/** Read a jsonb value that one engine may hand back as text. */
export function jsonValue<T>(v: unknown, fallback: T): T {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return (v ?? fallback) as T;
}

export function iso(d: Date | string | null): string | null {
  if (d === null) {
    return null;
  }
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/**
 * May the caller do `action` on statistics of `country`? A country-scoped grant reaches only the
 * caller's own country; a region-wide grant every country and the regional unit (XR).
 */
export function canOnCountry(actor: Actor, action: Action, country: string): boolean {
  return can(actor, action, 'statistic', { countryCode: country });
}

/** Require statistic:`action` on `country`; refusals are audited. */
export async function authorizeCountry(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  country: string,
): Promise<void> {
  if (!canOnCountry(auth.actor, action, country)) {
    await denyAccess(ctx, auth, action, 'statistic', country);
  }
}

/**
 * The countries a list may show for statistic:`action`: null = all (region scope), otherwise the
 * caller's own country. Refuses (audited) a caller without the action at any scope.
 */
export async function countryFilter(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
): Promise<string | null> {
  const scope = widestScope(auth.actor, action, 'statistic');
  if (scope === null) {
    return denyAccess(ctx, auth, action, 'statistic', null);
  }
  return scope === 'region' ? null : auth.actor.countryCode;
}

/** Does the country exist (a reference country or the regional unit)? */
export async function countryExists(db: Reader, country: string): Promise<boolean> {
  if (country === REGION_UNIT) {
    return true;
  }
  const row = await db
    .selectFrom('country')
    .select('code')
    .where('code', '=', country)
    .executeTakeFirst();
  return row !== undefined;
}

type DimRow = Record<StatDimension, string>;

/** The disaggregation of a row's dimension columns (totals left out). */
export function disaggregationOfRow(row: DimRow): Disaggregation {
  const d: Disaggregation = {};
  for (const dim of STAT_DIMENSIONS) {
    const v = row[dim];
    if (v !== '' && v !== undefined && v !== null) {
      d[dim] = v;
    }
  }
  return d;
}

/** The dimension columns of a disaggregation ('' where not broken down). */
export function dimensionColumns(d: Disaggregation): DimRow {
  const out = {} as DimRow;
  for (const dim of STAT_DIMENSIONS) {
    out[dim] = d[dim] ?? '';
  }
  return out;
}

export type ValueRow = Selectable<Database['stat_value']>;

export function cellOfRow(row: ValueRow): StatCell {
  return {
    dataElement: row.data_element,
    country: row.country,
    province: row.province,
    period: row.period,
    disaggregation: disaggregationOfRow(row),
    status: row.status as StatValueStatus,
    value: row.value === null ? null : Number(row.value),
  };
}

export type ViolationRow = Selectable<Database['stat_violation']> & { kind?: string | null };

export function presentViolation(row: ViolationRow): StatViolationView {
  const cells = jsonValue<StatCellRef[]>(row.cells, []);
  return {
    id: row.id,
    ruleCode: row.rule_code,
    kind: row.kind ?? '',
    dataElement: row.data_element,
    country: row.country,
    period: row.period,
    cells: cells.map((c) => ({
      dataElement: c.dataElement,
      country: c.country,
      province: c.province ?? '',
      period: c.period,
      disaggregation: c.disaggregation ?? {},
    })),
    actual: Number(row.actual),
    expected: Number(row.expected),
    status: row.status as StatViolationView['status'],
    annotation: row.annotation,
    firstSeenAt: iso(row.first_seen_at) as string,
    lastSeenAt: iso(row.last_seen_at) as string,
  };
}

/** Violations with their rule's kind. */
export function selectViolations(db: Reader) {
  return db
    .selectFrom('stat_violation as v')
    .leftJoin('stat_validation_rule as r', 'r.code', 'v.rule_code')
    .selectAll('v')
    .select('r.kind as kind');
}

export type ApprovalRow = Selectable<Database['stat_approval']>;

export function presentApproval(
  row: ApprovalRow | undefined,
  key: { dataSet: string; country: string; period: string },
): StatApprovalView {
  if (!row) {
    return {
      ...key,
      status: 'Open',
      version: 0,
      approvedAt: null,
      approvedBy: null,
      unapprovedAt: null,
      reason: null,
    };
  }
  return {
    dataSet: row.data_set,
    country: row.country,
    period: row.period,
    status: row.status as StatApprovalView['status'],
    version: Number(row.version),
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by,
    unapprovedAt: iso(row.unapproved_at),
    reason: row.reason,
  };
}

export type DataSetWithElements = {
  code: string;
  periodType: string;
  name: string;
  isBuiltIn: boolean;
  elements: { dataElement: string; formDimensions: StatDimension[]; sort: number }[];
};

/** A data set with its elements in form order, or undefined. */
export async function loadDataSet(
  db: Reader,
  code: string,
): Promise<DataSetWithElements | undefined> {
  const set = await db
    .selectFrom('stat_data_set')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!set) {
    return undefined;
  }
  const elements = await db
    .selectFrom('stat_data_set_element')
    .selectAll()
    .where('data_set', '=', code)
    .orderBy('sort')
    .orderBy('data_element')
    .execute();
  return {
    code: set.code,
    periodType: set.period_type,
    name: set.name,
    isBuiltIn: set.is_built_in,
    elements: elements.map((e) => ({
      dataElement: e.data_element,
      formDimensions: jsonValue<StatDimension[]>(e.form_dimensions, []),
      sort: Number(e.sort),
    })),
  };
}

/**
 * Check a period id against a data set's period type (a FinancialYear set takes the country's
 * fiscal start month).
 * @returns an error message, or null when the period fits
 */
export function periodProblem(
  period: string,
  periodType: string,
  fiscalStartMonth: number,
): string | null {
  const p = parsePeriod(period);
  if (!p) {
    return 'is not a period (2024, 2024Q1, 202403 or 2024Oct)';
  }
  if (p.type !== periodType) {
    return `must be a ${periodType} period`;
  }
  if (p.type === 'FinancialYear' && p.index !== fiscalStartMonth) {
    return 'must start in the country’s fiscal start month';
  }
  return null;
}
