import type { Database, Db } from '@ctip/db';
import { type Action, type AuditAction, DomainError, widestScope } from '@ctip/domain';
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize, denyAccess } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';

// Helpers shared by the plans services (frameworks, workplans, indicators, progress, budgets,
// trainings, case studies, participants, reports).

export type Trx = Transaction<Database>;
export type Reader = Db | Trx | Kysely<Database>;

/** A field-named INVALID_INPUT error (HTTP 400). */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', `${field}: ${message}`, { field });
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `No such ${what}`);
}

export function stale(what: string): DomainError {
  return new DomainError('CONFLICT', `The ${what} was changed by someone else; reload it`);
}

/** As `stale`, naming the `version` field. */
export function staleVersion(what: string): DomainError {
  return new DomainError('CONFLICT', `The ${what} was changed by someone else; reload it`, {
    field: 'version',
  });
}

export function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Is this a unique-constraint violation (either engine)? */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505';
}

/** Append one success audit event of `auth` in `trx`. */
export async function audit(
  trx: Trx,
  now: Date,
  auth: AuthContext,
  action: AuditAction,
  target: { type: string; id: string | null },
  details?: Record<string, unknown>,
): Promise<void> {
  await appendAuditEvent(trx, auditEvent(auth, action, target, details), now);
}

/** Throw `error()` unless exactly one row was updated (an optimistic lock held). */
export function expectOneUpdated(
  result: { numUpdatedRows: bigint },
  error: () => DomainError,
): void {
  if (Number(result.numUpdatedRows) !== 1) {
    throw error();
  }
}

/**
 * The countries a plan list may show: null = every country (region scope), else the caller's own.
 * A caller asking for another country than their own is refused (audited).
 * @throws FORBIDDEN (audited)
 */
export async function planCountryFilter(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  asked: string | undefined,
): Promise<string | null> {
  await authorize(ctx, auth, action, 'plan');
  const scope = widestScope(auth.actor, action, 'plan');
  if (scope === 'region') {
    return asked ?? null;
  }
  if (asked !== undefined && asked !== auth.actor.countryCode) {
    return denyAccess(ctx, auth, action, 'plan', asked);
  }
  return auth.actor.countryCode;
}

/**
 * Require `action` on a row looked up by id, in the row's country (null = an entity row, region
 * scope). A missing row is NOT_FOUND only for those who may act somewhere.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function requirePlanRow<R extends { country_code: string | null }>(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  id: string,
  row: R | undefined,
  what: string,
): Promise<R> {
  if (!row) {
    await authorize(ctx, auth, action, 'plan');
    throw notFound(what);
  }
  await authorize(ctx, auth, action, 'plan', { countryCode: row.country_code?.trim() ?? null, id });
  return row;
}

/** Is `code` a known country? */
export async function countryExists(db: Reader, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('country')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** @throws INVALID_INPUT on `frameworkId` when it names no framework */
export async function checkFrameworkRef(db: Reader, frameworkId: string): Promise<void> {
  const fw = await db
    .selectFrom('plan_framework')
    .select('id')
    .where('id', '=', frameworkId)
    .executeTakeFirst();
  if (!fw) {
    throw invalid('frameworkId', 'is not a known framework');
  }
}

type YearSpan = { year_start: number | null; year_end: number | null };

/**
 * Rows with a year span (`year_start`..`year_end`, either open) that covers `year`; a row with
 * neither year is left out.
 */
export function coversYear<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  year: number,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<{ t: YearSpan }, 't'>;
  return e.and([
    e.or([e('year_start', 'is not', null), e('year_end', 'is not', null)]),
    e.or([e('year_start', 'is', null), e('year_start', '<=', year)]),
    e.or([e('year_end', 'is', null), e('year_end', '>=', year)]),
  ]);
}

/** Rows of one of `codes`' countries, or regional ones (no country). */
export function countryOrRegional<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  codes: readonly string[],
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<{ t: { country_code: string | null } }, 't'>;
  return e.or([
    e('country_code', 'in', codes.length ? codes : ['--']),
    e('country_code', 'is', null),
  ]);
}

/**
 * Rows with a year span that overlaps `from`..`to`: starting by `to` (or open) and ending from
 * `from` (an open end counts by the start; a row with neither year is kept).
 */
export function overlapsYears<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  from: number,
  to: number,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<{ t: YearSpan }, 't'>;
  return e.and([
    e.or([e('year_start', 'is', null), e('year_start', '<=', to)]),
    e.or([
      e('year_end', '>=', from),
      e.and([e('year_end', 'is', null), e('year_start', '>=', from)]),
      e.and([e('year_end', 'is', null), e('year_start', 'is', null)]),
    ]),
  ]);
}

/**
 * The columns for the fields `input` gives (not undefined), in the order of `columns`
 * (field → column): what a partial update sets.
 */
export function givenColumns<I extends object>(
  input: I,
  columns: { readonly [K in keyof I]?: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns) as [keyof I, string][]) {
    if (input[field] !== undefined) {
      out[column] = input[field];
    }
  }
  return out;
}
