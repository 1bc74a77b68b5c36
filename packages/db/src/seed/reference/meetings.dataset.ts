import { createHash } from 'node:crypto';
import { COMMIT_COUNTRIES, type MeetingStatus, type MeetingType } from '@ctip/domain';
import type { Insertable } from 'kysely';
import type { MeetingTable } from '../../tables/crossborder.table';
// Converted once from shared/seed-data/commit_and_bilateral_meetings_all_sources.csv (S002, S004)
// with the same columns and every value kept as the source's text; the CSV sits beside it in
// `data/` and the seeding test checks the rows against it. The shared folder does not ship.
import meetings from './data/commit-and-bilateral-meetings.json' with { type: 'json' };
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/** One row of the source file, every column as printed. */
export type MeetingSourceRow = {
  meeting: string;
  meeting_type: string;
  year: string;
  date: string;
  location_or_host: string;
  status: string;
  source_seed: string;
  note: string;
};

const SOURCE_FILE = 'commit_and_bilateral_meetings_all_sources.csv';

/**
 * Printed meeting types mapped to MEETING_TYPES. Types missing here (national and inter-agency
 * meetings, workshops, consultations, planning meetings, youth forums) are not cross-border meetings
 * of a country pair and are left to the plans module, which reads the same source.
 */
export const MEETING_TYPE_MAP: Readonly<Record<string, MeetingType>> = {
  SOM: 'SOM',
  'SOM+IMM': 'IMM',
  preparatory: 'SOM',
  'bilateral CMM': 'CMM',
  'bilateral review': 'CMMReview',
  bilateral: 'Bilateral',
  'bilateral SOM': 'Bilateral',
  'bilateral local': 'Bilateral',
  'bilateral police': 'BilateralPolice',
  'bilateral ad hoc': 'AdHoc',
  BLO: 'BLO',
};

/** Meeting types of COMMIT as a whole: all six member countries take part. */
const COMMIT_TYPES: ReadonlySet<MeetingType> = new Set(['SOM', 'IMM']);

/** Country names and agency acronyms as the titles print them. */
const TITLE_COUNTRIES: readonly [RegExp, string][] = [
  [/\bThailand\b|\bThai\b|\bRTP\b|\bDSI\b/g, 'TH'],
  [/\bMyanmar\b|\bMPF\b/g, 'MM'],
  [/\bLao PDR\b/g, 'LA'],
  [/\bChina\b/g, 'CN'],
  [/\bCambodia\b/g, 'KH'],
  [/\bViet Nam\b|\bVietnam\b/g, 'VN'],
  [/\bJapan\b/g, 'JP'],
];

/** Host country from the printed place (a capital or city the sources name, or "X (host)"). */
const PLACE_COUNTRY: Readonly<Record<string, string>> = {
  Bangkok: 'TH',
  'Chiang Rai': 'TH',
  Thailand: 'TH',
  Yangon: 'MM',
  Bagan: 'MM',
  Kawthaung: 'MM',
  Myanmar: 'MM',
  Hanoi: 'VN',
  Vietnam: 'VN',
  'Phnom Penh': 'KH',
  Vientiane: 'LA',
  Beijing: 'CN',
  China: 'CN',
};

/**
 * Names of persons the source prints in a meeting's note: a meeting record never carries the name
 * of a (possible) victim, so the name is withheld and the rest of the note kept as printed.
 */
const WITHHELD_NAMES: readonly string[] = ['Thet Ko Ko'];

