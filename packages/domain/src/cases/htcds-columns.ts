import type { z } from 'zod';
import { CaseCreateInputSchema } from './case.schema';
import {
  CASE_STATUSES,
  type CaseStatus,
  FORMS_OF_EXPLOITATION,
  GENDERS,
  IDENTIFICATION_STATUSES,
  LABOUR_EXPLOITATION_TYPES,
  LABOUR_INDUSTRIES,
  METHODS_OF_CONTROL,
  RECRUITMENT_METHODS,
  SEX_EXPLOITATION_TYPES,
  VULNERABILITIES,
  WEBSITES_AND_APPS,
} from './htcds';

/**
 * The HTCDS column catalogue of case files (CSV and XLSX): one column per field, headed by its HTCDS
 * name. Multi-selects hold value names joined with `;`. `personal` columns are only exported with
 * `includePersonal` and a covering consent; `extension` marks names HTCDS does not define (see
 * `HTCDS_EXTENSIONS`), and `flattened` the trafficking-event columns (HTCDS keeps events as a list).
 *
 * !!! Header names are a file format shared with other systems: renaming one breaks their files. !!!
 */

/** How a cell is read and written. */
export type HtcdsColumnKind = 'text' | 'date' | 'int' | 'bool' | 'country' | 'enum' | 'multi';

export type HtcdsColumn = {
  /** Header, e.g. `prs_FirstName`. */
  name: string;
  kind: HtcdsColumnKind;
  /** Picklist of `enum` and `multi` columns. */
  values?: readonly string[];
  /** Holds personal data (names, birth date, document, contact, free text). */
  personal: boolean;
  /** Not an HTCDS 2.0 field name (an extension in the standard's naming style). */
  extension: boolean;
  /** Written by export, ignored by import (e.g. the code: import draws new codes). */
  exportOnly?: boolean;
};

const col = (
  name: string,
  kind: HtcdsColumnKind,
  opts: Partial<Omit<HtcdsColumn, 'name' | 'kind'>> = {},
): HtcdsColumn => ({ name, kind, personal: false, extension: false, ...opts });

/** Every column, in file order. */
export const HTCDS_COLUMNS: readonly HtcdsColumn[] = [
  col('cas_Code', 'text', { exportOnly: true }),
  col('cas_Status', 'enum', { values: CASE_STATUSES }),
  col('prs_FirstName', 'text', { personal: true }),
  col('prs_SecondName', 'text', { personal: true }),
  col('prs_OtherNames', 'text', { personal: true, extension: true }),
  col('prs_Birthdate', 'date', { personal: true }),
  col('prs_EstimatedAge', 'int', { extension: true }),
  col('prs_Gender', 'enum', { values: GENDERS }),
  col('prs_Nationality', 'country'),
  col('prs_Ethnicity', 'text', { personal: true, extension: true }),
  col('prs_IdentityDocument', 'text', { personal: true, extension: true }),
  col('prs_Contact', 'text', { personal: true, extension: true }),
  col('vic_IdentificationStatus', 'enum', { values: IDENTIFICATION_STATUSES, extension: true }),
  col('vic_IdentificationDate', 'date', { extension: true }),
  col('vic_FormOfExploitation', 'multi', { values: FORMS_OF_EXPLOITATION, extension: true }),
  col('vic_MethodOfRecruitment', 'multi', { values: RECRUITMENT_METHODS }),
  col('vic_RecruitmentWebsitesAndApps', 'multi', { values: WEBSITES_AND_APPS }),
  col('vic_MethodsOfControl', 'multi', { values: METHODS_OF_CONTROL }),
  col('vic_TypeOfLabourExploitation', 'multi', { values: LABOUR_EXPLOITATION_TYPES }),
  col('vic_LabourIndustry', 'multi', { values: LABOUR_INDUSTRIES }),
  col('vic_TypeOfSexExploitation', 'multi', { values: SEX_EXPLOITATION_TYPES }),
  col('vic_ExploitationWebsitesAndApps', 'multi', { values: WEBSITES_AND_APPS }),
  col('vic_Vulnerabilities', 'multi', { values: VULNERABILITIES }),
  col('vic_DetailsOfVulnerabilities', 'text', { personal: true }),
  col('vic_CountryOfExploitation', 'country', { extension: true }),
  col('vic_AgreementToManagePersonalData', 'bool'),
  col('hte_RecruitmentCountry', 'country', { extension: true }),
  col('hte_RecruitmentDate', 'date', { extension: true }),
  col('hte_ExploitationCountry', 'country', { extension: true }),
  col('hte_ExploitationDate', 'date', { extension: true }),
];

/** Column names, in file order. */
export const HTCDS_COLUMN_NAMES: readonly string[] = HTCDS_COLUMNS.map((c) => c.name);

