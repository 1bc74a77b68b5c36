import { randomUUID } from 'node:crypto';
import type { Database } from '@ctip/db';
import {
  addDays,
  can,
  DomainError,
  isChildAge,
  PersonInputSchema,
  type RepatriationStep,
  type ShareableField,
  type SharingPolicy,
  stepDueDates,
  type XbAcceptInput,
  XbAcceptInputSchema,
  type XbCaseDetail,
  type XbCloseInput,
  XbCloseInputSchema,
  type XbOutcomeInput,
  XbOutcomeInputSchema,
  type XbRejectInput,
  XbRejectInputSchema,
  type XbStepUpdateInput,
  XbStepUpdateInputSchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { recordCaseHistory } from '../cases/case-access';
import { nextCaseCode } from '../cases/create-case';
import { sealOptional, sealPerson } from '../cases/person-crypto';
import { auditEvent, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import type { XbCaseRow } from '../federation/inbound-types';
import { enqueueMessage, kickOutbox } from '../federation/outbox';
import { resolveNode } from '../federation/routing';
import { loadActiveAgency } from '../users/create-user';
import {
  loadPolicy,
  loadSteps,
  localSide,
  openJson,
  requireXbCase,
  todayIso,
  xbRecordScope,
} from './xb-common';
import { getXbCase } from './xb-read';

type Trx = Transaction<Database>;

/** Load a side and require `update` on it; refuse changes to a closed, rejected or restricted one. */
async function loadForUpdate(
  ctx: ServiceContext,
  auth: AuthContext,
  xbCaseId: string,
  opts: { allowFinal?: boolean } = {},
) {
  const row = await requireXbCase(ctx.db, xbCaseId);
  if (!can(auth.actor, 'update', 'crossborder_case', xbRecordScope(row))) {
    await denyAccess(ctx, auth, 'update', 'crossborder_case', row.id);
  }
  if (!opts.allowFinal && (row.status === 'Closed' || row.status === 'Rejected')) {
    throw new DomainError('CONFLICT', `The shared case is ${row.status.toLowerCase()}`);
  }
  if (row.is_restricted) {
    throw new DomainError('CONFLICT', 'The shared case is restricted: consent was withdrawn');
  }
  return row;
}

/** Send a case message from this side (numbered by its xb_case row). */
export async function sendFromSide(
  trx: Trx,
  ctx: ServiceContext,
  row: XbCaseRow & { agreement_code?: string },
  agreementCode: string,
  kind: Parameters<typeof enqueueMessage>[2]['kind'],
  body: Record<string, unknown>,
  sealed?: unknown,
): Promise<void> {
  const route = await resolveNode(trx, ctx, row.peer_node);
  if (!route) {
    throw new DomainError('CONFLICT', `The peer node ${row.peer_node} is not reachable`);
  }
  await enqueueMessage(trx, ctx, {
    to: route,
    kind,
    ref: row.ref,
    xbCaseId: row.id,
    fromRole: row.role as 'Sender' | 'Receiver',
    fromCountry: row.local_country,
    toCountry: row.peer_country,
    agreement: agreementCode,
    policyVersion: row.policy_version,
    body,
    ...(sealed === undefined ? {} : { sealed }),
  });
}

/** Receiver only, still to decide. */
function requireUndecidedReceiver(row: XbCaseRow): void {
  if (row.role !== 'Receiver') {
    throw new DomainError('CONFLICT', 'Only the receiving side accepts or rejects a referral');
  }
  if (row.status !== 'Received' && row.status !== 'Offered') {
    throw new DomainError('CONFLICT', `The referral is already ${row.status.toLowerCase()}`);
  }
}

/** A person input from the shared fields (what does not parse is left out). */
function personFromShared(f: Partial<Record<ShareableField, unknown>>) {
  const candidate = {
    givenName: f['person.givenName'],
    familyName: f['person.familyName'],
    otherNames: f['person.otherNames'],
    birthDate: f['person.birthDate'],
    estimatedAge: f['person.estimatedAge'],
    gender: f['person.gender'],
    nationality: f['person.nationality'],
    ethnicity: f['person.ethnicity'],
    idDocumentNumber: f['person.idDocumentNumber'],
    contact: f['person.contact'] ?? f['rights.contactAt'],
  } as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(candidate)) {
    if (v === undefined || v === null) {
      continue;
    }
    const one = PersonInputSchema.safeParse({ [k]: v });
    if (one.success) {
      clean[k] = v;
    }
  }
  return PersonInputSchema.parse(clean);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Accept an incoming referral (receiving focal point): a local case is opened in this country from
 * the shared fields (person sealed, keyed hashes), owned by the chosen agency, and linked to the
 * shared case; the sender is told in the same transaction.
 * @throws FORBIDDEN (audited), CONFLICT (not an undecided incoming referral), INVALID_INPUT (agencyId)
 */
export async function acceptXbCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  input: XbAcceptInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(XbAcceptInputSchema, args.input ?? {});
  const row = await loadForUpdate(ctx, auth, args.xbCaseId);
  requireUndecidedReceiver(row);
  const agency = await loadActiveAgency(ctx.db, input.agencyId ?? auth.actor.agencyId, 'agencyId');
  if (agency.country_code !== row.local_country) {
    throw new DomainError('INVALID_INPUT', `agencyId: must be an agency of ${row.local_country}`, {
      field: 'agencyId',
    });
  }
  const shared =
    openJson<Partial<Record<ShareableField, unknown>>>(ctx.config, row.shared_enc) ?? {};
  const person = personFromShared(shared);
  const now = ctx.now();
  const today = todayIso(ctx);
  const caseId = randomUUID();
  const personId = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const sealed = sealPerson(ctx.config, personId, row.local_country, person);
    await trx.insertInto('person').values(sealed.row).execute();
    if (sealed.keys.length > 0) {
      await trx.insertInto('person_key').values(sealed.keys).execute();
    }
    const code = await nextCaseCode(trx, row.local_country, now);
    const age =
      typeof shared['person.estimatedAge'] === 'number' ? shared['person.estimatedAge'] : null;
    const status = shared['victim.identificationStatus'];
    const idDate = shared['victim.identificationDate'];
    const coe = shared['victim.countryOfExploitation'];
    await trx
      .insertInto('case_record')
      .values({
        id: caseId,
        code,
        person_id: personId,
        country_code: row.local_country,
        agency_id: agency.id,
        owner_user_id: auth.actor.userId,
        status: 'Active',
        ...(typeof status === 'string' ? { identification_status: status } : {}),
        identification_date: typeof idDate === 'string' ? idDate : null,
        gender: person.gender ?? row.sex,
        age_at_identification: age,
        is_child: isChildAge(age),
        nationality: person.nationality ?? null,
        forms_of_exploitation: strings(shared['victim.formsOfExploitation']),
        recruitment_methods: strings(shared['victim.recruitmentMethods']),
        methods_of_control: strings(shared['victim.methodsOfControl']),
        labour_industries: strings(shared['victim.labourIndustries']),
        vulnerabilities: strings(shared['victim.vulnerabilities']),
        country_of_exploitation: typeof coe === 'string' ? coe : null,
        is_cross_border: true,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const events = Array.isArray(shared['case.events'])
      ? (shared['case.events'] as Record<string, unknown>[])
      : [];
    for (const e of events) {
      await trx
        .insertInto('case_event')
        .values({
          id: randomUUID(),
          case_id: caseId,
          type: String(e.type ?? 'Other'),
          country: typeof e.country === 'string' ? e.country : null,
          state: typeof e.state === 'string' ? e.state : null,
          city: typeof e.city === 'string' ? e.city : null,
          occurred_on: typeof e.date === 'string' ? e.date : null,
          description_enc: sealOptional(
            ctx.config,
            typeof e.description === 'string' ? e.description : null,
          ),
          created_at: now,
        })
        .execute();
    }
    await trx
      .updateTable('xb_case')
      .set((eb) => ({
        status: 'Accepted',
        accepted_at: now,
        case_id: caseId,
        agency_id: agency.id,
        remote_case_code: row.remote_case_code ?? row.case_code,
        case_code: code,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await sendFromSide(trx, ctx, row, row.agreement_code, 'referral.accepted', {
      acceptedOn: today,
      receiverCaseCode: code,
    });
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'create',
      changes: { crossBorder: true, xbCaseId: row.id, fromCountry: row.peer_country },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.accept',
        { type: 'crossborder_case', id: row.id },
        { ref: row.ref, caseId, agencyId: agency.id, fromCountry: row.peer_country },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: row.id, audit: false });
}

/**
 * Reject an incoming referral with a reason (sealed, told to the sender). The shared data is kept
 * until the policy's retention ends.
 * @throws FORBIDDEN (audited), CONFLICT, INVALID_INPUT
 */
export async function rejectXbCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  input: XbRejectInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(XbRejectInputSchema, args.input);
  const row = await loadForUpdate(ctx, auth, args.xbCaseId);
  requireUndecidedReceiver(row);
  const { policy } = await loadPolicy(ctx.db, row.agreement_id, row.policy_version);
  const now = ctx.now();
  const today = todayIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('xb_case')
      .set((eb) => ({
        status: 'Rejected',
        rejected_at: now,
        reject_reason_enc: sealOptional(ctx.config, input.reason),
        retention_until: addDays(today, policy.retentionDays),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await sendFromSide(
      trx,
      ctx,
      row,
      row.agreement_code,
      'referral.rejected',
      { rejectedOn: today },
      { reason: input.reason },
    );
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.reject',
        { type: 'crossborder_case', id: row.id },
        { ref: row.ref, hasReason: true },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: row.id, audit: false });
}

/**
 * Due dates after a step change: completing `reception` fixes the dates of the steps anchored on it.
 * @returns the steps whose due date changed
 */
export function recomputedDueDates(
  policy: SharingPolicy,
  offeredOn: string,
  step: RepatriationStep,
  status: string,
  completedOn: string | null,
): { step: RepatriationStep; dueDate: string | null }[] {
  if (step !== 'reception' || status !== 'Done' || !completedOn) {
    return [];
  }
  const due = stepDueDates(policy.steps, offeredOn, completedOn);
  return policy.steps
    .filter((s) => s.anchor === 'reception')
    .map((s) => ({ step: s.step, dueDate: due.get(s.step) ?? null }));
}

/**
 * Update a step this side owns (origin or destination); the other side gets the same change. For
 * the handover, the border point (BLO/BCATIP) where it takes place.
 * @throws FORBIDDEN (not the owner; audited), NOT_FOUND (no such step), CONFLICT, INVALID_INPUT
 */
export async function updateXbStep(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  step: string;
  input: XbStepUpdateInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(XbStepUpdateInputSchema, args.input);
  const row = await loadForUpdate(ctx, auth, args.xbCaseId);
  const steps = await loadSteps(ctx.db, row.id);
  const current = steps.find((s) => s.step === args.step);
  if (!current) {
    throw new DomainError('NOT_FOUND', 'No such step on this shared case');
  }
  if (current.owner !== localSide(row)) {
    await denyAccess(ctx, auth, 'update', 'crossborder_case', row.id);
  }
  let borderPoint: { code: string; location: string } | null = null;
  if (input.borderPointId) {
    if (current.step !== 'handover') {
      throw new DomainError(
        'INVALID_INPUT',
        'borderPointId: only the handover has a border point',
        {
          field: 'borderPointId',
        },
      );
    }
    const bp = await ctx.db
      .selectFrom('border_point')
      .select(['code', 'location', 'countries'])
      .where('id', '=', input.borderPointId)
      .executeTakeFirst();
    if (!bp) {
      throw new DomainError('INVALID_INPUT', 'borderPointId: no such border point', {
        field: 'borderPointId',
      });
    }
    borderPoint = { code: bp.code, location: bp.location };
  } else if (current.border_point_code) {
    borderPoint = {
      code: current.border_point_code,
      location: current.border_point_location ?? '',
    };
  }
  const { policy } = await loadPolicy(ctx.db, row.agreement_id, row.policy_version);
  const completedOn = input.status === 'Done' ? (input.completedOn ?? null) : null;
  const offeredOn = row.offered_at.toISOString().slice(0, 10);
  const changedDue = recomputedDueDates(
    policy,
    offeredOn,
    current.step as RepatriationStep,
    input.status,
    completedOn,
  ).filter((d) => steps.some((s) => s.step === d.step));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('xb_step')
      .set({
        status: input.status,
        completed_on: completedOn,
        note_enc: sealOptional(ctx.config, input.note),
        border_point_code: borderPoint?.code ?? null,
        border_point_location: borderPoint?.location ?? null,
        updated_at: now,
      })
      .where('xb_case_id', '=', row.id)
      .where('step', '=', current.step)
      .execute();
    for (const d of changedDue) {
      await trx
        .updateTable('xb_step')
        .set({ due_date: d.dueDate, overdue_notified_on: null, updated_at: now })
        .where('xb_case_id', '=', row.id)
        .where('step', '=', d.step)
        .execute();
    }
    await trx
      .updateTable('xb_case')
      .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    await sendFromSide(
      trx,
      ctx,
      row,
      row.agreement_code,
      'step.update',
      {
        step: current.step,
        status: input.status,
        completedOn,
        dueDates: changedDue,
        borderPoint,
      },
      { note: input.note ?? null },
    );
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.step_update',
        { type: 'crossborder_case', id: row.id },
        {
          ref: row.ref,
          step: current.step,
          status: { from: current.status, to: input.status },
          borderPoint: borderPoint?.code ?? null,
        },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: row.id, audit: false });
}

/**
 * Report a service or follow-up outcome to the other side. A follow-up step this side owns is marked
 * done on both sides on the report day.
 * @throws FORBIDDEN (audited), CONFLICT, INVALID_INPUT
 */
export async function reportXbOutcome(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  input: XbOutcomeInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(XbOutcomeInputSchema, args.input);
  const row = await loadForUpdate(ctx, auth, args.xbCaseId);
  const now = ctx.now();
  const today = todayIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await applyOutcome(trx, ctx, row, {
      step: input.step ?? null,
      outcome: input.outcome,
      note: input.note ?? null,
      reportedOn: today,
      side: row.role,
      reporterSide: localSide(row),
    });
    await sendFromSide(
      trx,
      ctx,
      row,
      row.agreement_code,
      'service.outcome',
      { step: input.step ?? null, outcome: input.outcome, reportedOn: today },
      { note: input.note ?? null },
    );
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.outcome',
        { type: 'crossborder_case', id: row.id },
        { ref: row.ref, step: input.step ?? null, outcome: input.outcome },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: row.id, audit: false });
}

