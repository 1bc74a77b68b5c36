import type { Database } from '@ctip/db';
import {
  type CaseStudy,
  CaseStudyInputSchema,
  CaseStudyListQuerySchema,
  type CaseStudyStatus,
  type CaseStudyTransition,
  CaseStudyTransitionInputSchema,
  CaseStudyUpdateInputSchema,
  can,
  caseStudyTransition,
  DomainError,
  isCaseStudyEditable,
  isYearInFramework,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { authorize, denyAccess, requireScope } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated, givenColumns, invalid, staleVersion } from '../common';

// Case studies for the monitoring report. Access on resource `plan` at the case study's country
// (a regional case study, country null, is the Secretariat's): read, create, update (edit a draft,
// submit), approve (approve or return). Every read is filtered by the caller's scope; every
// change is audited as `plans.case_study_save` with its operation.

type Row = Selectable<Database['case_study']> & {
  area_code: string | null;
  area_title: string | null;
};

function iso(d: Date | string): string {
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString();
}

function present(r: Row): CaseStudy {
  return {
    id: r.id,
    frameworkId: r.framework_id,
    countryCode: r.country_code?.trim() ?? null,
    year: r.year,
    areaNodeId: r.area_node_id,
    areaCode: r.area_code,
    areaTitle: r.area_title,
    heading: r.heading,
    bodyEn: r.body_en,
    bodyLocal: r.body_local,
    localLang: r.local_lang,
    attribution: r.attribution,
    status: r.status as CaseStudyStatus,
    isSeeded: r.is_seeded,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function baseQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('case_study as c')
    .leftJoin('plan_node as n', 'n.id', 'c.area_node_id')
    .selectAll('c')
    .select(['n.code as area_code', 'n.title as area_title']);
}

async function loadRow(ctx: ServiceContext, id: string): Promise<Row> {
  const row = await baseQuery(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such case study');
  }
  return row;
}

const scopeOf = (row: { country_code: string | null; id?: string }) => ({
  countryCode: row.country_code?.trim() ?? null,
  id: row.id ?? null,
});

/**
 * Case studies the caller may read, newest year first, filtered by framework, country, year, area
 * and status.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited): plan:read
 */
export async function listCaseStudies(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: unknown;
}): Promise<CaseStudy[]> {
  const { ctx, auth } = args;
  const query = parseInput(CaseStudyListQuerySchema, args.query ?? {});
  const scope = await requireScope(ctx, auth, 'read', 'plan');
  let q = baseQuery(ctx);
  if (scope !== 'region') {
    q = q.where('c.country_code', '=', auth.actor.countryCode ?? '--');
  }
  if (query.framework) {
    q = q.where('c.framework_id', '=', query.framework);
  }
  if (query.country) {
    q = q.where('c.country_code', '=', query.country);
  }
  if (query.year !== undefined) {
    q = q.where('c.year', '=', query.year);
  }
  if (query.area) {
    q = q.where('c.area_node_id', '=', query.area);
  }
  if (query.status) {
    q = q.where('c.status', '=', query.status);
  }
  const rows = await q
    .orderBy('c.year', 'desc')
    .orderBy('c.country_code')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.filter((r) => can(auth.actor, 'read', 'plan', scopeOf(r))).map(present);
}

/**
 * One case study.
 * @throws NOT_FOUND, FORBIDDEN (audited): plan:read at its country
 */
