/**
 * The audit hash chain: `verifyAuditChain` accepts an untouched chain and names the first broken
 * event after any tampering done directly in the database (an altered column, a removed row in the
 * middle or at the end, a row re-hashed to hide an edit); concurrent appends keep it intact.
 * Each tampering runs in a transaction that is rolled back, so every case starts from the same chain.
 */
import type { Db, DbHandle } from '@ctip/db';
import { type AuditEventInput, auditCanonical } from '@ctip/domain';
import {
  type AuditVerifyResult,
  appendAuditEventNow,
  sha256Hex,
  verifyAuditChain,
} from '@ctip/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from './db';
import { auditHead } from './state';

const EVENTS = 30;
/** The event tampered with: in the middle of the chain. */
const MIDDLE = 15;

function event(i: number): AuditEventInput {
  return {
    action: i % 3 === 0 ? 'user.read' : i % 3 === 1 ? 'auth.login' : 'access.denied',
    outcome: i % 3 === 2 ? 'denied' : 'success',
    actorUserId: i % 5 === 0 ? null : crypto.randomUUID(),
    actorAgencyId: i % 5 === 0 ? null : crypto.randomUUID(),
    actorCountry: i % 5 === 0 ? null : 'TH',
    targetType: 'user',
    targetId: i % 2 === 0 ? crypto.randomUUID() : null,
    requestId: `req-${i}`,
    ip: i % 4 === 0 ? null : '192.0.2.1',
    userAgent: 'audit-chain test',
    details: { i, nested: { list: [1, 'two', null], flag: i % 2 === 0 } },
  };
}

class Rollback extends Error {
  constructor(readonly result: AuditVerifyResult) {
    super('rollback');
  }
}

/** Tamper inside a transaction, verify there, and roll back. */
async function verifyAfter(
  db: Db,
  tamper: (trx: Db) => Promise<unknown>,
): Promise<AuditVerifyResult> {
  try {
    await db.transaction().execute(async (trx) => {
      await tamper(trx as unknown as Db);
      throw new Rollback(await verifyAuditChain(trx as unknown as Db));
    });
  } catch (err) {
    if (err instanceof Rollback) {
      return err.result;
    }
    throw err;
  }
  throw new Error('unreachable');
}

/** One altered column of the middle event, as an SQL assignment. */
const ALTERATIONS: Record<string, string> = {
  seq: 'seq = seq + 1000',
  occurred_at: "occurred_at = occurred_at + interval '1 second'",
  action: "action = 'auth.logout'",
  outcome: "outcome = 'failure'",
  actor_user_id: 'actor_user_id = gen_random_uuid()',
  actor_agency_id: 'actor_agency_id = gen_random_uuid()',
  actor_country: "actor_country = 'KH'",
  target_type: "target_type = 'agency'",
  target_id: "target_id = 'someone-else'",
  request_id: "request_id = 'req-forged'",
  ip: "ip = '198.51.100.7'",
  user_agent: "user_agent = 'forged agent'",
  details: `details = '{"i": 15, "nested": {"list": [1, "two", null], "flag": true}, "x": 1}'::jsonb`,
  prev_hash: `prev_hash = '${'a'.repeat(64)}'`,
  hash: `hash = '${'b'.repeat(64)}'`,
};

for (const engine of DB_TARGETS) {
  describe(`${engine}: ${verifyAuditChain.name}`, () => {
    let handle: DbHandle;
    let db: Db;
    let base: number;

    beforeAll(async () => {
      handle = await createTestDb(engine);
      db = handle.db;
      base = await auditHead(db);
      const start = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 1; i <= EVENTS; i++) {
        await appendAuditEventNow(db, event(i), new Date(start + i * 1234));
      }
    });
    afterAll(async () => {
      await handle?.close();
    });

    it('accepts a fresh chain', async () => {
      expect(await verifyAuditChain(db)).toEqual({
        ok: true,
        checked: base + EVENTS,
        firstBrokenSeq: null,
        reason: null,
      });
    });

    it('covers every column of an event', async () => {
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = 'audit_event'`.execute(db);
      expect(columns.rows.map((c) => c.column_name).sort()).toEqual(
        Object.keys(ALTERATIONS).sort(),
      );
    });

    for (const [column, assignment] of Object.entries(ALTERATIONS)) {
      it(`reports an altered ${column} at the altered event`, async () => {
        const seq = base + MIDDLE;
        const result = await verifyAfter(db, (trx) =>
          sql.raw(`update audit_event set ${assignment} where seq = ${seq}`).execute(trx),
        );
        expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq });
        expect(result.checked).toBe(seq - 1);
      });
    }

    it('reports a deleted event in the middle', async () => {
      const seq = base + MIDDLE;
      const result = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_event').where('seq', '=', seq).execute(),
      );
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq, reason: 'missing event' });
    });

    it('reports a deleted last event', async () => {
      const seq = base + EVENTS;
      const result = await verifyAfter(db, (trx) =>
        trx.deleteFrom('audit_event').where('seq', '=', seq).execute(),
      );
      expect(result).toMatchObject({ ok: false, firstBrokenSeq: seq });
      expect(result.reason).toMatch(/missing at the end/);
    });

    it('reports an edited event whose hash was recomputed at the next event', async () => {
      const seq = base + MIDDLE;
      const result = await verifyAfter(db, async (trx) => {
        // The forger changes the event and re-hashes it consistently, but cannot fix the next link
        // without rewriting the rest of the chain.
        await sql`update audit_event set ip = '203.0.113.9' where seq = ${seq}`.execute(trx);
        const row = await trx
          .selectFrom('audit_event')
          .selectAll()
          .where('seq', '=', seq)
          .executeTakeFirstOrThrow();
        const hash = sha256Hex(
          auditCanonical({
            seq: row.seq,
            occurredAt: row.occurred_at,
            prevHash: row.prev_hash,
            action: row.action as AuditEventInput['action'],
            outcome: row.outcome as AuditEventInput['outcome'],
            actorUserId: row.actor_user_id,
            actorAgencyId: row.actor_agency_id,
            actorCountry: row.actor_country,
            targetType: row.target_type,
            targetId: row.target_id,
            requestId: row.request_id,
            ip: row.ip,
            userAgent: row.user_agent,
            details: row.details,
          }),
        );
        await trx.updateTable('audit_event').set({ hash }).where('seq', '=', seq).execute();
      });
      expect(result).toMatchObject({
        ok: false,
        firstBrokenSeq: seq + 1,
        reason: 'previous-hash link does not match',
      });
    });

    it('stays valid under 20 concurrent appends', async () => {
      const before = await auditHead(db);
      const stored = await Promise.all(
        Array.from({ length: 20 }, (_, i) => appendAuditEventNow(db, event(100 + i), new Date())),
      );
      expect(stored.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => before + 1 + i),
      );
      const result = await verifyAuditChain(db);
      expect(result).toEqual({
        ok: true,
        checked: before + 20,
        firstBrokenSeq: null,
        reason: null,
      });
    });
  });
}
