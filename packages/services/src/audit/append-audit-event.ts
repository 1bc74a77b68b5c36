import type { Database, Db } from '@ctip/db';
import { type AuditEvent, type AuditEventInput, auditCanonical } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { sha256Hex } from '../crypto/tokens';

/**
 * Append one event to the hash chain, inside the caller's transaction so the event commits or rolls
 * back with the change it records. Updating `audit_head` first takes its row lock, which serialises
 * concurrent appends and keeps `seq` gap-free.
 * @returns the stored event with its hash
 */
export async function appendAuditEvent(
  trx: Transaction<Database>,
  input: AuditEventInput,
  now: Date,
): Promise<AuditEvent> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const unsigned = { ...input, seq: head.seq, occurredAt: now, prevHash: head.hash };
  const hash = sha256Hex(auditCanonical(unsigned));
  await trx
    .insertInto('audit_event')
    .values({
      seq: head.seq,
      occurred_at: now,
      action: input.action,
      outcome: input.outcome,
      actor_user_id: input.actorUserId,
      actor_agency_id: input.actorAgencyId,
      actor_country: input.actorCountry,
      target_type: input.targetType,
      target_id: input.targetId,
      request_id: input.requestId,
      ip: input.ip,
      user_agent: input.userAgent,
      details: JSON.stringify(input.details),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return { ...unsigned, hash };
}

/** Append an event in a transaction of its own (for events not tied to a change: reads, failures). */
export async function appendAuditEventNow(
  db: Db,
  input: AuditEventInput,
  now: Date,
): Promise<AuditEvent> {
  return db.transaction().execute((trx) => appendAuditEvent(trx, input, now));
}
