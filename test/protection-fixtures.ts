/**
 * Fixture cases for the protection and follow-up tests, inserted straight into the database (person
 * + case_record, no personal fields) so these tests do not depend on the case-creation endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '@ctip/db';

let n = 0;

/** Insert a case owned by `ownerUserId` of `agencyId`; returns its id and code. */
export async function insertFixtureCase(
  db: Db,
  opts: { agencyId: string; ownerUserId: string; countryCode: string; nationality?: string | null },
): Promise<{ id: string; code: string }> {
  const personId = randomUUID();
  const id = randomUUID();
  n += 1;
  const code = `${opts.countryCode}-FX-${process.pid}-${Date.now().toString(36)}-${n}`;
  await db
    .insertInto('person')
    .values({ id: personId, country_code: opts.countryCode, nationality: opts.nationality ?? null })
    .execute();
  await db
    .insertInto('case_record')
    .values({
      id,
      code,
      person_id: personId,
      country_code: opts.countryCode,
      agency_id: opts.agencyId,
      owner_user_id: opts.ownerUserId,
      nationality: opts.nationality ?? null,
    })
    .execute();
  return { id, code };
}

/** Row counts of the protection tables, to prove a refused request wrote nothing. */
export async function protectionCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'support_plan',
    'support_service',
    'shelter_stay',
    'fund_payment',
    'task',
    'follow_up',
    'service_feedback',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
