/**
 * Fixture agreements, sharing policies and border points for the cross-border case tests, inserted
 * straight into the database (independent of the agreements API and its reference seed).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '@ctip/db';
import { DEFAULT_SHARING_POLICY, type SharingPolicy } from '@ctip/domain';

/** An agreement binding `countries` with an Active policy version 1. */
export async function insertAgreement(
  db: Db,
  code: string,
  countries: string[],
  policy: Partial<SharingPolicy> = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('agreement')
    .values({
      id,
      code,
      type: 'MoU',
      subject: 'Trafficking',
      title: `Test agreement ${code}`,
      status: 'Signed',
    })
    .execute();
  await db
    .insertInto('agreement_party')
    .values(countries.map((c) => ({ agreement_id: id, country_code: c })))
    .execute();
  await db
    .insertInto('sharing_policy')
    .values({
      agreement_id: id,
      version: 1,
      status: 'Active',
      policy: JSON.stringify({ ...DEFAULT_SHARING_POLICY, ...policy }),
      activated_at: new Date(),
    })
    .execute();
  return id;
}

/** A border point (BLO/BCATIP) between countries. */
export async function insertBorderPoint(
  db: Db,
  code: string,
  countries: string[],
  location: string,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('border_point')
    .values({ id, code, mechanism: 'BLO', countries, location })
    .execute();
  return id;
}

/** Rows of a cross-border table, to prove a refusal wrote nothing. */
export async function countRows(
  db: Db,
  table: 'xb_case' | 'outbox_message' | 'xb_step',
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Audit actions recorded for a target. */
export async function auditActions(db: Db, targetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}
