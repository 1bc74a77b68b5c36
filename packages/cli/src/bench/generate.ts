import { randomUUID } from 'node:crypto';
import type { Database, Db } from '@ctip/db';
import { type AuditEventInput, auditCanonical, COMMIT_COUNTRIES } from '@ctip/domain';
import { hashPassword, sha256Hex } from '@ctip/services';
import { sql, type Transaction } from 'kysely';

const FIRST_NAMES = (
  'Sokha Dara Bopha Vanna Mei Wei Ying Khamla Noy Souk ' +
  'Aung Thida Zaw Somchai Malee Niran Lan Minh Huong Thanh'
).split(' ');
const LAST_NAMES = (
  'Chan Keo Sok Wang Zhang Liu Vongsa Sithong Win Htun ' +
  'Kyaw Srisai Wongsa Boonmee Nguyen Tran Pham Hoang Phan Lim'
).split(' ');

const USERS_PER_AGENCY = 100;
const BATCH = 1000;

/** What the generator created. */
export type BenchData = { agencies: number; users: number; auditEvents: number };

/**
 * The generated name of a user: display name and username.
 * @param i - the user's number, from 0
 */
export function benchUserName(i: number): { displayName: string; username: string } {
  const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
  const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] as string;
  return {
    displayName: `${first} ${last}`,
    username: `${first}.${last}.${i}`.toLowerCase(),
  };
}

/**
 * Search texts for the `?q=` measurement, cycling through a common first name (about 1 in 20 users
 * match), a common family name, and one exact username (one match).
 * @param i - request number
 * @param users - how many users were generated
 */
export function benchSearchTerm(i: number, users: number): string {
  const { displayName, username } = benchUserName((i * 7919) % users);
  const [first, last] = displayName.toLowerCase().split(' ') as [string, string];
  return [first, last, username][i % 3] as string;
}

async function insertInBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
  onBatch: (n: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await insert(batch);
    onBatch(batch.length);
  }
}

/** Chain one `user.create` event per user onto the audit trail, as creating them would have. */
async function appendCreationEvents(
  trx: Transaction<Database>,
  users: { id: string; createdAt: Date; role: string }[],
  onBatch: (n: number) => void,
): Promise<void> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = head.seq;
  let prevHash = head.hash;
  const events = users.map((u) => {
    seq += 1;
    const input: AuditEventInput = {
      action: 'user.create',
      outcome: 'success',
      actorUserId: null,
      actorAgencyId: null,
      actorCountry: null,
      targetType: 'user',
      targetId: u.id,
      requestId: null,
      ip: null,
      userAgent: 'ctip-bench',
      details: { roles: [u.role] },
    };
    const hash = sha256Hex(auditCanonical({ ...input, seq, occurredAt: u.createdAt, prevHash }));
    const row = {
      seq,
      occurred_at: u.createdAt,
      action: input.action,
      outcome: input.outcome,
      actor_user_id: null,
      actor_agency_id: null,
      actor_country: null,
      target_type: input.targetType,
      target_id: input.targetId,
      request_id: null,
      ip: null,
      user_agent: input.userAgent,
      details: JSON.stringify(input.details),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  await insertInBatches(events, (b) => trx.insertInto('audit_event').values(b).execute(), onBatch);
  await trx.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
}

/**
 * Generate `users` users spread over generated agencies in the six COMMIT countries, with batched
 * inserts in one transaction (one argon2 hash, shared: these accounts never log in), plus the audit
 * events their creation would have written. Then ANALYZE, as a running node would have statistics.
 * @param db - a migrated database with reference data and built-in roles
 * @param onProgress - called with (rows written, total rows)
 */
export async function generateBenchData(
  db: Db,
  users: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<BenchData> {
  const types = (await db.selectFrom('organisation_type').select('code').execute()).map(
    (t) => t.code,
  );
  const roles = await db
    .selectFrom('role')
    .select(['id', 'key'])
    .where('key', '!=', 'system_admin')
    .orderBy('key')
    .execute();
  const agencyCount = Math.max(COMMIT_COUNTRIES.length, Math.ceil(users / USERS_PER_AGENCY));
  const agencies = Array.from({ length: agencyCount }, (_, i) => ({
    id: randomUUID(),
    name: `Bench Agency ${String(i + 1).padStart(4, '0')}`,
    short_name: `BA${i + 1}`,
    type: types[i % types.length] as string,
    country_code: COMMIT_COUNTRIES[i % COMMIT_COUNTRIES.length] as string,
    parent_id: null,
    deleted_at: null,
  }));
  const passwordHash = await hashPassword(`bench-${randomUUID()}`);
  const start = Date.now() - users * 1000;
  const people = Array.from({ length: users }, (_, i) => {
    const role = roles[i % roles.length] as { id: string; key: string };
    return {
      id: randomUUID(),
      agencyId: (agencies[i % agencyCount] as { id: string }).id,
      createdAt: new Date(start + i * 1000),
      role: role.key,
      roleId: role.id,
      ...benchUserName(i),
    };
  });
  const total = agencyCount + users * 3;
  let done = 0;
  const step = (n: number) => {
    done += n;
    onProgress(done, total);
  };
  await db.transaction().execute(async (trx) => {
    await insertInBatches(agencies, (b) => trx.insertInto('agency').values(b).execute(), step);
    await insertInBatches(
      people,
      (b) =>
        trx
          .insertInto('app_user')
          .values(
            b.map((p) => ({
              id: p.id,
              username: p.username,
              display_name: p.displayName,
              email: `${p.username}@bench.invalid`,
              password_hash: passwordHash,
              agency_id: p.agencyId,
              locale: 'en',
              calendar: 'gregory',
              is_disabled: false,
              totp_secret_enc: null,
              totp_last_counter: null,
              failed_login_count: 0,
              locked_until: null,
              last_login_at: null,
              created_at: p.createdAt,
              updated_at: p.createdAt,
            })),
          )
          .execute(),
      step,
    );
    await insertInBatches(
      people,
      (b) =>
        trx
          .insertInto('user_role')
          .values(b.map((p) => ({ user_id: p.id, role_id: p.roleId })))
          .execute(),
      step,
    );
    await appendCreationEvents(trx, people, step);
  });
  await sql`analyze`.execute(db);
  return { agencies: agencyCount, users, auditEvents: users };
}
