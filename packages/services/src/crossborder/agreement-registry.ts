import type { Database, Db } from '@ctip/db';
import {
  type Action,
  type Actor,
  type Agreement,
  type AgreementDetail,
  type AgreementInput,
  AgreementInputSchema,
  type AgreementListQuery,
  AgreementListQuerySchema,
  type AgreementMeetingRhythm,
  type AgreementRevisionInput,
  AgreementRevisionInputSchema,
  type AgreementStatus,
  type AgreementSubject,
  type AgreementType,
  type AgreementUpdateInput,
  AgreementUpdateInputSchema,
  type BorderMechanism,
  type BorderPoint,
  type BorderPointListQuery,
  BorderPointListQuerySchema,
  can,
  DomainError,
  type Page,
  SharingPolicySchema,
  type SharingPolicyStatus,
  type SharingPolicyVersion,
} from '@ctip/domain';
import { type Selectable, sql, type Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, denyAccess, requireScope } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { likePattern } from '../users/find-users';

type Reader = Db | Transaction<Database>;
type AgreementRow = Selectable<Database['agreement']>;

/** Whether the actor holds `action` on an agreement with these parties (any party in scope). */
export function canOnAgreement(actor: Actor, action: Action, parties: readonly string[]): boolean {
  return parties.some((countryCode) => can(actor, action, 'agreement', { countryCode }));
}

/**
 * Require `action` on an agreement with these parties; the refusal is audited.
 * @throws FORBIDDEN
 */
export async function authorizeAgreement(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  parties: readonly string[],
  id: string | null,
): Promise<void> {
  if (!canOnAgreement(auth.actor, action, parties)) {
    await denyAccess(ctx, auth, action, 'agreement', id);
  }
}

async function partiesOf(db: Reader, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('agreement_party')
    .select(['agreement_id', 'country_code'])
    .where('agreement_id', 'in', [...ids])
    .orderBy('country_code')
    .execute();
  for (const r of rows) {
    out.get(r.agreement_id)?.push(r.country_code);
  }
  return out;
}

async function activeVersions(db: Reader, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('sharing_policy')
    .select(['agreement_id', 'version'])
    .where('agreement_id', 'in', [...ids])
    .where('status', '=', 'Active')
    .execute();
  return new Map(rows.map((r) => [r.agreement_id, r.version]));
}

function toAgreement(
  r: AgreementRow,
  parties: string[],
  revisions: Agreement['revisions'],
  activePolicyVersion: number | null,
): Agreement {
  return {
    id: r.id,
    code: r.code,
    type: r.type as AgreementType,
    subject: r.subject as AgreementSubject,
    title: r.title,
    status: r.status as AgreementStatus,
    parties,
    signedOn: r.signed_on,
    dateNote: r.date_note,
    place: r.place,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    areas: r.areas,
    meetingRhythm:
      r.meeting_cadence_months == null
        ? null
        : {
            cadenceMonths: r.meeting_cadence_months,
            ...(r.meeting_review_months == null
              ? {}
              : { reviewEveryMonths: r.meeting_review_months }),
          },
    reviewEveryMonths: r.review_every_months,
    nextReviewOn: r.next_review_on,
    source: r.source,
    revisions,
    activePolicyVersion,
    version: r.version,
    updatedAt: isoOf(r.updated_at),
  };
}

/** The stored policy versions of an agreement, newest first. */
export async function loadPolicyVersions(
  db: Reader,
  agreementId: string,
): Promise<SharingPolicyVersion[]> {
  const rows = await db
    .selectFrom('sharing_policy')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    agreementId: r.agreement_id,
    version: r.version,
    status: r.status as SharingPolicyStatus,
    policy: SharingPolicySchema.parse(r.policy),
    createdAt: isoOf(r.created_at),
    activatedAt: isoOf(r.activated_at),
  }));
}

/**
 * Load an agreement with parties, revisions and the policy in force (no access check).
 * @throws NOT_FOUND
 */
export async function loadAgreement(db: Reader, id: string): Promise<Agreement> {
  const row = await db.selectFrom('agreement').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such agreement');
  }
  const revisions = await db
    .selectFrom('agreement_revision')
    .select(['id', 'revised_on', 'note'])
    .where('agreement_id', '=', id)
    .orderBy(sql`revised_on is null`)
    .orderBy('revised_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const parties = (await partiesOf(db, [id])).get(id) ?? [];
  const active = (await activeVersions(db, [id])).get(id) ?? null;
  return toAgreement(
    row,
    parties,
    revisions.map((r) => ({ id: r.id, revisedOn: r.revised_on, note: r.note })),
    active,
  );
}

/**
 * Instruments whose parties lie in the caller's scope (region: all), filtered and paged.
 * @throws FORBIDDEN (audited), INVALID_INPUT
 */
