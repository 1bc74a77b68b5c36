import { z } from 'zod';

// Meeting participants (plans module, participants area): the people who attended a meeting or
// workshop, by section and country or group, as a participants list prints them (the 9th Mekong
// Regional Workshop 2019 list is the model: section, country_or_group, no, name, position,
// organization). Participants are officials and organisers, never victims.

/** Sections of a participants list. */
export const PARTICIPANT_SECTIONS = [
  'Participant',
  'HonoredGuest',
  'Observer',
  'Organizer',
  'MC',
] as const;
export type ParticipantSection = (typeof PARTICIPANT_SECTIONS)[number];

export const PARTICIPANT_SEXES = ['Female', 'Male', 'Other', 'Unknown'] as const;
export type ParticipantSex = (typeof PARTICIPANT_SEXES)[number];

/** The columns of a participants CSV, in the order of the 2019 list; `sex` and `youth` optional. */
export const PARTICIPANT_CSV_COLUMNS = [
  'section',
  'country_or_group',
  'no',
  'name',
  'position',
  'organization',
] as const;
export const PARTICIPANT_CSV_OPTIONAL_COLUMNS = ['sex', 'youth'] as const;

/** The most rows one import takes. */
export const PARTICIPANT_IMPORT_MAX_ROWS = 2000;

/** Printed section headings → sections. "Organizers" with group "MC" is the MC section. */
const SECTION_TEXT: Readonly<Record<string, ParticipantSection>> = {
  participants: 'Participant',
  participant: 'Participant',
  'honored guests/ guest speakers': 'HonoredGuest',
  'honored guests/guest speakers': 'HonoredGuest',
  'honored guests': 'HonoredGuest',
  'honoured guests': 'HonoredGuest',
  'guest speakers': 'HonoredGuest',
  honoredguest: 'HonoredGuest',
  observers: 'Observer',
  observer: 'Observer',
  organizers: 'Organizer',
  organisers: 'Organizer',
  organizer: 'Organizer',
  mc: 'MC',
};

/** Country names as participants lists print them → ISO codes; other groups have no country. */
const GROUP_COUNTRY: Readonly<Record<string, string>> = {
  cambodia: 'KH',
  china: 'CN',
  "people's republic of china": 'CN',
  'lao pdr': 'LA',
  laos: 'LA',
  myanmar: 'MM',
  thailand: 'TH',
  'viet nam': 'VN',
  vietnam: 'VN',
  japan: 'JP',
};

/** The country a printed country-or-group names, or null (an organisation, "MC", a blank). */
export function countryOfGroup(group: string): string | null {
  return GROUP_COUNTRY[group.trim().toLowerCase()] ?? null;
}

/** The section a printed heading names (MC when the organisers' group is "MC"), or null. */
export function sectionOfText(text: string, group = ''): ParticipantSection | null {
  const section = SECTION_TEXT[text.trim().toLowerCase()] ?? null;
  if (section === 'Organizer' && group.trim().toUpperCase() === 'MC') {
    return 'MC';
  }
  return section;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** One participant, as added or edited by hand or read from a CSV row. */
export const ParticipantInputSchema = z.strictObject({
  section: z.enum(PARTICIPANT_SECTIONS),
  /** As printed; empty when the list prints none (the honoured guests of the 2019 list). */
  countryOrGroup: z.string().trim().max(300).default(''),
  /** Defaults to the country the group names. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullish(),
  listNo: z.number().int().min(0).max(100_000).nullish(),
  name: text(300),
  position: optionalText(500),
  organisation: optionalText(1000),
  sex: z.enum(PARTICIPANT_SEXES).nullish(),
  isYouth: z.boolean().optional(),
});
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;

/** An edit at a version: only the fields given change. */
export const ParticipantUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  section: z.enum(PARTICIPANT_SECTIONS).optional(),
  countryOrGroup: z.string().trim().max(300).optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullish(),
  listNo: z.number().int().min(0).max(100_000).nullish(),
  name: text(300).optional(),
  position: optionalText(500),
  organisation: optionalText(1000),
  sex: z.enum(PARTICIPANT_SEXES).nullish(),
  isYouth: z.boolean().optional(),
});
export type ParticipantUpdateInput = z.infer<typeof ParticipantUpdateInputSchema>;

/** Import body: the CSV text; `commit: false` (default) only previews. */
export const ParticipantImportInputSchema = z.strictObject({
  csv: z.string().min(1).max(2_000_000),
  commit: z.boolean().default(false),
  /** Replace the meeting's current participants (default) or add to them. */
  mode: z.enum(['replace', 'append']).default('replace'),
});
export type ParticipantImportInput = z.infer<typeof ParticipantImportInputSchema>;

export type MeetingParticipant = {
  id: string;
  meetingId: string;
  section: ParticipantSection;
  countryOrGroup: string;
  countryCode: string | null;
  listNo: number | null;
  name: string;
  position: string | null;
  organisation: string | null;
  sex: ParticipantSex | null;
  isYouth: boolean;
  isSeeded: boolean;
  version: number;
};

/** Participants of one section and country or group, in list order. */
export type ParticipantGroup = {
  section: ParticipantSection;
  countryOrGroup: string;
  countryCode: string | null;
  participants: MeetingParticipant[];
};

export type ParticipantList = {
  meetingId: string;
  total: number;
  bySection: Record<ParticipantSection, number>;
  groups: ParticipantGroup[];
};

/** One refused CSV row: its line in the file (header = line 1), the column and why. */
export type ParticipantImportError = { line: number; field: string; message: string };

export type ParticipantImportPreview = {
  committed: boolean;
  mode: 'replace' | 'append';
  rowCount: number;
  errors: ParticipantImportError[];
  rows: (ParticipantInput & { line: number })[];
  bySection: Record<ParticipantSection, number>;
};

/**
 * Split CSV text into rows of fields (RFC 4180 quoting, CRLF or LF, a leading BOM dropped), with
 * each row's starting line number.
 */
export function splitCsv(input: string): { line: number; fields: string[] }[] {
  const src = input.replace(/^\uFEFF/, '');
  const out: { line: number; fields: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') {
      out.push({ line: rowLine, fields: row });
    }
    row = [];
    field = '';
  };
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') {
          line += 1;
        }
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') {
        i += 1;
      }
      endRow();
      line += 1;
      rowLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    endRow();
  }
  return out;
}

