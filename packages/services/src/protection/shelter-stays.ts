import { randomUUID } from 'node:crypto';
import {
  DomainError,
  deadlineTasks,
  IdSchema,
  IsoDateSchema,
  type ShelterPhaseNow,
  type ShelterStayInput,
  ShelterStayInputSchema,
  shelterPhase,
  text,
} from '@ctip/domain';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead, requireProvider } from './common';
import { loadCountryRules, todayOf } from './country-rules';

export type ShelterStayView = {
  id: string;
  providerId: string | null;
  providerName: string | null;
  admittedOn: string;
  dischargedOn: string | null;
  isVoluntary: boolean;
  worksOutside: boolean;
  /** The phase today (or on discharge), with its services; null when the country has no phases. */
  currentPhase: ShelterPhaseNow | null;
};

/**
 * The case's shelter stays, each with its current phase (country rules `shelter_phase`).
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function findShelterStays(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<ShelterStayView[]> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'read');
  const phases = await loadCountryRules(ctx.db, c.country_code, 'shelter_phase');
  const rows = await ctx.db
    .selectFrom('shelter_stay as s')
    .leftJoin('service_provider as p', 'p.id', 's.provider_id')
    .selectAll('s')
    .select('p.name as provider_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.admitted_on', 'desc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'shelter_stays');
  const today = todayOf(ctx);
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    admittedOn: r.admitted_on,
    dischargedOn: r.discharged_on,
    isVoluntary: r.is_voluntary,
    worksOutside: r.works_outside,
    currentPhase: shelterPhase(
      phases,
      r.admitted_on,
      r.discharged_on && r.discharged_on < today ? r.discharged_on : today,
    ),
  }));
}

/**
 * Record a shelter stay. Where the case's country has deadline steps (Thailand: the steps to work
 * outside the shelter, Section 37), create one task per step with its due date counted from the
 * admission, assigned to the case owner for the owning agency; steps for non-citizens only are
 * created when the person is not a citizen of that country (or the nationality is unknown).
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function recordShelterStay(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: ShelterStayInput;
}): Promise<{ id: string; taskIds: string[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(ShelterStayInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  await requireProvider(ctx.db, input.providerId, c.country_code);
  const nat = await ctx.db
    .selectFrom('case_record as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.nationality as case_nationality', 'p.nationality as person_nationality'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const nationality = nat.case_nationality ?? nat.person_nationality;
  const steps = await loadCountryRules(ctx.db, c.country_code, 'deadline_step');
  const due = deadlineTasks(steps, input.admittedOn, {
    isCitizen: nationality === c.country_code,
  });
  const now = ctx.now();
  const id = randomUUID();
  const taskIds = due.map(() => randomUUID());
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shelter_stay')
      .values({
        id,
        case_id: caseId,
        provider_id: input.providerId ?? null,
        admitted_on: input.admittedOn,
        discharged_on: input.dischargedOn ?? null,
        is_voluntary: input.isVoluntary,
        works_outside: input.worksOutside,
        created_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    if (due.length > 0) {
      await trx
        .insertInto('task')
        .values(
          due.map((t, i) => ({
            id: taskIds[i] as string,
            case_id: caseId,
            agency_id: c.agency_id,
            assignee_user_id: c.owner_user_id,
            kind: 'deadline_step',
            rule_id: t.ruleId,
            params: JSON.stringify({ ruleKey: t.key, stepNo: t.stepNo, shelterStayId: id }),
            due_on: t.dueOn,
            created_at: now,
          })),
        )
        .execute();
    }
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'shelter.record',
      changes: { admittedOn: input.admittedOn, worksOutside: input.worksOutside },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'shelter.record',
        { type: 'case', id: caseId },
        { shelterStayId: id, tasks: due.length },
      ),
      now,
    );
  });
  return { id, taskIds };
}

export const ShelterStayUpdateSchema = z.strictObject({
  dischargedOn: IsoDateSchema.optional(),
  dischargeReason: text(500).optional(),
  isVoluntary: z.boolean().optional(),
  worksOutside: z.boolean().optional(),
});

/**
 * Discharge a stay or change its flags.
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function updateShelterStay(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  stayId: string;
  input: z.input<typeof ShelterStayUpdateSchema>;
}): Promise<{ id: string }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const stayId = parseInput(IdSchema, args.stayId);
  const input = parseInput(ShelterStayUpdateSchema, args.input);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const stay = await ctx.db
    .selectFrom('shelter_stay')
    .select(['admitted_on'])
    .where('id', '=', stayId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!stay) {
    throw new DomainError('NOT_FOUND', 'No such shelter stay');
  }
  if (input.dischargedOn && input.dischargedOn < stay.admitted_on) {
    throw new DomainError('INVALID_INPUT', 'dischargedOn: must not be before the admission date', {
      field: 'dischargedOn',
    });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('shelter_stay')
      .set({
        ...(input.dischargedOn ? { discharged_on: input.dischargedOn } : {}),
        ...(input.dischargeReason
          ? { discharge_reason_enc: sealOptional(ctx.config, input.dischargeReason) }
          : {}),
        ...(input.isVoluntary !== undefined ? { is_voluntary: input.isVoluntary } : {}),
        ...(input.worksOutside !== undefined ? { works_outside: input.worksOutside } : {}),
      })
      .where('id', '=', stayId)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'shelter.record',
        { type: 'case', id: caseId },
        { shelterStayId: stayId, fields: Object.keys(input) },
      ),
      now,
    );
  });
  return { id: stayId };
}
