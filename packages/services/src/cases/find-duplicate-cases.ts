import type { Database, Db } from '@ctip/db';
import { type CaseDuplicate, type PersonInput, personSearchKeys, type Scope } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { AuthContext, ServiceConfig } from '../context';
import { keyedHash } from '../crypto/keyed-hash';
import { caseReadableBy } from './case-read-filter';

/** The key kinds that propose a duplicate (a bare name is too common to). */
const DUPLICATE_KINDS = ['name_dob', 'id_document', 'variant'] as const;
type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/**
 * Likely duplicates of a person among the cases the caller may read: the same folded name and birth
 * date, the same identity document, or the same romanisation skeleton of the name. Answers case
 * codes and reasons only.
 */
export async function findDuplicateCases(
  db: Db | Transaction<Database>,
  config: ServiceConfig,
  auth: AuthContext,
  scope: Scope | null,
  person: Pick<PersonInput, 'givenName' | 'familyName' | 'birthDate' | 'idDocumentNumber'>,
): Promise<CaseDuplicate[]> {
  const keys = personSearchKeys(person).filter((k): k is { kind: DuplicateKind; value: string } =>
    (DUPLICATE_KINDS as readonly string[]).includes(k.kind),
  );
  if (keys.length === 0) {
    return [];
  }
  const hashes = keys.map((k) => ({ kind: k.kind, hash: keyedHash(config, k.kind, k.value) }));
  const rows = await db
    .selectFrom('person_key')
    .innerJoin('case_record', 'case_record.person_id', 'person_key.person_id')
    .select(['case_record.id', 'case_record.code', 'person_key.kind', 'case_record.created_at'])
    .where((eb) =>
      eb.or(
        hashes.map((h) =>
          eb.and([eb('person_key.kind', '=', h.kind), eb('person_key.hash', '=', h.hash)]),
        ),
      ),
    )
    .where(caseReadableBy(auth, scope))
    .orderBy('case_record.created_at', 'desc')
    .limit(200)
    .execute();
  const byCase = new Map<string, CaseDuplicate>();
  for (const r of rows) {
    const entry = byCase.get(r.id) ?? { caseId: r.id, code: r.code, reasons: [] };
    const kind = r.kind as DuplicateKind;
    if (!entry.reasons.includes(kind)) {
      entry.reasons.push(kind);
    }
    byCase.set(r.id, entry);
  }
  return [...byCase.values()].slice(0, 20);
}