const YES = new Set(['yes', 'y', 'true', '1', 'youth']);
const NO = new Set(['', 'no', 'n', 'false', '0']);

/**
 * Read a participants CSV with the columns of the 2019 list. Every row is checked; a file with any
 * error is refused whole (the caller commits nothing), so the preview lists all errors at once.
 * @returns The rows read and the row-level errors (line, column, reason).
 */
export function parseParticipantsCsv(csv: string): {
  rows: (ParticipantInput & { line: number })[];
  errors: ParticipantImportError[];
} {
  const table = splitCsv(csv);
  const errors: ParticipantImportError[] = [];
  const header = table[0];
  if (!header) {
    return { rows: [], errors: [{ line: 1, field: 'csv', message: 'the file is empty' }] };
  }
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = PARTICIPANT_CSV_COLUMNS.filter((c) => !names.includes(c));
  for (const c of missing) {
    errors.push({ line: 1, field: c, message: 'column missing from the header' });
  }
  const known = new Set<string>([...PARTICIPANT_CSV_COLUMNS, ...PARTICIPANT_CSV_OPTIONAL_COLUMNS]);
  for (const n of names) {
    if (!known.has(n)) {
      errors.push({ line: 1, field: n.slice(0, 64) || 'csv', message: 'unknown column' });
    }
  }
  if (errors.length > 0) {
    return { rows: [], errors };
  }
  const body = table.slice(1);
  if (body.length === 0) {
    return { rows: [], errors: [{ line: 2, field: 'csv', message: 'the file has no rows' }] };
  }
  if (body.length > PARTICIPANT_IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [{ line: 1, field: 'csv', message: `more than ${PARTICIPANT_IMPORT_MAX_ROWS} rows` }],
    };
  }
  const rows: (ParticipantInput & { line: number })[] = [];
  for (const { line, fields } of body) {
    if (fields.length !== names.length) {
      errors.push({
        line,
        field: 'csv',
        message: `has ${fields.length} columns, the header ${names.length}`,
      });
      continue;
    }
    const cell = (c: string) => (fields[names.indexOf(c)] ?? '').trim();
    const group = cell('country_or_group');
    const section = sectionOfText(cell('section'), group);
    const rowErrors: ParticipantImportError[] = [];
    if (!section) {
      rowErrors.push({ line, field: 'section', message: 'not a known section' });
    }
    if (!cell('name')) {
      rowErrors.push({ line, field: 'name', message: 'is empty' });
    }
    const noText = cell('no');
    let listNo: number | null = null;
    if (noText) {
      if (/^\d{1,5}$/.test(noText)) {
        listNo = Number(noText);
      } else {
        rowErrors.push({ line, field: 'no', message: 'is not a whole number' });
      }
    }
    let sex: ParticipantSex | null = null;
    if (names.includes('sex') && cell('sex')) {
      const s = cell('sex').toLowerCase();
      const found = PARTICIPANT_SEXES.find(
        (x) => x.toLowerCase() === s || x[0]?.toLowerCase() === s,
      );
      if (found) {
        sex = found;
      } else {
        rowErrors.push({ line, field: 'sex', message: 'is not Female, Male, Other or Unknown' });
      }
    }
    let isYouth = false;
    if (names.includes('youth')) {
      const y = cell('youth').toLowerCase();
      if (YES.has(y)) {
        isYouth = true;
      } else if (!NO.has(y)) {
        rowErrors.push({ line, field: 'youth', message: 'is not yes or no' });
      }
    }
    const candidate = {
      section: section ?? 'Participant',
      countryOrGroup: group,
      countryCode: countryOfGroup(group),
      listNo,
      name: cell('name'),
      position: cell('position') || null,
      organisation: cell('organization') || null,
      sex,
      isYouth,
    };
    if (rowErrors.length === 0) {
      const parsed = ParticipantInputSchema.safeParse(candidate);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const key = String(issue?.path[0] ?? 'csv');
        const column =
          key === 'countryOrGroup'
            ? 'country_or_group'
            : key === 'organisation'
              ? 'organization'
              : key === 'listNo'
                ? 'no'
                : key;
        rowErrors.push({ line, field: column, message: issue?.message ?? 'invalid' });
      } else {
        rows.push({ ...parsed.data, line });
      }
    }
    errors.push(...rowErrors);
  }
  return { rows, errors };
}

/** Count rows by section (every section present, zero when none). */
export function countBySection(
  rows: readonly { section: ParticipantSection }[],
): Record<ParticipantSection, number> {
  const out = Object.fromEntries(PARTICIPANT_SECTIONS.map((s) => [s, 0])) as Record<
    ParticipantSection,
    number
  >;
  for (const r of rows) {
    out[r.section] += 1;
  }
  return out;
}
