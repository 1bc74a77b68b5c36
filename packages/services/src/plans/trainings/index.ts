import type { Database } from '@ctip/db';
import {
  checkTraining,
  type TraineeType,
  type TrainingCountView,
  type TrainingInput,
  TrainingInputSchema,
  type TrainingListQuery,
  TrainingListQuerySchema,
  type TrainingSex,
  type TrainingTotals,
  type TrainingUpdateInput,
  TrainingUpdateInputSchema,
  type TrainingView,
  trainingParticipants,
  trainingTotals,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  audit,
  checkFrameworkRef,
  countryExists,
  coversYear,
  expectOneUpdated,
  invalid,
  planCountryFilter,
  type Reader,
  requirePlanRow,
  stale,
  type Trx,
} from '../common';

type EventRow = Selectable<Database['training_event']>;

function isoDate(v: unknown): string | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (v instanceof Date) {
    const y = v.getFullYear();
    const m = String(v.getMonth() + 1).padStart(2, '0');
    const d = String(v.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(v).slice(0, 10);
}

async function views(db: Reader, rows: EventRow[]): Promise<TrainingView[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((r) => r.id);
  const areaIds = [
    ...new Set(rows.map((r) => r.area_node_id).filter((a): a is string => a !== null)),
  ];
  const [targets, counts, areas] = await Promise.all([
    db
      .selectFrom('training_target')
      .innerJoin('plan_node', 'plan_node.id', 'training_target.target_node_id')
      .select(['training_target.training_id', 'plan_node.code'])
      .where('training_target.training_id', 'in', ids)
      .execute(),
    db
      .selectFrom('training_participant_count')
      .selectAll()
      .where('training_id', 'in', ids)
      .execute(),
    areaIds.length === 0
      ? Promise.resolve([] as { id: string; code: string }[])
      : db.selectFrom('plan_node').select(['id', 'code']).where('id', 'in', areaIds).execute(),
  ]);
  const areaCode = new Map(areas.map((a) => [a.id, a.code]));
  return rows.map((r) => {
    const cs: TrainingCountView[] = counts
      .filter((c) => c.training_id === r.id)
      .map((c) => ({
        traineeType: c.trainee_type as TraineeType,
        traineeTypeText: c.trainee_type_text,
        sex: c.sex as TrainingSex,
        count: c.count,
        unitText: c.unit_text,
        isApproximate: c.is_approximate,
      }));
    return {
      id: r.id,
      countryCode: r.country_code?.trim() ?? null,
      level: r.level,
      title: r.title,
      curriculum: r.curriculum,
      organiser: r.organiser,
      trainers: r.trainers,
      location: r.location,
      language: r.language,
      startOn: isoDate(r.start_on),
      endOn: isoDate(r.end_on),
      durationDays: r.duration_days,
      periodText: r.period_text,
      yearStart: r.year_start,
      yearEnd: r.year_end,
      eventsCount: r.events_count,
      eventsCountText: r.events_count_text,
      frameworkId: r.framework_id,
      areaCode: r.area_node_id ? (areaCode.get(r.area_node_id) ?? null) : null,
      targets: targets
        .filter((t) => t.training_id === r.id)
        .map((t) => t.code)
        .sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
      counts: cs,
      participants: trainingParticipants(cs),
      source: r.source,
      quote: r.quote,
      isSeeded: r.is_seeded,
      version: r.version,
    };
  });
}

async function loadList(
  ctx: ServiceContext,
  auth: AuthContext,
  query: TrainingListQuery,
): Promise<TrainingView[]> {
  const q0 = parseInput(TrainingListQuerySchema, query);
  const country = await planCountryFilter(ctx, auth, 'read', q0.country);
  let q = ctx.db.selectFrom('training_event').selectAll('training_event');
  if (country !== null) {
    q = q.where('training_event.country_code', '=', country);
  }
  if (q0.framework) {
    q = q.where('training_event.framework_id', '=', q0.framework);
  }
  if (q0.year !== undefined) {
    const y = q0.year;
    q = q.where((eb) => coversYear(eb, y));
  }
  if (q0.target) {
    const target = q0.target;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_target')
          .innerJoin('plan_node', 'plan_node.id', 'training_target.target_node_id')
          .select('training_target.training_id')
          .whereRef('training_target.training_id', '=', 'training_event.id')
          .where('plan_node.code', '=', target),
      ),
    );
  }
  const rows = await q
    .orderBy('training_event.country_code')
    .orderBy('training_event.year_start')
    .orderBy('training_event.title')
    .execute();
  return views(ctx.db, rows);
}

/**
 * Training events with their targets and participants, filtered by the caller's country scope
 * and by country, year (an event covering it), target code (`1.2`) and framework; with totals.
 * @throws FORBIDDEN (audited) without plan:read or for another country
 */
export async function listTrainings(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: TrainingListQuery;
}): Promise<{ items: TrainingView[]; totals: TrainingTotals }> {
  const items = await loadList(args.ctx, args.auth, args.query ?? {});
  return { items, totals: trainingTotals(items) };
}

/** Totals (events, sessions, participants by trainee type × sex, by country) for the filters. */
export async function getTrainingTotals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: TrainingListQuery;
}): Promise<TrainingTotals> {
  return trainingTotals(await loadList(args.ctx, args.auth, args.query ?? {}));
}

async function loadFor(
  ctx: ServiceContext,
  auth: AuthContext,
  id: string,
  action: 'read' | 'update' | 'delete',
): Promise<EventRow> {
  const row = await ctx.db
    .selectFrom('training_event')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return requirePlanRow(ctx, auth, action, id, row, 'training event');
}