/** The note as printed, with the names of persons withheld. */
export function noteOf(note: string): string | null {
  let out = note;
  for (const name of WITHHELD_NAMES) {
    out = out.replaceAll(name, '[name withheld]');
  }
  return out || null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A stable id per meeting (title and year as printed), so a re-seed adds nothing twice. */
function meetingId(row: MeetingSourceRow): string {
  const h = createHash('sha256').update(`meeting:${row.meeting}|${row.year}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isoDay(year: string, month: string, day: string): string | null {
  const m = MONTHS.indexOf(month);
  if (m < 0) {
    return null;
  }
  const iso = `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * The first day of a printed date when the whole text is a full date ("August 21, 2018",
 * "12 May 2006", "July 24-25, 2018"); anything less ("October 2004", "monthly", a month missing)
 * gives null: a date is never invented.
 */
export function parsePrintedDate(text: string): string | null {
  const t = text.trim();
  const us = /^([A-Z][a-z]+) (\d{1,2})(?:-\d{1,2})?, (\d{4})$/.exec(t);
  if (us) {
    return isoDay(us[3] as string, us[1] as string, us[2] as string);
  }
  const eu = /^(\d{1,2})(?:-\d{1,2})? ([A-Z][a-z]+) (\d{4})$/.exec(t);
  if (eu) {
    return isoDay(eu[3] as string, eu[2] as string, eu[1] as string);
  }
  return null;
}

/** Countries named by the title, in the order they appear. */
export function titleCountries(title: string): string[] {
  const found: { code: string; at: number }[] = [];
  for (const [re, code] of TITLE_COUNTRIES) {
    for (const m of title.matchAll(re)) {
      found.push({ code, at: m.index ?? 0 });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.code))];
}

/** The meeting's number in its series ("16th", "SOM 11"), when the title prints one. */
function ordinalOf(title: string, type: MeetingType, printedType: string): number | null {
  const nth = /\b(\d{1,3})(?:st|nd|rd|th)\b/.exec(title);
  if (nth) {
    return Number(nth[1]);
  }
  const som = /^SOM (\d{1,3})\b/.exec(title);
  return som && type !== 'Bilateral' && printedType !== 'preparatory' ? Number(som[1]) : null;
}

function hostOf(place: string): string | null {
  const host = /^(.+) \(host\)$/.exec(place);
  const name = host ? (host[1] as string) : place;
  return PLACE_COUNTRY[name] ?? null;
}

/** Status as printed → MEETING_STATUSES: held, "N times held" and recurring series are Held. */
function statusOf(printed: string): MeetingStatus {
  return printed === 'decided' || printed === 'tentative' ? 'Planned' : 'Held';
}

/**
 * Build the `meeting` rows: every source row whose type maps to a cross-border or COMMIT meeting,
 * with the date, status and type as printed beside the mapped values.
 * @returns Rows in source order.
 */
export function buildMeetingRows(
  rows: readonly MeetingSourceRow[] = meetings,
): Insertable<MeetingTable>[] {
  const out: Insertable<MeetingTable>[] = [];
  for (const r of rows) {
    const type = MEETING_TYPE_MAP[r.meeting_type];
    if (!type) {
      continue;
    }
    const countries = COMMIT_TYPES.has(type) ? [...COMMIT_COUNTRIES] : titleCountries(r.meeting);
    const day = parsePrintedDate(r.date);
    const status = statusOf(r.status);
    out.push({
      id: meetingId(r),
      type,
      title: r.meeting,
      countries,
      agreement_id: null,
      ordinal: ordinalOf(r.meeting, type, r.meeting_type),
      scheduled_on: day,
      date_note: r.date || r.year || null,
      held_on: status === 'Held' ? day : null,
      location: r.location_or_host || null,
      host_country: hostOf(r.location_or_host),
      status,
      status_note: r.status || null,
      type_note: r.meeting_type,
      note: noteOf(r.note),
      minutes: null,
      source: `${SOURCE_FILE} — seed ${r.source_seed}`.slice(0, 300),
      is_seeded: true,
    });
  }
  return out;
}

/**
 * The `meetings` dataset: COMMIT SOM/IMM and bilateral meetings (CMMs, MoU reviews, BLO, police,
 * ad hoc) as the sources print them. Inserts missing rows only: a meeting already present (seeded
 * earlier, then edited by a user) is never overwritten.
 * @returns The dataset with its rows, content version and loader.
 */
export function meetingsDataset(): ReferenceDataset {
  const rows = buildMeetingRows();
  return {
    name: 'meetings',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('meeting')
          .values(batch)
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },
  };
}