export async function findAgreements(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: Partial<AgreementListQuery> | Record<string, unknown>;
}): Promise<Page<Agreement>> {
  const { ctx, auth } = args;
  const query = parseInput(AgreementListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'agreement');
  let q = ctx.db.selectFrom('agreement');
  const hasParty = (country: string) =>
    sql<boolean>`exists (select 1 from agreement_party p where p.agreement_id = agreement.id and p.country_code = ${country})`;
  if (scope !== 'region') {
    q = q.where(hasParty(auth.actor.countryCode));
  }
  if (query.country) {
    q = q.where(hasParty(query.country));
  }
  if (query.type) {
    q = q.where('type', '=', query.type);
  }
  if (query.subject) {
    q = q.where('subject', '=', query.subject);
  }
  if (query.withPolicy) {
    const active = sql<boolean>`exists (select 1 from sharing_policy s where s.agreement_id = agreement.id and s.status = 'Active')`;
    q = q.where(query.withPolicy === 'true' ? active : sql<boolean>`not ${active}`);
  }
  if (query.q) {
    const pattern = likePattern(query.q.toLowerCase());
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['title']), 'like', pattern),
        eb(eb.fn('lower', ['code']), 'like', pattern),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const parties = await partiesOf(ctx.db, ids);
  const active = await activeVersions(ctx.db, ids);
  return {
    items: rows.map((r) => toAgreement(r, parties.get(r.id) ?? [], [], active.get(r.id) ?? null)),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * One instrument with parties, revisions and every policy version.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getAgreement(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<AgreementDetail> {
  const { ctx, auth } = args;
  const agreement = await loadAgreement(ctx.db, args.id);
  await authorizeAgreement(ctx, auth, 'read', agreement.parties, agreement.id);
  return { ...agreement, policies: await loadPolicyVersions(ctx.db, agreement.id) };
}

async function assertCountries(db: Reader, parties: readonly string[]): Promise<void> {
  const rows = await db
    .selectFrom('country')
    .select('code')
    .where('code', 'in', [...parties])
    .execute();
  const known = new Set(rows.map((r) => r.code));
  const unknown = parties.find((c) => !known.has(c));
  if (unknown) {
    throw new DomainError('INVALID_INPUT', `parties: ${unknown} is not a known country`, {
      field: 'parties',
    });
  }
}

/**
 * Register an instrument (a party must lie in the caller's scope).
 * @throws FORBIDDEN (audited), INVALID_INPUT (field named; code already registered)
 */
export async function createAgreement(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: AgreementInput;
}): Promise<AgreementDetail> {
  const { ctx, auth } = args;
  const input = parseInput(AgreementInputSchema, args.input);
  await authorizeAgreement(ctx, auth, 'create', input.parties, null);
  await assertCountries(ctx.db, input.parties);
  const taken = await ctx.db
    .selectFrom('agreement')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError('INVALID_INPUT', 'code: is already registered', { field: 'code' });
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('agreement')
        .values({
          id,
          code: input.code,
          type: input.type,
          subject: input.subject,
          title: input.title,
          status: input.status,
          signed_on: input.signedOn ?? null,
          date_note: input.dateNote ?? null,
          place: input.place ?? null,
          period_from: input.periodFrom ?? null,
          period_to: input.periodTo ?? null,
          areas: input.areas ?? null,
          meeting_cadence_months: input.meetingRhythm?.cadenceMonths ?? null,
          meeting_review_months: input.meetingRhythm?.reviewEveryMonths ?? null,
          review_every_months: input.reviewEveryMonths ?? null,
          next_review_on: input.nextReviewOn ?? null,
          source: input.source ?? null,
          is_seeded: false,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('agreement_party')
        .values(input.parties.map((c) => ({ agreement_id: id, country_code: c })))
        .execute();
      await appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'agreement.create',
          { type: 'agreement', id },
          { code: input.code, parties: [...input.parties].sort() },
        ),
        now,
      );
    })
    .catch(async (err: unknown) => {
      // Registered at the same moment by someone else: the code is taken.
      const raced = await ctx.db
        .selectFrom('agreement')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (raced) {
        throw new DomainError('INVALID_INPUT', 'code: is already registered', { field: 'code' });
      }
      throw err;
    });
  return getAgreement({ ctx, auth, id });
}

/**
 * Change an instrument's details; `version` must be the one read.
 * @throws NOT_FOUND, FORBIDDEN (audited), INVALID_INPUT, CONFLICT (stale version)
 */