/** Record an outcome on a side (used by the reporter and by the inbound handler). */
export async function applyOutcome(
  trx: Trx,
  ctx: ServiceContext,
  row: XbCaseRow,
  o: {
    step: string | null;
    outcome: string;
    note: string | null;
    reportedOn: string;
    side: string;
    reporterSide: 'origin' | 'destination';
  },
): Promise<void> {
  await trx
    .insertInto('xb_outcome')
    .values({
      id: randomUUID(),
      xb_case_id: row.id,
      step: o.step,
      outcome: o.outcome,
      note_enc: sealOptional(ctx.config, o.note),
      reported_on: o.reportedOn,
      reported_by_side: o.side,
      created_at: ctx.now(),
    })
    .execute();
  if (o.step) {
    await trx
      .updateTable('xb_step')
      .set({ status: 'Done', completed_on: o.reportedOn, updated_at: ctx.now() })
      .where('xb_case_id', '=', row.id)
      .where('step', '=', o.step)
      .where('owner', '=', o.reporterSide)
      .where('status', '!=', 'Done')
      .execute();
  }
  await trx
    .updateTable('xb_case')
    .set((eb) => ({ updated_at: ctx.now(), version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .execute();
}

/**
 * Close the shared case (either side); the other side is told. The receiver keeps the shared data
 * for the policy's retention days.
 * @throws FORBIDDEN (audited), CONFLICT
 */
export async function closeXbCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  input: XbCloseInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(XbCloseInputSchema, args.input ?? {});
  const row = await loadForUpdate(ctx, auth, args.xbCaseId);
  const { policy } = await loadPolicy(ctx.db, row.agreement_id, row.policy_version);
  const now = ctx.now();
  const today = todayIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('xb_case')
      .set((eb) => ({
        status: 'Closed',
        closed_at: now,
        close_reason_enc: sealOptional(ctx.config, input.reason),
        retention_until: row.role === 'Receiver' ? addDays(today, policy.retentionDays) : null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await sendFromSide(
      trx,
      ctx,
      row,
      row.agreement_code,
      'case.closed',
      { closedOn: today },
      { reason: input.reason ?? null },
    );
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.close',
        { type: 'crossborder_case', id: row.id },
        { ref: row.ref, hasReason: Boolean(input.reason) },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: row.id, audit: false });
}
