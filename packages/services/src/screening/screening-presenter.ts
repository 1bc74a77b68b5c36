import type { Database, Db } from '@ctip/db';
import {
  type ScreeningDetail,
  type ScreeningOutcome,
  type ScreeningSummary,
  screeningAssessment,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { openOptional } from '../cases/person-crypto';
import { isoOf } from '../common/iso-date';
import type { ServiceConfig } from '../context';

export type ScreeningRow = Selectable<Database['screening']>;

/** Where a screening sits, for the policies: screener, agency, country. */
export function screeningRecordScope(row: ScreeningRow): {
  id: string;
  ownerUserId: string;
  agencyId: string;
  countryCode: string;
} {
  return {
    id: row.id,
    ownerUserId: row.screener_user_id,
    agencyId: row.agency_id,
    countryCode: row.country_code,
  };
}

/** The coded fields of a screening row (no personal field, not even sealed). */
export function screeningRowToSummary(row: ScreeningRow): ScreeningSummary {
  return {
    id: row.id,
    countryCode: row.country_code,
    agencyId: row.agency_id,
    screenerUserId: row.screener_user_id,
    caseId: row.case_id,
    hotlineCallId: row.hotline_call_id,
    screenedAt: isoOf(row.screened_at),
    location: row.location,
    isChild: row.is_child,
    gender: row.gender,
    ageEstimate: row.age_estimate,
    nationality: row.nationality,
    actIndicators: row.act_indicators,
    meansIndicators: row.means_indicators,
    purposeIndicators: row.purpose_indicators,
    redFlags: row.red_flags,
    interpreterUsed: row.interpreter_used,
    interviewLanguage: row.interview_language,
    outcome: row.outcome as ScreeningOutcome,
    suggestedOutcome: (row.suggested_outcome as ScreeningOutcome | null) ?? null,
    decidingAgencyId: row.deciding_agency_id,
    decisionDate: row.decision_date,
    createdAt: isoOf(row.created_at),
  };
}

/** A screening with its personal fields opened and the assessment recomputed. */
export function screeningRowToDetail(config: ServiceConfig, row: ScreeningRow): ScreeningDetail {
  const summary = screeningRowToSummary(row);
  return {
    ...summary,
    personName: openOptional(config, row.person_name_enc),
    notes: openOptional(config, row.notes_enc),
    assessment: screeningAssessment(summary),
  };
}

/** Load one screening row, or undefined. */
export async function findScreeningRow(
  db: Db | Transaction<Database>,
  id: string,
): Promise<ScreeningRow | undefined> {
  return db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirst();
}