export async function getCaseStudy(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<CaseStudy> {
  const row = await loadRow(args.ctx, args.id);
  await authorize(args.ctx, args.auth, 'read', 'plan', scopeOf(row));
  return present(row);
}

async function checkFramework(ctx: ServiceContext, frameworkId: string, year: number) {
  const f = await ctx.db
    .selectFrom('plan_framework')
    .select(['id', 'period_start', 'period_end', 'extended_to'])
    .where('id', '=', frameworkId)
    .executeTakeFirst();
  if (!f) {
    throw invalid('frameworkId', 'no such framework');
  }
  if (
    !isYearInFramework(year, {
      periodStart: f.period_start,
      periodEnd: f.period_end,
      extendedTo: f.extended_to,
    })
  ) {
    throw invalid('year', `lies outside the framework's period`);
  }
}

async function checkArea(ctx: ServiceContext, frameworkId: string, areaNodeId: string | null) {
  if (!areaNodeId) {
    return;
  }
  const node = await ctx.db
    .selectFrom('plan_node')
    .select(['id', 'kind'])
    .where('id', '=', areaNodeId)
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
  if (!node) {
    throw invalid('areaNodeId', 'is not a node of the framework');
  }
  if (node.kind !== 'area' && node.kind !== 'outcome') {
    throw invalid('areaNodeId', 'is not an area (or outcome) of the framework');
  }
}

async function checkCountry(ctx: ServiceContext, code: string | null) {
  if (!code) {
    return;
  }
  const c = await ctx.db
    .selectFrom('country')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!c) {
    throw invalid('countryCode', 'names an unknown country');
  }
}

/**
 * Write a draft case study (roles only: the input confirms `noVictimNames`).
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited): plan:create at its country
 */
