import type { Database, Db } from '@ctip/db';
import type {
  AuditAction,
  HotlineCallDetail,
  HotlineCallerType,
  HotlineCallSummary,
  HotlineCategory,
  HotlineChannel,
  HotlineOutcome,
  HotlineUrgency,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { openOptional } from '../cases/person-crypto';
import { isoOf } from '../common/iso-date';
import type { ServiceConfig } from '../context';

export type HotlineCallRow = Selectable<Database['hotline_call']>;

/** Audit actions for changing and referring a call. */
export const HOTLINE_UPDATE_ACTION: AuditAction = 'hotline.update';
export const HOTLINE_REFER_ACTION: AuditAction = 'hotline.refer';

/** Where a call sits, for the policies: operator, agency, country. */
export function hotlineRecordScope(row: {
  id: string;
  operator_user_id: string;
  agency_id: string;
  country_code: string;
}): { id: string; ownerUserId: string; agencyId: string; countryCode: string } {
  return {
    id: row.id,
    ownerUserId: row.operator_user_id,
    agencyId: row.agency_id,
    countryCode: row.country_code,
  };
}

/** The coded fields of a call (no personal field, not even sealed). */
export function hotlineRowToSummary(row: HotlineCallRow): HotlineCallSummary {
  return {
    id: row.id,
    countryCode: row.country_code,
    agencyId: row.agency_id,
    operatorUserId: row.operator_user_id,
    receivedAt: isoOf(row.received_at),
    durationSeconds: row.duration_seconds,
    channel: row.channel as HotlineChannel,
    language: row.language,
    callerType: row.caller_type as HotlineCallerType,
    category: row.category as HotlineCategory,
    urgency: row.urgency as HotlineUrgency,
    outcome: row.outcome as HotlineOutcome,
    caseId: row.case_id,
    screeningId: row.screening_id,
    referredAgencyId: row.referred_agency_id,
    referredAt: row.referred_at ? isoOf(row.referred_at) : null,
    createdAt: isoOf(row.created_at),
  };
}

/** A call with its summary and caller contact opened. */
export function hotlineRowToDetail(config: ServiceConfig, row: HotlineCallRow): HotlineCallDetail {
  return {
    ...hotlineRowToSummary(row),
    summary: openOptional(config, row.summary_enc),
    callerContact: openOptional(config, row.caller_contact_enc),
  };
}

/** Load one call row, or undefined. */
export async function findHotlineCallRow(
  db: Db | Transaction<Database>,
  id: string,
): Promise<HotlineCallRow | undefined> {
  return db.selectFrom('hotline_call').selectAll().where('id', '=', id).executeTakeFirst();
}
