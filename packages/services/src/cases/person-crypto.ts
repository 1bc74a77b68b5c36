import type { Database } from '@ctip/db';
import { type PersonInput, personSearchKeys } from '@ctip/domain';
import type { Insertable } from 'kysely';
import type { ServiceConfig } from '../context';
import { keyedHash } from '../crypto/keyed-hash';
import { decryptSecret, encryptSecret } from '../crypto/secret-box';

type PersonInsert = Insertable<Database['person']>;

/** The person's personal fields in clear, as the API shows them to an authorised reader. */
export type PersonDetails = {
  givenName: string | null;
  familyName: string | null;
  otherNames: string | null;
  birthDate: string | null;
  idDocumentNumber: string | null;
  contact: string | null;
};

/** Seal a value when present. */
export function sealOptional(
  config: ServiceConfig,
  value: string | null | undefined,
): string | null {
  return value == null || value === '' ? null : encryptSecret(config, value);
}

/** Open a sealed value when present. */
export function openOptional(
  config: ServiceConfig,
  sealed: string | null | undefined,
): string | null {
  return sealed == null ? null : decryptSecret(config, sealed);
}

/**
 * The row and search keys of a new person: personal fields sealed (AES-256-GCM), coded fields
 * (gender, birth year, nationality) in clear for statistics, and the keyed hashes of
 * {@link personSearchKeys} for search and duplicate detection.
 */
export function sealPerson(
  config: ServiceConfig,
  id: string,
  countryCode: string,
  p: PersonInput,
): { row: PersonInsert; keys: { person_id: string; kind: string; hash: string }[] } {
  const row: PersonInsert = {
    id,
    country_code: countryCode,
    given_name_enc: sealOptional(config, p.givenName),
    family_name_enc: sealOptional(config, p.familyName),
    other_names_enc: sealOptional(config, p.otherNames),
    birth_date_enc: sealOptional(config, p.birthDate),
    id_document_enc: sealOptional(config, p.idDocumentNumber),
    contact_enc: sealOptional(config, p.contact),
    gender: p.gender ?? 'Unknown',
    birth_year: p.birthDate ? Number(p.birthDate.slice(0, 4)) : null,
    nationality: p.nationality ?? null,
    ethnicity: p.ethnicity ?? null,
  };
  return { row, keys: personKeyRows(config, id, p) };
}

/** The keyed-hash rows of a person (recomputed whenever a name, birth date or document changes). */
export function personKeyRows(
  config: ServiceConfig,
  personId: string,
  p: Pick<PersonInput, 'givenName' | 'familyName' | 'birthDate' | 'idDocumentNumber'>,
): { person_id: string; kind: string; hash: string }[] {
  const seen = new Set<string>();
  const out: { person_id: string; kind: string; hash: string }[] = [];
  for (const k of personSearchKeys(p)) {
    const hash = keyedHash(config, k.kind, k.value);
    if (!seen.has(`${k.kind}:${hash}`)) {
      seen.add(`${k.kind}:${hash}`);
      out.push({ person_id: personId, kind: k.kind, hash });
    }
  }
  return out;
}

/** Open a stored person's personal fields. */
export function openPerson(
  config: ServiceConfig,
  row: {
    given_name_enc: string | null;
    family_name_enc: string | null;
    other_names_enc: string | null;
    birth_date_enc: string | null;
    id_document_enc: string | null;
    contact_enc: string | null;
  },
): PersonDetails {
  return {
    givenName: openOptional(config, row.given_name_enc),
    familyName: openOptional(config, row.family_name_enc),
    otherNames: openOptional(config, row.other_names_enc),
    birthDate: openOptional(config, row.birth_date_enc),
    idDocumentNumber: openOptional(config, row.id_document_enc),
    contact: openOptional(config, row.contact_enc),
  };
}

/**
 * A new pseudonymous case code: country, year and a node-wide sequence number, e.g. `TH-2026-000042`.
 * It says nothing about the person and is what lists and exports show by default.
 */
export function caseCodeFrom(countryCode: string, year: number, seq: number): string {
  return `${countryCode}-${year}-${String(seq).padStart(6, '0')}`;
}
