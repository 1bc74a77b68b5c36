import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseParticipantsCsv } from '@ctip/domain';
import type { Insertable } from 'kysely';
import type { MeetingTable } from '../../tables/crossborder.table';
import type { CaseStudyTable, MeetingParticipantTable } from '../../tables/plans.table';
// Seed 000 §2.7 (Case Studies from the SPA III), headings, text and attributions as printed; the
// paragraphs are the printed ones with the line wrapping undone.
import caseStudies from './data/case-studies-spa3-2014.json' with { type: 'json' };
// The 9th Mekong Regional Workshop is a workshop, which the `meetings` dataset leaves out (it seeds
// cross-border and COMMIT meetings only), so this dataset seeds that one meeting from the same
// source row (its date, place, status and note as printed) before its participants list.
import meetings from './data/commit-and-bilateral-meetings.json' with { type: 'json' };
import { batchRows, contentVersion, type ReferenceDataset, stableUuid } from './dataset';

const DATA_DIR = join(import.meta.dirname, 'data');
export const MRW9_PARTICIPANTS_FILE = 's004_mrw9_2019_participants_list.csv';
const MRW9_TITLE = '9th Mekong Regional Workshop';
const MRW9_YEAR = '2019';
/** The countries whose delegations the 2019 list prints (its Participants section). */
const MRW9_COUNTRIES = ['KH', 'LA', 'MM', 'TH', 'VN'];

/** The meeting id the `meetings` dataset would give this title and year (same hash), stable. */
export function seededMeetingId(title: string, year: string): string {
  const h = createHash('sha256').update(`meeting:${title}|${year}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Id of the seeded 9th MRW 2019 meeting. */
export const MRW9_MEETING_ID = seededMeetingId(MRW9_TITLE, MRW9_YEAR);

/** The 9th MRW meeting row, from its source row. */
export function buildMrw9Meeting(): Insertable<MeetingTable> {
  const r = meetings.find((m) => m.meeting === MRW9_TITLE && m.year === MRW9_YEAR);
  if (!r) {
    throw new Error(`${MRW9_TITLE} ${MRW9_YEAR} is missing from the meetings source`);
  }
  return {
    id: MRW9_MEETING_ID,
    type: 'Workshop',
    title: r.meeting,
    countries: MRW9_COUNTRIES,
    agreement_id: null,
    ordinal: 9,
    // "22-24 January 2019 (slides) / 22-23 January 2019 (speeches)": both give the first day.
    scheduled_on: '2019-01-22',
    date_note: r.date || null,
    held_on: '2019-01-22',
    location: r.location_or_host || null,
    host_country: 'TH',
    status: 'Held',
    status_note: r.status || null,
    type_note: r.meeting_type,
    note: r.note || null,
    minutes: null,
    source: `commit_and_bilateral_meetings_all_sources.csv — seed ${r.source_seed}; participants: ${MRW9_PARTICIPANTS_FILE}`,
    is_seeded: true,
  };
}

/** The 2019 participants list, every row as printed (sections mapped, countries coded). */
export function buildMrw9Participants(): Insertable<MeetingParticipantTable>[] {
  const text = readFileSync(join(DATA_DIR, MRW9_PARTICIPANTS_FILE), 'utf8');
  const { rows, errors } = parseParticipantsCsv(text);
  if (errors.length > 0) {
    throw new Error(`${MRW9_PARTICIPANTS_FILE}: ${JSON.stringify(errors.slice(0, 3))}`);
  }
  return rows.map((r) => ({
    id: stableUuid(`meeting_participant:${MRW9_MEETING_ID}:${r.line}`),
    meeting_id: MRW9_MEETING_ID,
    section: r.section,
    country_or_group: r.countryOrGroup,
    country_code: r.countryCode ?? null,
    list_no: r.listNo ?? null,
    name: r.name,
    position: r.position ?? null,
    organisation: r.organisation ?? null,
    sex: r.sex ?? null,
    is_youth: r.isYouth ?? false,
    is_seeded: true,
  }));
}

/**
 * The `mrw9_participants` dataset: the 9th MRW 2019 meeting (absent from `meetings`) and its
 * participants list. Inserts missing rows only: an edited participant is never overwritten.
 */
export function mrw9ParticipantsDataset(): ReferenceDataset {
  const meeting = buildMrw9Meeting();
  const participants = buildMrw9Participants();
  return {
    name: 'mrw9_participants',
    version: contentVersion({ meeting, participants }),
    rowCount: 1 + participants.length,
    load: async (trx) => {
      await trx
        .insertInto('meeting')
        .values(meeting)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      for (const batch of batchRows(participants)) {
        await trx
          .insertInto('meeting_participant')
          .values(batch)
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },
  };
}

/** The case studies of seed 000 §2.7: SPA III, 2014, Approved, seeded. */
export function buildSeededCaseStudies(): Insertable<CaseStudyTable>[] {
  return caseStudies.map((c) => ({
    id: stableUuid(`case_study:SPA3:2014:${c.heading}`),
    framework_id: 'SPA3',
    // The country the text itself names (Chin State/Myanmar; Myanmar's DSW; the Thai DSI).
    country_code: c.country,
    year: 2014,
    // The source puts them under no area: none is assigned.
    area_node_id: null,
    heading: c.heading,
    body_en: c.body,
    body_local: null,
    local_lang: null,
    attribution: c.attribution,
    status: 'Approved',
    is_seeded: true,
  }));
}

/** The `case_studies` dataset (inserts missing rows only). */
export function caseStudiesDataset(): ReferenceDataset {
  const rows = buildSeededCaseStudies();
  return {
    name: 'case_studies',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      await trx
        .insertInto('case_study')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
  };
}