/** Columns without personal data: what a pseudonymous export holds. */
export const HTCDS_PSEUDONYMOUS_COLUMNS: readonly HtcdsColumn[] = HTCDS_COLUMNS.filter(
  (c) => !c.personal,
);

const BY_NAME = new Map(HTCDS_COLUMNS.map((c) => [c.name.toLowerCase(), c]));

/** The catalogue entry of a header (case-insensitive, surrounding spaces ignored), or undefined. */
export function htcdsColumnOf(header: string): HtcdsColumn | undefined {
  return BY_NAME.get(header.trim().toLowerCase());
}

/** What a file's header row holds. */
export type HtcdsHeaderCheck = {
  /** Recognised import columns, by their position in the file. */
  known: { index: number; column: HtcdsColumn }[];
  /** Headers that are not in the catalogue (ignored by import). */
  unknown: string[];
  /** Headers that appear more than once. */
  duplicated: string[];
};

/**
 * Classify a header row.
 * ### Example
 * `htcdsHeaderCheck(['prs_Gender', 'foo'])` → `{ known: [{ index: 0, column: … }], unknown: ['foo'], duplicated: [] }`
 */
export function htcdsHeaderCheck(headers: readonly string[]): HtcdsHeaderCheck {
  const known: HtcdsHeaderCheck['known'] = [];
  const unknown: string[] = [];
  const duplicated: string[] = [];
  const seen = new Set<string>();
  headers.forEach((h, index) => {
    const column = htcdsColumnOf(h);
    if (!column) {
      if (h.trim() !== '') {
        unknown.push(h.trim());
      }
      return;
    }
    if (seen.has(column.name)) {
      duplicated.push(column.name);
      return;
    }
    seen.add(column.name);
    if (!column.exportOnly) {
      known.push({ index, column });
    }
  });
  return { known, unknown, duplicated };
}

/** One problem in a row: the column (header name) and what is wrong, never the cell's value. */
export type HtcdsCellError = { column: string; message: string };

/** A create input after validation (defaults applied). */
export type CaseCreateParsed = z.output<typeof CaseCreateInputSchema>;

/** A parsed row: the validated create input and the fields a create input does not carry. */
export type HtcdsRowValue = { input: CaseCreateParsed; status: CaseStatus };

export type HtcdsRowResult =
  | { ok: true; value: HtcdsRowValue }
  | { ok: false; errors: HtcdsCellError[] };

/** Separator of multi-select values. */
export const HTCDS_MULTI_SEPARATOR = ';';

const canonical = (values: readonly string[]) =>
  new Map(values.map((v) => [v.toLowerCase(), v] as const));
const CANONICAL = new Map(
  HTCDS_COLUMNS.filter((c) => c.values).map((c) => [c.name, canonical(c.values ?? [])]),
);

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** Schema path (joined with '.') → column, to report the schema's errors by column. */
const PATH_COLUMN: Record<string, string> = {
  'person.givenName': 'prs_FirstName',
  'person.familyName': 'prs_SecondName',
  'person.otherNames': 'prs_OtherNames',
  'person.birthDate': 'prs_Birthdate',
  'person.estimatedAge': 'prs_EstimatedAge',
  'person.gender': 'prs_Gender',
  'person.nationality': 'prs_Nationality',
  'person.ethnicity': 'prs_Ethnicity',
  'person.idDocumentNumber': 'prs_IdentityDocument',
  'person.contact': 'prs_Contact',
  'victim.identificationStatus': 'vic_IdentificationStatus',
  'victim.identificationDate': 'vic_IdentificationDate',
  'victim.formsOfExploitation': 'vic_FormOfExploitation',
  'victim.recruitmentMethods': 'vic_MethodOfRecruitment',
  'victim.recruitmentApps': 'vic_RecruitmentWebsitesAndApps',
  'victim.methodsOfControl': 'vic_MethodsOfControl',
  'victim.labourExploitationTypes': 'vic_TypeOfLabourExploitation',
  'victim.labourIndustries': 'vic_LabourIndustry',
  'victim.sexExploitationTypes': 'vic_TypeOfSexExploitation',
  'victim.exploitationApps': 'vic_ExploitationWebsitesAndApps',
  'victim.vulnerabilities': 'vic_Vulnerabilities',
  'victim.vulnerabilityDetails': 'vic_DetailsOfVulnerabilities',
  'victim.countryOfExploitation': 'vic_CountryOfExploitation',
  'victim.agreementToManagePersonalData': 'vic_AgreementToManagePersonalData',
};

/** Schema field of each input column (the inverse of PATH_COLUMN). */
const COLUMN_PATH = new Map(Object.entries(PATH_COLUMN).map(([p, c]) => [c, p.split('.')]));

type Cell = string | number | boolean | null | undefined;

function cellText(v: Cell): string {
  return v == null ? '' : String(v).trim();
}

