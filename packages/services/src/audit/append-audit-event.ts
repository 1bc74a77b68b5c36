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
  const [event] = await appendAuditEvents(trx, [{ input, now }]);
  return event as AuditEvent;
}

type Pending = {
  input: AuditEventInput;
  now: Date;
  resolve: (event: AuditEvent) => void;
  reject: (err: unknown) => void;
};

/** Events per group commit: 15 bind parameters each, well below PostgreSQL's 65,535. */
const MAX_BATCH = 500;

/**
 * Group commit of the events that are not tied to a change (reads, searches, refusals). Each
 * caller still waits until its own event is committed — nothing is acknowledged before it is
 * durable — but events that arrive while a commit is under way share the next one: one head
 * update, one multi-row insert and one commit (one WAL flush) for the whole group instead of one
 * per event. Without it every read serialised on the `audit_head` row lock for a full commit, which
 * capped a node at about 400 audited reads a second on the benchmark machine.
 */
class AuditGroupCommit {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  append(input: AuditEventInput, now: Date): Promise<AuditEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, now, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const events = await this.db.transaction().execute((trx) => appendAuditEvents(trx, batch));
        batch.forEach((p, i) => {
          p.resolve(events[i] as AuditEvent);
        });
      } catch (err) {
        for (const p of batch) {
          p.reject(err);
        }
      }
    }
    this.running = false;
  }
}

/** Append several events in order inside one transaction (one head update for all). */
async function appendAuditEvents(
  trx: Transaction<Database>,
  batch: readonly { input: AuditEventInput; now: Date }[],
): Promise<AuditEvent[]> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', batch.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let prevHash = head.hash;
  const first = head.seq - batch.length + 1;
  const events = batch.map(({ input, now }, i) => {
    const unsigned = { ...input, seq: first + i, occurredAt: now, prevHash };
    const hash = sha256Hex(auditCanonical(unsigned));
    prevHash = hash;
    return { ...unsigned, hash };
  });
  await trx
    .insertInto('audit_event')
    .values(
      events.map((e) => ({
        seq: e.seq,
        occurred_at: e.occurredAt,
        action: e.action,
        outcome: e.outcome,
        actor_user_id: e.actorUserId,
        actor_agency_id: e.actorAgencyId,
        actor_country: e.actorCountry,
        target_type: e.targetType,
        target_id: e.targetId,
        request_id: e.requestId,
        ip: e.ip,
        user_agent: e.userAgent,
        details: JSON.stringify(e.details),
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute();
  await trx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
  return events;
}

const groupCommits = new WeakMap<Db, AuditGroupCommit>();

/**
 * Append an event in a transaction of its own (for events not tied to a change: reads, failures).
 * Resolves once the event is committed; concurrent calls share a commit (see AuditGroupCommit).
 * Never call it inside an open transaction on PGlite (one connection: it would wait for itself).
 */
export async function appendAuditEventNow(
  db: Db,
  input: AuditEventInput,
  now: Date,
): Promise<AuditEvent> {
  let group = groupCommits.get(db);
  if (!group) {
    group = new AuditGroupCommit(db);
    groupCommits.set(db, group);
  }
  return group.append(input, now);
}