export async function updateAgreement(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: AgreementUpdateInput;
}): Promise<AgreementDetail> {
  const { ctx, auth } = args;
  const input = parseInput(AgreementUpdateInputSchema, args.input);
  const current = await loadAgreement(ctx.db, args.id);
  await authorizeAgreement(ctx, auth, 'update', current.parties, current.id);
  const from = input.periodFrom !== undefined ? input.periodFrom : current.periodFrom;
  const to = input.periodTo !== undefined ? input.periodTo : current.periodTo;
  if (from && to && to < from) {
    throw new DomainError('INVALID_INPUT', 'periodTo: is before the period start', {
      field: 'periodTo',
    });
  }
  const values: Record<string, unknown> = {};
  const map: [keyof AgreementUpdateInput, string][] = [
    ['title', 'title'],
    ['status', 'status'],
    ['signedOn', 'signed_on'],
    ['dateNote', 'date_note'],
    ['place', 'place'],
    ['periodFrom', 'period_from'],
    ['periodTo', 'period_to'],
    ['areas', 'areas'],
    ['reviewEveryMonths', 'review_every_months'],
    ['nextReviewOn', 'next_review_on'],
  ];
  for (const [k, col] of map) {
    if (input[k] !== undefined) {
      values[col] = input[k];
    }
  }
  if (input.meetingRhythm !== undefined) {
    values.meeting_cadence_months = input.meetingRhythm?.cadenceMonths ?? null;
    values.meeting_review_months = input.meetingRhythm?.reviewEveryMonths ?? null;
  }
  const changed = Object.keys(input).filter((k) => k !== 'version');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('agreement')
      .set({ ...values, version: input.version + 1, updated_at: now })
      .where('id', '=', current.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      throw new DomainError('CONFLICT', 'The agreement was changed by someone else; reload it');
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'agreement.update',
        { type: 'agreement', id: current.id },
        { code: current.code, fields: changed },
      ),
      now,
    );
  });
  return getAgreement({ ctx, auth, id: current.id });
}

/**
 * Record a revision (amendment, revised version) of an instrument.
 * @throws NOT_FOUND, FORBIDDEN (audited), INVALID_INPUT
 */
export async function addAgreementRevision(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: AgreementRevisionInput;
}): Promise<AgreementDetail> {
  const { ctx, auth } = args;
  const input = parseInput(AgreementRevisionInputSchema, args.input);
  const current = await loadAgreement(ctx.db, args.id);
  await authorizeAgreement(ctx, auth, 'update', current.parties, current.id);
  const revisionId = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('agreement_revision')
      .values({
        id: revisionId,
        agreement_id: current.id,
        revised_on: input.revisedOn ?? null,
        note: input.note,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable('agreement')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', current.id)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'agreement.revision_add',
        { type: 'agreement', id: current.id },
        { code: current.code, revisionId },
      ),
      now,
    );
  });
  return getAgreement({ ctx, auth, id: current.id });
}

/**
 * Cross-border offices and facilities (BLO, BCATIP, reception centres…) in the caller's scope.
 * @throws FORBIDDEN (audited), INVALID_INPUT
 */
export async function listBorderPoints(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: Partial<BorderPointListQuery> | Record<string, unknown>;
}): Promise<BorderPoint[]> {
  const { ctx, auth } = args;
  const query = parseInput(BorderPointListQuerySchema, args.query ?? {});
  const scope = await requireScope(ctx, auth, 'read', 'agreement');
  let q = ctx.db.selectFrom('border_point').selectAll();
  if (scope !== 'region') {
    const c = auth.actor.countryCode;
    q = q.where(sql<boolean>`${c} = any(countries)`);
  }
  if (query.country) {
    const c = query.country;
    q = q.where(sql<boolean>`${c} = any(countries)`);
  }
  if (query.mechanism) {
    q = q.where('mechanism', '=', query.mechanism);
  }
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    mechanism: r.mechanism as BorderMechanism,
    countries: r.countries.map((c) => c.trim()),
    location: r.location,
    established: r.established,
    note: r.note,
    source: r.source,
  }));
}

/**
 * Every agreement that sets a meeting rhythm (for the meetings area's schedule), by code. Reference
 * data: no access check (callers check their own).
 */
export async function listMeetingRhythms(db: Reader): Promise<AgreementMeetingRhythm[]> {
  const rows = await db
    .selectFrom('agreement')
    .select(['id', 'code', 'meeting_cadence_months', 'meeting_review_months'])
    .where('meeting_cadence_months', 'is not', null)
    .orderBy('code')
    .execute();
  const parties = await partiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    agreementId: r.id,
    code: r.code,
    parties: parties.get(r.id) ?? [],
    rhythm: {
      cadenceMonths: r.meeting_cadence_months as number,
      ...(r.meeting_review_months == null ? {} : { reviewEveryMonths: r.meeting_review_months }),
    },
  }));
}
