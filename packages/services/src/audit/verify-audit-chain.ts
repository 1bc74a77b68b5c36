import type { Db } from '@ctip/db';
import {
  AUDIT_GENESIS_HASH,
  type AuditAction,
  type AuditOutcome,
  auditCanonical,
} from '@ctip/domain';
import { sha256Hex } from '../crypto/tokens';

export type AuditVerifyResult = {
  ok: boolean;
  /** Number of events checked. */
  checked: number;
  /** Sequence number of the first event that breaks the chain, or null. */
  firstBrokenSeq: number | null;
  reason: string | null;
};

const BATCH = 5000;

/**
 * Walk the whole audit chain in order and recompute every hash.
 * Detects an altered row (hash mismatch), a removed row (gap in `seq` or broken `prev_hash`), and a
 * removed tail (head pointer ahead of the last row).
 * @param onProgress - called after each batch with (checked, total)
 */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerifyResult> {
  const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
  const { total } = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, reason: string): AuditVerifyResult => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    reason,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(expectedSeq, 'missing event');
      }
      if (row.prev_hash !== prevHash) {
        return broken(row.seq, 'previous-hash link does not match');
      }
      const recomputed = sha256Hex(
        auditCanonical({
          seq: row.seq,
          occurredAt: row.occurred_at,
          prevHash: row.prev_hash,
          action: row.action as AuditAction,
          outcome: row.outcome as AuditOutcome,
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
      if (recomputed !== row.hash) {
        return broken(row.seq, 'event content does not match its hash');
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
    if (rows.length < BATCH) {
      break;
    }
  }
  if (head.seq !== checked || head.hash !== prevHash) {
    return broken(checked + 1, 'events missing at the end of the chain');
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}
