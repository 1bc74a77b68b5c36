import type { Database, Db } from '@ctip/db';
import {
  type AgeGroup,
  DomainError,
  type Gender,
  type NotificationKind,
  REPATRIATION_STEPS,
  type RecordScope,
  type RepatriationStep,
  type SharingPolicy,
  SharingPolicySchema,
  type StepOwner,
  type StepStatus,
  stepDelayDays,
  type XbCaseListItem,
  type XbCaseStatus,
  type XbPurpose,
  type XbRole,
  type XbStep,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { openOptional, sealOptional } from '../cases/person-crypto';
import { isoOf } from '../common/iso-date';
import type { ServiceConfig, ServiceContext } from '../context';
import type { XbCaseRow } from '../federation/inbound-types';
import { insertNotification } from '../referrals/common';

type Executor = Db | Transaction<Database>;
export type XbStepRow = Selectable<Database['xb_step']>;

/** Seal a JSON value (shared fields) with this node's key. */
export function sealJson(config: ServiceConfig, value: unknown): string | null {
  return sealOptional(config, JSON.stringify(value));
}

/** Open a sealed JSON value (null when absent). */
export function openJson<T>(config: ServiceConfig, sealed: string | null): T | null {
  const s = openOptional(config, sealed);
  return s == null ? null : (JSON.parse(s) as T);
}

/** The policy version a shared case travels under. */
export async function loadPolicy(
  db: Executor,
  agreementId: string,
  version: number,
): Promise<{ policy: SharingPolicy; code: string }> {
  const row = await db
    .selectFrom('sharing_policy')
    .innerJoin('agreement', 'agreement.id', 'sharing_policy.agreement_id')
    .select(['sharing_policy.policy', 'agreement.code'])
    .where('sharing_policy.agreement_id', '=', agreementId)
    .where('sharing_policy.version', '=', version)
    .executeTakeFirstOrThrow();
  return { policy: SharingPolicySchema.parse(row.policy), code: row.code };
}

/** Where a shared case sits for the access policies: its local country and agency. */
export function xbRecordScope(row: XbCaseRow): RecordScope {
  return {
    ownerUserId: row.created_by,
    agencyId: row.agency_id,
    countryCode: row.local_country,
  };
}

/** Which side owns a step from this node's point of view. */
export function ownerCountryOf(
  owner: StepOwner,
  c: { origin_country: string; destination_country: string },
): string {
  return owner === 'origin' ? c.origin_country : c.destination_country;
}

/** This node's side of the case (origin or destination). */
export function localSide(c: XbCaseRow): StepOwner {
  return c.local_country === c.origin_country ? 'origin' : 'destination';
}

/** Steps of a case in timeline order. */
export async function loadSteps(db: Executor, xbCaseId: string): Promise<XbStepRow[]> {
  return db
    .selectFrom('xb_step')
    .selectAll()
    .where('xb_case_id', '=', xbCaseId)
    .orderBy('position')
    .execute();
}

/** A step row as the API shows it, with its delay on `today`. */
export function stepRowToStep(config: ServiceConfig, r: XbStepRow, today: string): XbStep {
  const status = r.status as StepStatus;
  return {
    step: r.step as RepatriationStep,
    owner: r.owner as StepOwner,
    ownerCountry: r.owner_country,
    dueDate: r.due_date,
    status,
    completedOn: r.completed_on,
    note: openOptional(config, r.note_enc),
    delayDays: stepDelayDays({ status, dueDate: r.due_date, completedOn: r.completed_on }, today),
    updatedAt: isoOf(r.updated_at),
  };
}

/** Whether a step counts as overdue on `today`. */
export function isOverdue(
  r: { status: string; due_date: string | null; completed_on: string | null },
  today: string,
): boolean {
  if (r.status === 'Done' || r.status === 'NotApplicable' || !r.due_date) {
    return false;
  }
  return r.due_date < today;
}

/** A case row as lists show it (no personal data). */
export function xbRowToListItem(
  row: XbCaseRow & { agreement_code: string },
  steps: readonly XbStepRow[],
  pendingMessages: number,
  today: string,
): XbCaseListItem {
  const open = row.status !== 'Closed' && row.status !== 'Rejected';
  const overdue = open ? steps.filter((s) => isOverdue(s, today)).length : 0;
  const next = open
    ? steps
        .filter((s) => s.due_date && s.status !== 'Done' && s.status !== 'NotApplicable')
        .sort((a, b) => String(a.due_date).localeCompare(String(b.due_date)))[0]
    : undefined;
  return {
    id: row.id,
    ref: row.ref,
    role: row.role as XbRole,
    status: row.status as XbCaseStatus,
    purpose: row.purpose as XbPurpose,
    localCountry: row.local_country,
    peerCountry: row.peer_country,
    originCountry: row.origin_country,
    destinationCountry: row.destination_country,
    agreementCode: row.agreement_code,
    policyVersion: row.policy_version,
    caseCode: row.case_code,
    remoteCaseCode: row.remote_case_code,
    sex: row.sex as Gender,
    ageGroup: row.age_group as AgeGroup,
    isRestricted: row.is_restricted,
    overdueSteps: overdue,
    nextDueStep: next ? { step: next.step, dueDate: next.due_date as string } : null,
    offeredAt: isoOf(row.offered_at),
    updatedAt: isoOf(row.updated_at),
    pendingMessages,
  };
}

/** Load this node's side of a shared case by id (with its agreement code). */
export async function loadXbCase(
  db: Executor,
  id: string,
): Promise<(XbCaseRow & { agreement_code: string }) | undefined> {
  return db
    .selectFrom('xb_case')
    .innerJoin('agreement', 'agreement.id', 'xb_case.agreement_id')
    .selectAll('xb_case')
    .select('agreement.code as agreement_code')
    .where('xb_case.id', '=', id)
    .executeTakeFirst();
}

/** The shared case or NOT_FOUND. */
export async function requireXbCase(
  db: Executor,
  id: string,
): Promise<XbCaseRow & { agreement_code: string }> {
  const row = await loadXbCase(db, id);
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such cross-border case');
  }
  return row;
}

/** Notify every task-force focal point of `country` (ids and codes only in params). */
export async function notifyFocalPoints(
  trx: Transaction<Database>,
  country: string,
  n: {
    kind: NotificationKind;
    caseId?: string | null;
    params: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  const users = await trx
    .selectFrom('app_user')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select('app_user.id')
    .distinct()
    .where('agency.country_code', '=', country)
    .where('role.key', '=', 'taskforce_focal_point')
    .where('app_user.is_disabled', '=', false)
    .execute();
  for (const u of users) {
    await insertNotification(trx, {
      kind: n.kind,
      userId: u.id,
      caseId: n.caseId ?? null,
      params: { crossBorder: true, ...n.params },
      at: n.at,
    });
  }
}

/** Role keys of a user (the policy names the roles that may read shared data). */
export async function roleKeysOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select('role.key')
    .where('user_role.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.key);
}

/** Today's ISO date on the service clock. */
export function todayIso(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** Step position in the timeline. */
export function stepPosition(step: RepatriationStep): number {
  return REPATRIATION_STEPS.indexOf(step);
}

/** The non-personal step plan of the offer message. */
export function stepPlanOf(
  steps: readonly XbStepRow[],
): { step: RepatriationStep; owner: StepOwner; dueDate: string | null }[] {
  return steps.map((s) => ({
    step: s.step as RepatriationStep,
    owner: s.owner as StepOwner,
    dueDate: s.due_date,
  }));
}