/** One training event. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function getTraining(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<TrainingView> {
  const row = await loadFor(args.ctx, args.auth, args.id, 'read');
  const [v] = await views(args.ctx.db, [row]);
  return v as TrainingView;
}

type Checked = ReturnType<typeof TrainingInputSchema.parse>;

/** Field-named checks beyond the schema; returns the target node ids in input order. */
async function checkInput(db: Reader, input: Checked): Promise<string[]> {
  const issue = checkTraining(input)[0];
  if (issue) {
    throw invalid(issue.path, issue.message);
  }
  if (input.countryCode && !(await countryExists(db, input.countryCode))) {
    throw invalid('countryCode', 'is not a known country');
  }
  if (input.frameworkId) {
    await checkFrameworkRef(db, input.frameworkId);
  }
  const codes = [...new Set(input.targets ?? [])];
  if (codes.length === 0 || !input.frameworkId) {
    return [];
  }
  const nodes = await db
    .selectFrom('plan_node')
    .select(['id', 'code'])
    .where('framework_id', '=', input.frameworkId)
    .where('kind', '=', 'target')
    .where('code', 'in', codes)
    .execute();
  const byCode = new Map(nodes.map((n) => [n.code, n.id]));
  return codes.map((c) => {
    const id = byCode.get(c);
    if (!id) {
      const i = (input.targets ?? []).indexOf(c);
      throw invalid(`targets.${i}`, `is not a target of framework ${input.frameworkId}`);
    }
    return id;
  });
}

function columns(input: Checked) {
  return {
    country_code: input.countryCode ?? null,
    level: input.level,
    title: input.title,
    curriculum: input.curriculum ?? null,
    organiser: input.organiser ?? null,
    trainers: input.trainers ?? null,
    location: input.location ?? null,
    language: input.language ?? null,
    start_on: input.startOn ?? null,
    end_on: input.endOn ?? null,
    duration_days: input.durationDays ?? null,
    period_text: input.periodText ?? null,
    year_start: input.yearStart ?? (input.startOn ? Number(input.startOn.slice(0, 4)) : null),
    year_end: input.yearEnd ?? (input.endOn ? Number(input.endOn.slice(0, 4)) : null),
    events_count: input.eventsCount ?? null,
    events_count_text: input.eventsCountText ?? null,
    framework_id: input.frameworkId ?? null,
    source: input.source ?? null,
    quote: input.quote ?? null,
  };
}

async function writeChildren(trx: Trx, id: string, targetIds: string[], input: Checked) {
  await trx.deleteFrom('training_target').where('training_id', '=', id).execute();
  await trx.deleteFrom('training_participant_count').where('training_id', '=', id).execute();
  if (targetIds.length > 0) {
    await trx
      .insertInto('training_target')
      .values(targetIds.map((t) => ({ training_id: id, target_node_id: t })))
      .execute();
  }
  const counts = input.counts ?? [];
  if (counts.length > 0) {
    await trx
      .insertInto('training_participant_count')
      .values(
        counts.map((c) => ({
          id: crypto.randomUUID(),
          training_id: id,
          trainee_type: c.traineeType,
          trainee_type_text: c.traineeTypeText ?? null,
          sex: c.sex,
          count: c.count,
          unit_text: c.unitText ?? null,
          is_approximate: c.isApproximate ?? false,
        })),
      )
      .execute();
  }
}

/**
 * Record a training event with its targets and participant counts. Refused (field-named): end
 * before start, negative counts, a target not in the framework, a repeated type × sex.
 * @throws INVALID_INPUT, FORBIDDEN (audited; an event with no country needs region scope)
 */
export async function createTraining(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: TrainingInput;
}): Promise<TrainingView> {
  const { ctx, auth } = args;
  const input = parseInput(TrainingInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan', { countryCode: input.countryCode ?? null });
  const targetIds = await checkInput(ctx.db, input);
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('training_event')
      .values({
        id,
        ...columns(input),
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeChildren(trx, id, targetIds, input);
    await audit(
      trx,
      now,
      auth,
      'plans.training_save',
      { type: 'training_event', id },
      { op: 'create', country: input.countryCode ?? null, targets: input.targets ?? [] },
    );
  });
  return getTraining({ ctx, auth, id });
}

/**
 * Change a training event (all fields sent again; targets and counts replaced), optimistic lock.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT on a stale version
 */
export async function updateTraining(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: TrainingUpdateInput;
}): Promise<TrainingView> {
  const { ctx, auth, id } = args;
  const input = parseInput(TrainingUpdateInputSchema, args.input);
  const row = await loadFor(ctx, auth, id, 'update');
  if ((input.countryCode ?? null) !== (row.country_code?.trim() ?? null)) {
    await authorize(ctx, auth, 'update', 'plan', { countryCode: input.countryCode ?? null, id });
  }
  const targetIds = await checkInput(ctx.db, input);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('training_event')
      .set({ ...columns(input), version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(done, () => stale('training event'));
    await writeChildren(trx, id, targetIds, input);
    await audit(
      trx,
      now,
      auth,
      'plans.training_save',
      { type: 'training_event', id },
      { op: 'update', version: input.version + 1 },
    );
  });
  return getTraining({ ctx, auth, id });
}

/** Delete a training event with its counts and links. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function deleteTraining(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth, id } = args;
  const row = await loadFor(ctx, auth, id, 'delete');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('training_event').where('id', '=', id).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.training_save',
      { type: 'training_event', id },
      { op: 'delete', country: row.country_code?.trim() ?? null, title: row.title },
    );
  });
}