function parseCell(column: HtcdsColumn, raw: string): { value: unknown } | { error: string } {
  switch (column.kind) {
    case 'text':
    case 'date':
      return { value: raw };
    case 'int': {
      const n = Number(raw);
      return Number.isInteger(n) ? { value: n } : { error: 'must be a whole number' };
    }
    case 'bool': {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) {
        return { value: true };
      }
      return FALSE.has(v) ? { value: false } : { error: 'must be true or false' };
    }
    case 'country':
      return { value: raw.toUpperCase() };
    case 'enum': {
      const v = CANONICAL.get(column.name)?.get(raw.toLowerCase());
      return v ? { value: v } : { error: 'is not a value of the picklist' };
    }
    case 'multi': {
      const names = CANONICAL.get(column.name);
      const out: string[] = [];
      for (const part of raw.split(HTCDS_MULTI_SEPARATOR)) {
        const p = part.trim();
        if (p === '') {
          continue;
        }
        const v = names?.get(p.toLowerCase());
        if (!v) {
          return { error: 'holds a value that is not in the picklist' };
        }
        if (!out.includes(v)) {
          out.push(v);
        }
      }
      return { value: out };
    }
  }
}

function setPath(target: Record<string, Record<string, unknown>>, path: string[], v: unknown) {
  const [head, field] = path as [string, string];
  target[head] ??= {};
  (target[head] as Record<string, unknown>)[field] = v;
}

/**
 * Parse and validate one data row of a case file into a create input. Pure. Empty cells mean
 * "not recorded". Errors name the column and the problem, never the cell's content (which may be
 * personal data).
 * ### Example
 * `htcdsParseRow({ prs_Gender: 'female', vic_FormOfExploitation: 'ForcedLabour;Begging' })` →
 * `{ ok: true, value: { status: 'Active', input: { person: { gender: 'Female' }, victim: { formsOfExploitation: ['ForcedLabour', 'Begging'] }, … } } }`
 * @param row - cells by header name (any case); unknown headers are ignored
 */
export function htcdsParseRow(row: Readonly<Record<string, Cell>>): HtcdsRowResult {
  const errors: HtcdsCellError[] = [];
  const target: Record<string, Record<string, unknown>> = { person: {}, victim: {} };
  let status: CaseStatus = 'Active';
  const events: { type: 'Recruitment' | 'Exploitation'; country?: string; date?: string }[] = [];
  const event = (type: 'Recruitment' | 'Exploitation') => {
    let e = events.find((x) => x.type === type);
    if (!e) {
      e = { type };
      events.push(e);
    }
    return e;
  };
  for (const [header, value] of Object.entries(row)) {
    const column = htcdsColumnOf(header);
    const raw = cellText(value);
    if (!column || column.exportOnly || raw === '') {
      continue;
    }
    const parsed = parseCell(column, raw);
    if ('error' in parsed) {
      errors.push({ column: column.name, message: parsed.error });
      continue;
    }
    const path = COLUMN_PATH.get(column.name);
    if (path) {
      setPath(target, path, parsed.value);
    } else if (column.name === 'cas_Status') {
      status = parsed.value as CaseStatus;
    } else if (column.name.startsWith('hte_')) {
      const e = event(column.name.startsWith('hte_Recruitment') ? 'Recruitment' : 'Exploitation');
      if (column.name.endsWith('Country')) {
        e.country = parsed.value as string;
      } else {
        e.date = parsed.value as string;
      }
    }
  }
  const candidate = { ...target, events, ignoreDuplicates: true };
  const result = CaseCreateInputSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.slice(0, 2).join('.');
      const column =
        PATH_COLUMN[key] ??
        (issue.path[0] === 'events' ? eventColumn(events, issue.path) : undefined) ??
        issue.path.join('.');
      if (!errors.some((e) => e.column === column)) {
        errors.push({ column, message: issue.message });
      }
    }
  }
  if (errors.length > 0 || !result.success) {
    return { ok: false, errors };
  }
  return { ok: true, value: { input: result.data, status } };
}

function eventColumn(events: { type: string }[], path: readonly PropertyKey[]): string | undefined {
  const e = events[Number(path[1])];
  if (!e) {
    return undefined;
  }
  return `hte_${e.type}${path[2] === 'date' ? 'Date' : 'Country'}`;
}

/**
 * A cell safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@` (or a tab or carriage
 * return, which some programs skip before a formula) is prefixed with `'`, so it is never run as a
 * formula (CSV injection).
 * ### Example
 * `spreadsheetSafe('=HYPERLINK("x")')` → `'=HYPERLINK("x")`; `spreadsheetSafe('Active')` → `Active`
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Join multi-select values for a cell. */
export function htcdsJoinMulti(values: readonly string[] | null | undefined): string {
  return (values ?? []).join(HTCDS_MULTI_SEPARATOR);
}
