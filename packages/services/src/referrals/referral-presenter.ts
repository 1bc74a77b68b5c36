import type { Database, Db } from '@ctip/db';
import {
  type Actor,
  can,
  type Referral,
  type ReferralKind,
  type ReferralStatus,
  referralAllowedActions,
  referralIsOverdue,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { openOptional } from '../cases/person-crypto';
import { isoOf } from '../common/iso-date';
import type { ServiceConfig } from '../context';

/** The referral columns and joined names the presenter needs. */
export function selectReferrals(db: Db | Transaction<Database>) {
  return db
    .selectFrom('referral')
    .innerJoin('case_record', 'case_record.id', 'referral.case_id')
    .innerJoin('agency as from_agency', 'from_agency.id', 'referral.from_agency_id')
    .innerJoin('agency as to_agency', 'to_agency.id', 'referral.to_agency_id')
    .leftJoin('service_provider', 'service_provider.id', 'referral.to_provider_id')
    .select([
      'referral.id',
      'referral.case_id',
      'case_record.code as case_code',
      'case_record.country_code as case_country',
      'referral.kind',
      'referral.status',
      'referral.from_agency_id',
      'from_agency.name as from_agency_name',
      'referral.from_user_id',
      'referral.to_agency_id',
      'to_agency.name as to_agency_name',
      'referral.to_user_id',
      'referral.to_provider_id',
      'service_provider.name as to_provider_name',
      'referral.services',
      'referral.reason',
      'referral.details_enc',
      'referral.due_on',
      'referral.consent_override_reason',
      'referral.response_reason',
      'referral.responded_at',
      'referral.outcome',
      'referral.completed_at',
      'referral.created_at',
    ]);
}

export type ReferralRow = Awaited<
  ReturnType<ReturnType<typeof selectReferrals>['executeTakeFirstOrThrow']>
>;

/** Whether the actor stands on the receiving side: the named user, or a referral manager there. */
export function isReceiver(
  actor: Actor,
  row: { to_user_id: string | null; to_agency_id: string; case_country: string },
): boolean {
  return (
    row.to_user_id === actor.userId ||
    can(actor, 'update', 'referral', { agencyId: row.to_agency_id, countryCode: row.case_country })
  );
}

/** Whether the actor stands on the sending side: the sender, or a referral manager there. */
export function isSender(
  actor: Actor,
  row: { from_user_id: string; from_agency_id: string; case_country: string },
): boolean {
  return (
    row.from_user_id === actor.userId ||
    can(actor, 'update', 'referral', {
      agencyId: row.from_agency_id,
      countryCode: row.case_country,
    })
  );
}

/**
 * A referral for the API. `details` (free text, encrypted) only when `withDetails` (the caller may
 * read the case); the override reason is reduced to a flag.
 */
export function referralRowToReferral(
  config: ServiceConfig,
  actor: Actor,
  row: ReferralRow,
  today: string,
  withDetails: boolean,
): Referral {
  const kind = row.kind as ReferralKind;
  const status = row.status as ReferralStatus;
  const actions = [
    ...(isReceiver(actor, row) ? referralAllowedActions({ status, kind }, 'receiver') : []),
    ...(isSender(actor, row) ? referralAllowedActions({ status, kind }, 'sender') : []),
  ];
  return {
    id: row.id,
    caseId: row.case_id,
    caseCode: row.case_code,
    kind,
    status,
    fromAgencyId: row.from_agency_id,
    fromAgencyName: row.from_agency_name,
    fromUserId: row.from_user_id,
    toAgencyId: row.to_agency_id,
    toAgencyName: row.to_agency_name,
    toUserId: row.to_user_id,
    toProviderId: row.to_provider_id,
    toProviderName: row.to_provider_name ?? null,
    services: row.services,
    reason: row.reason,
    details: withDetails ? openOptional(config, row.details_enc) : null,
    dueOn: row.due_on,
    isOverdue: referralIsOverdue({ status, dueOn: row.due_on }, today),
    isConsentOverridden: row.consent_override_reason != null,
    responseReason: row.response_reason,
    respondedAt: isoOf(row.responded_at),
    outcome: row.outcome,
    completedAt: isoOf(row.completed_at),
    createdAt: isoOf(row.created_at) as string,
    allowedActions: [...new Set(actions)],
  };
}
