/**
 * Fixture cases and users for the consent, referral and rights tests, inserted straight into the
 * database (a sealed person + case_record) so these tests do not depend on the case-creation API.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '@ctip/db';
import { PersonInputSchema } from '@ctip/domain';
import { loadTestConfig } from '@ctip/server';
import { DEMO_PASSWORD, hashPassword, insertUser, sealPerson } from '@ctip/services';
import { expect } from 'vitest';
import type { Client } from './app';

const config = loadTestConfig().services;
let seq = 0;

/** A case owned by `owner`, inserted directly (independent of the cases API). */
export async function insertCase(
  db: Db,
  owner: { userId: string; agencyId: string },
): Promise<string> {
  const personId = randomUUID();
  const sealed = sealPerson(
    config,
    personId,
    'TH',
    PersonInputSchema.parse({
      givenName: 'Aye',
      familyName: 'Mya',
      gender: 'Female',
      nationality: 'MM',
    }),
  );
  await db.insertInto('person').values(sealed.row).execute();
  if (sealed.keys.length) {
    await db.insertInto('person_key').values(sealed.keys).execute();
  }
  const id = randomUUID();
  seq++;
  await db
    .insertInto('case_record')
    .values({
      id,
      code: `TH-2026-R${String(seq).padStart(5, '0')}-${id.slice(0, 4)}`,
      person_id: personId,
      country_code: 'TH',
      agency_id: owner.agencyId,
      owner_user_id: owner.userId,
      age_at_identification: 24,
    })
    .execute();
  return id;
}

export async function agencyId(db: Db, name: string): Promise<string> {
  const row = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('name', 'like', `${name}%`)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A demo-password user with a built-in role, inserted directly. */
export async function insertRoleUser(
  db: Db,
  username: string,
  agency: string,
  role: string,
): Promise<void> {
  const roleRow = await db
    .selectFrom('role')
    .select('id')
    .where('key', '=', role)
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute((trx) =>
    insertUser(trx, {
      id: randomUUID(),
      username,
      displayName: username,
      email: null,
      passwordHash,
      agencyId: agency,
      locale: 'en',
      roleIds: [roleRow.id],
    }),
  );
}

/** Rows in a table, to prove a refusal wrote nothing. */
export async function count(
  db: Db,
  table: 'referral' | 'notification' | 'case_history',
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Record a granted consent through the API (expects 201). */
export async function grantConsent(c: Client, caseId: string, body: Record<string, unknown>) {
  const res = await c.request({
    method: 'POST',
    url: `/api/cases/${caseId}/consents`,
    payload: { isGranted: true, givenOn: '2026-11-30', explainedIn: 'my', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
