import { randomUUID } from 'node:crypto';
import type { Database } from '@ctip/db';
import { ageOn, type HtcdsRowValue, isChildAge } from '@ctip/domain';
import { type Insertable, sql, type Transaction } from 'kysely';
import { caseCodeFrom, sealOptional, sealPerson } from '../cases/person-crypto';
import type { AuthContext, ServiceConfig } from '../context';

/** Cases per chunk: one INSERT per table per chunk. */
export const IMPORT_CHUNK = 2000;

type Row<T extends keyof Database> = Insertable<Database[T]>;
type ImportTable = 'person' | 'person_key' | 'case_record' | 'case_event' | 'case_history';

const TEXT_ARRAY = 'text[]';

/** SQL types of the columns written, to type the arrays `unnest` takes (one per column). */
const COLUMN_TYPES: Record<ImportTable, Record<string, string>> = {
  person: {
    id: 'uuid',
    country_code: 'text',
    given_name_enc: 'text',
    family_name_enc: 'text',
    other_names_enc: 'text',
    birth_date_enc: 'text',
    id_document_enc: 'text',
    contact_enc: 'text',
    gender: 'text',
    birth_year: 'int',
    nationality: 'text',
    ethnicity: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  person_key: { person_id: 'uuid', kind: 'text', hash: 'text' },
  case_record: {
    id: 'uuid',
    code: 'text',
    person_id: 'uuid',
    country_code: 'text',
    agency_id: 'uuid',
    owner_user_id: 'uuid',
    status: 'text',
    identification_status: 'text',
    identified_by_agency_id: 'uuid',
    identification_date: 'date',
    gender: 'text',
    age_at_identification: 'int',
    is_child: 'boolean',
    nationality: 'text',
    forms_of_exploitation: TEXT_ARRAY,
    recruitment_methods: TEXT_ARRAY,
    recruitment_apps: TEXT_ARRAY,
    methods_of_control: TEXT_ARRAY,
    labour_exploitation_types: TEXT_ARRAY,
    labour_industries: TEXT_ARRAY,
    sex_exploitation_types: TEXT_ARRAY,
    exploitation_apps: TEXT_ARRAY,
    vulnerabilities: TEXT_ARRAY,
    vulnerability_details_enc: 'text',
    country_of_exploitation: 'text',
    is_cross_border: 'boolean',
    agreement_to_manage_data: 'boolean',
    closed_at: 'timestamptz',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  case_event: {
    id: 'uuid',
    case_id: 'uuid',
    type: 'text',
    country: 'text',
    state: 'text',
    city: 'text',
    occurred_on: 'date',
    description_enc: 'text',
    created_at: 'timestamptz',
  },
  case_history: {
    case_id: 'uuid',
    user_id: 'uuid',
    action: 'text',
    changes: 'jsonb',
    at: 'timestamptz',
  },
};

/** A PostgreSQL array literal of text values (each quoted and escaped). */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Insert rows with one `INSERT … SELECT FROM unnest(…)`: one bind parameter per column (an array of
 * that column's values), so a statement stays far below PostgreSQL's 65,535-parameter limit
 * whatever the number of rows, and the server parses a few arrays instead of tens of thousands of
 * parameters (several times faster than multi-row VALUES). Array columns travel as array literals
 * and are cast back. Works on both engines.
 */
async function insertMany<T extends ImportTable>(
  trx: Transaction<Database>,
  table: T,
  rows: Row<T>[],
): Promise<void> {
  const first = rows[0];
  if (!first) {
    return;
  }
  const types = COLUMN_TYPES[table];
  const columns = Object.keys(first);
  const arrays = columns.map((c) => {
    const type = types[c];
    if (!type) {
      throw new Error(`import: no type for ${table}.${c}`);
    }
    const values = rows.map((r) => (r as Record<string, unknown>)[c] ?? null);
    return type === TEXT_ARRAY
      ? sql`${values.map((v) => textArrayLiteral((v as string[] | null) ?? []))}::text[]`
      : sql`${values}::${sql.raw(type)}[]`;
  });
  const aliases = columns.map((_, i) => sql.raw(`c${i}`));
  const selected = columns.map((c, i) =>
    types[c] === TEXT_ARRAY ? sql.raw(`c${i}::text[]`) : sql.raw(`c${i}`),
  );
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${sql.join(aliases)})`.execute(
    trx,
  );
}

/**
 * A block of `n` new values of `case_code_seq` in one round trip (ascending). Sequence values are
 * never handed out twice, even when the transaction that drew them rolls back, so a code is never
 * reused; the UNIQUE constraint on `case_record.code` is the last guard.
 */
export async function nextCaseSequenceBlock(
  trx: Transaction<Database>,
  n: number,
): Promise<number[]> {
  if (n <= 0) {
    return [];
  }
  const { rows } = await sql<{
    n: string | number;
  }>`select nextval('case_code_seq') as n from generate_series(1, ${n}::int)`.execute(trx);
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}

/** The rows of one chunk of cases, ready to insert. */
type Chunk = {
  ids: string[];
  persons: Row<'person'>[];
  keys: Row<'person_key'>[];
  cases: Row<'case_record'>[];
  events: Row<'case_event'>[];
  history: Row<'case_history'>[];
};

/** Seal and shape one chunk (CPU only). `seqs[j]` is the code number of `values[j]`. */
function buildChunk(
  config: ServiceConfig,
  auth: AuthContext,
  values: readonly HtcdsRowValue[],
  seqs: readonly number[],
  now: Date,
): Chunk {
  const { actor } = auth;
  const year = now.getUTCFullYear();
  const today = now.toISOString().slice(0, 10);
  const chunk: Chunk = { ids: [], persons: [], keys: [], cases: [], events: [], history: [] };
  const { ids, persons, keys, cases, events, history } = chunk;
  values.forEach((value, j) => {
    const { input } = value;
    const personId = randomUUID();
    const caseId = randomUUID();
    ids.push(caseId);
    const sealed = sealPerson(config, personId, actor.countryCode, input.person);
    persons.push({ ...sealed.row, created_at: now, updated_at: now });
    keys.push(...sealed.keys);
    const v = input.victim;
    const age = input.person.birthDate
      ? ageOn(input.person.birthDate, v.identificationDate ?? today)
      : (input.person.estimatedAge ?? null);
    const nationality = input.person.nationality ?? null;
    const countries = [nationality, v.countryOfExploitation, ...input.events.map((e) => e.country)];
    const closed = value.status === 'Closed' || value.status === 'ClosedReferred';
    cases.push({
      id: caseId,
      code: caseCodeFrom(actor.countryCode, year, seqs[j] as number),
      person_id: personId,
      country_code: actor.countryCode,
      agency_id: actor.agencyId,
      owner_user_id: actor.userId,
      status: value.status,
      identification_status: v.identificationStatus,
      identified_by_agency_id: v.identifiedByAgencyId ?? null,
      identification_date: v.identificationDate ?? null,
      gender: input.person.gender,
      age_at_identification: age,
      is_child: isChildAge(age),
      nationality,
      forms_of_exploitation: v.formsOfExploitation,
      recruitment_methods: v.recruitmentMethods,
      recruitment_apps: v.recruitmentApps,
      methods_of_control: v.methodsOfControl,
      labour_exploitation_types: v.labourExploitationTypes,
      labour_industries: v.labourIndustries,
      sex_exploitation_types: v.sexExploitationTypes,
      exploitation_apps: v.exploitationApps,
      vulnerabilities: v.vulnerabilities,
      vulnerability_details_enc: sealOptional(config, v.vulnerabilityDetails),
      country_of_exploitation: v.countryOfExploitation ?? null,
      is_cross_border: countries.some((c) => c != null && c !== actor.countryCode),
      agreement_to_manage_data: v.agreementToManagePersonalData,
      closed_at: closed ? now : null,
      created_at: now,
      updated_at: now,
    });
    for (const e of input.events) {
      events.push({
        id: randomUUID(),
        case_id: caseId,
        type: e.type,
        country: e.country ?? null,
        state: e.state ?? null,
        city: e.city ?? null,
        occurred_on: e.date ?? null,
        description_enc: sealOptional(config, e.description),
        created_at: now,
      });
    }
    history.push({
      case_id: caseId,
      user_id: actor.userId,
      action: 'import',
      changes: `{"events":${input.events.length}}`,
      at: now,
    });
  });
  return chunk;
}

async function writeChunk(trx: Transaction<Database>, chunk: Chunk): Promise<void> {
  await insertMany(trx, 'person', chunk.persons);
  await insertMany(trx, 'person_key', chunk.keys);
  await insertMany(trx, 'case_record', chunk.cases);
  await insertMany(trx, 'case_event', chunk.events);
  await insertMany(trx, 'case_history', chunk.history);
}

/**
 * Write validated case rows inside the caller's transaction: persons (sealed) and their keyed-hash
 * rows, cases with codes from one block of sequence values, trafficking events and a history entry
 * per case, one INSERT per table per chunk. Owner, agency and country are the caller's. The next
 * chunk is sealed while the database writes the previous one.
 * @param onProgress - cases written so far (after each chunk)
 * @returns the ids of the cases created, in file order
 */
export async function insertImportedCases(
  trx: Transaction<Database>,
  config: ServiceConfig,
  auth: AuthContext,
  values: readonly HtcdsRowValue[],
  now: Date,
  onProgress: (written: number) => void = () => {},
): Promise<string[]> {
  const seqs = await nextCaseSequenceBlock(trx, values.length);
  const ids: string[] = [];
  let pending: Promise<void> | null = null;
  let written = 0;
  for (let start = 0; start < values.length; start += IMPORT_CHUNK) {
    const end = Math.min(values.length, start + IMPORT_CHUNK);
    const chunk = buildChunk(config, auth, values.slice(start, end), seqs.slice(start, end), now);
    ids.push(...chunk.ids);
    if (pending) {
      await pending;
      onProgress(written);
    }
    written = end;
    pending = writeChunk(trx, chunk);
  }
  if (pending) {
    await pending;
    onProgress(written);
  }
  return ids;
}
