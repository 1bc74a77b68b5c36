import type { Database } from '@ctip/db';
import type { MessageKind, XbRole } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../context';
import { sealFor } from './envelope';
import type { NodeRoute } from './routing';

/** A message to put in the outbox, inside the transaction of the change that causes it. */
export type OutboundMessage = {
  to: NodeRoute;
  kind: MessageKind;
  /** Shared case reference; null for node messages. */
  ref: string | null;
  /** This node's side of the shared case; its `last_out_seq` numbers the message. */
  xbCaseId: string | null;
  fromRole: XbRole | null;
  fromCountry: string | null;
  toCountry: string | null;
  agreement: string | null;
  policyVersion: number | null;
  /** Non-personal body (checked by the receiver against the kind's schema). */
  body: Record<string, unknown>;
  /** Personal part: encrypted to the receiving node now, so the outbox never holds it in clear. */
  sealed?: unknown;
};

/**
 * Write a message to the outbox in `trx`: it is delivered only if the change commits, and exactly
 * once by the receiver's inbox. Case messages are numbered per (ref, role) so they apply in order.
 * Call {@link kickOutbox} after the transaction commits for prompt delivery.
 * @returns the message id and its sequence number
 */
export async function enqueueMessage(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  msg: OutboundMessage,
): Promise<{ id: string; seq: number | null }> {
  let seq: number | null = null;
  if (msg.xbCaseId) {
    const row = await trx
      .updateTable('xb_case')
      .set((eb) => ({ last_out_seq: eb('last_out_seq', '+', 1) }))
      .where('id', '=', msg.xbCaseId)
      .returning('last_out_seq')
      .executeTakeFirstOrThrow();
    seq = row.last_out_seq;
  }
  const id = crypto.randomUUID();
  const sealed =
    msg.sealed === undefined || msg.sealed === null
      ? null
      : await sealFor(msg.to.encryptionKey, msg.sealed);
  const envelope = {
    v: 1,
    id,
    from: ctx.config.federation.nodeId,
    to: msg.to.nodeId,
    kind: msg.kind,
    ref: msg.ref,
    fromRole: msg.fromRole,
    seq,
    fromCountry: msg.fromCountry,
    toCountry: msg.toCountry,
    agreement: msg.agreement,
    policyVersion: msg.policyVersion,
    body: msg.body,
  };
  await trx
    .insertInto('outbox_message')
    .values({
      id,
      to_node: msg.to.nodeId,
      kind: msg.kind,
      ref: msg.ref,
      from_role: msg.fromRole,
      seq,
      envelope: JSON.stringify(envelope),
      sealed,
      next_attempt_at: ctx.now(),
      created_at: ctx.now(),
    })
    .execute();
  return { id, seq };
}

/** Wake the deliverer after a commit that wrote outbox messages (no-op outside a server). */
export function kickOutbox(ctx: ServiceContext): void {
  ctx.federation?.kick();
}