export async function createCaseStudy(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: unknown;
}): Promise<CaseStudy> {
  const { ctx, auth } = args;
  const input = parseInput(CaseStudyInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan', { countryCode: input.countryCode });
  await checkCountry(ctx, input.countryCode);
  await checkFramework(ctx, input.frameworkId, input.year);
  await checkArea(ctx, input.frameworkId, input.areaNodeId ?? null);
  if (input.bodyLocal && !input.localLang) {
    throw invalid('localLang', 'name the language of the national text');
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_study')
      .values({
        id,
        framework_id: input.frameworkId,
        country_code: input.countryCode,
        year: input.year,
        area_node_id: input.areaNodeId ?? null,
        heading: input.heading,
        body_en: input.bodyEn,
        body_local: input.bodyLocal ?? null,
        local_lang: input.bodyLocal ? (input.localLang ?? null) : null,
        attribution: input.attribution ?? null,
        status: 'Draft',
        is_seeded: false,
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.case_study_save',
      { type: 'case_study', id },
      { op: 'create', country: input.countryCode, year: input.year },
    );
  });
  return present(await loadRow(ctx, id));
}

/**
 * Edit a draft at a version.
 * @throws INVALID_INPUT, NOT_FOUND, CONFLICT (`version`; `status` when not a draft),
 *   FORBIDDEN (audited): plan:update at its country
 */
export async function updateCaseStudy(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: unknown;
}): Promise<CaseStudy> {
  const { ctx, auth } = args;
  const row = await loadRow(ctx, args.id);
  await authorize(ctx, auth, 'update', 'plan', scopeOf(row));
  const input = parseInput(CaseStudyUpdateInputSchema, args.input);
  if (input.version !== row.version) {
    throw staleVersion('case study');
  }
  if (!isCaseStudyEditable(row.status as CaseStudyStatus)) {
    throw new DomainError('CONFLICT', `A ${row.status.toLowerCase()} case study is read-only`, {
      field: 'status',
    });
  }
  if (input.year !== undefined) {
    await checkFramework(ctx, row.framework_id, input.year);
  }
  if (input.areaNodeId !== undefined) {
    await checkArea(ctx, row.framework_id, input.areaNodeId);
  }
  const bodyLocal = input.bodyLocal !== undefined ? input.bodyLocal : row.body_local;
  const localLang = input.localLang !== undefined ? input.localLang : row.local_lang;
  if (bodyLocal && !localLang) {
    throw invalid('localLang', 'name the language of the national text');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('case_study')
      .set((eb) => ({
        ...givenColumns(input, {
          year: 'year',
          areaNodeId: 'area_node_id',
          heading: 'heading',
          bodyEn: 'body_en',
          attribution: 'attribution',
        }),
        body_local: bodyLocal ?? null,
        local_lang: bodyLocal ? (localLang ?? null) : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(r, () => staleVersion('case study'));
    await audit(
      trx,
      now,
      auth,
      'plans.case_study_save',
      { type: 'case_study', id: row.id },
      { op: 'update', fields: Object.keys(input).filter((k) => k !== 'version') },
    );
  });
  return present(await loadRow(ctx, row.id));
}

/**
 * Move a case study through its workflow: `submit` (plan:update at its country), `approve` and
 * `return` (plan:approve: the Secretariat; return needs a reason).
 * @throws INVALID_INPUT (`reason`), NOT_FOUND, CONFLICT (`version`, `status`), FORBIDDEN (audited)
 */
export async function transitionCaseStudy(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  transition: CaseStudyTransition;
  input: unknown;
}): Promise<CaseStudy> {
  const { ctx, auth, transition } = args;
  const row = await loadRow(ctx, args.id);
  const action = transition === 'submit' ? 'update' : 'approve';
  if (!can(auth.actor, action, 'plan', scopeOf(row))) {
    await denyAccess(ctx, auth, action, 'plan', row.id);
  }
  const input = parseInput(CaseStudyTransitionInputSchema, args.input);
  if (transition === 'return' && !input.reason) {
    throw invalid('reason', 'give the reason for returning the case study');
  }
  if (input.version !== row.version) {
    throw staleVersion('case study');
  }
  const to = caseStudyTransition(row.status as CaseStudyStatus, transition);
  if (!to) {
    throw new DomainError(
      'CONFLICT',
      `Cannot ${transition} a ${row.status.toLowerCase()} case study`,
      { field: 'status' },
    );
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('case_study')
      .set((eb) => ({ status: to, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(r, () => staleVersion('case study'));
    await audit(
      trx,
      now,
      auth,
      'plans.case_study_save',
      { type: 'case_study', id: row.id },
      { op: transition, from: row.status, to, ...(input.reason ? { reason: input.reason } : {}) },
    );
  });
  return present(await loadRow(ctx, row.id));
}

/**
 * Delete a draft (never a seeded one).
 * @throws NOT_FOUND, CONFLICT (`status`), FORBIDDEN (audited): plan:delete at its country, or
 *   plan:update for the draft's own author
 */
export async function deleteCaseStudy(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const row = await loadRow(ctx, args.id);
  const mayDelete =
    can(auth.actor, 'delete', 'plan', scopeOf(row)) ||
    (row.created_by === auth.actor.userId && can(auth.actor, 'update', 'plan', scopeOf(row)));
  if (!mayDelete) {
    await denyAccess(ctx, auth, 'delete', 'plan', row.id);
  }
  if (row.status !== 'Draft' || row.is_seeded) {
    throw new DomainError('CONFLICT', 'Only an unseeded draft is deleted', { field: 'status' });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('case_study').where('id', '=', row.id).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.case_study_save',
      { type: 'case_study', id: row.id },
      { op: 'delete' },
    );
  });
}

/** An area (or outcome) a case study may belong to. */
export type CaseStudyArea = { id: string; frameworkId: string; code: string; title: string };

/**
 * The areas (SPA III) or outcomes (results frameworks) of a framework, for the case-study forms.
 * @throws INVALID_INPUT (`framework`), FORBIDDEN (audited): plan:read
 */
export async function listCaseStudyAreas(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  framework: unknown;
}): Promise<CaseStudyArea[]> {
  const { ctx, auth } = args;
  await requireScope(ctx, auth, 'read', 'plan');
  const framework = typeof args.framework === 'string' ? args.framework.trim() : '';
  if (!framework || framework.length > 20) {
    throw invalid('framework', 'name the framework');
  }
  const rows = await ctx.db
    .selectFrom('plan_node')
    .select(['id', 'framework_id', 'code', 'title'])
    .where('framework_id', '=', framework)
    .where('kind', 'in', ['area', 'outcome'])
    .orderBy('position')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    frameworkId: r.framework_id,
    code: r.code,
    title: r.title ?? '',
  }));
}
