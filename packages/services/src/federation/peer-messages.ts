import {
  type AuditEventInput,
  DomainError,
  IdSchema,
  MESSAGE_KINDS,
  MESSAGE_SEALED_SCHEMAS,
  NodeIdSchema,
} from '@ctip/domain';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { kickOutbox } from './outbox';
import { authorizeFederation } from './peer-identity';

/** Filters of the federation message list. */
export const FederationMessageQuerySchema = z.strictObject({
  direction: z.enum(['out', 'in']).optional(),
  status: z
    .enum(['Pending', 'Delivered', 'Rejected', 'Received', 'Applied', 'Duplicate'])
    .optional(),
  peer: NodeIdSchema.optional(),
  /** Only outbox messages whose last attempt failed (still Pending). */
  failing: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
  kind: z.enum(MESSAGE_KINDS).optional(),
  /** Newest first; up to 5,000 (rows carry no payload). */
  limit: z.coerce.number().int().min(1).max(5000).default(50),
});
export type FederationMessageQuery = z.input<typeof FederationMessageQuerySchema>;

/** A message of the outbox or the inbox, without its payload. */
export type FederationMessage = {
  id: string;
  direction: 'out' | 'in';
  /** The other node. */
  peer: string;
  kind: string;
  ref: string | null;
  fromRole: string | null;
  seq: number | null;
  status: string;
  /** Outbox: delivery attempts; inbox: null. */
  attempts: number | null;
  /** Outbox: the last delivery error; inbox: the refusal. */
  error: string | null;
  createdAt: string;
  /** Outbox: delivered; inbox: applied. */
  doneAt: string | null;
  nextAttemptAt: string | null;
};

/** The newest messages, without authorisation (CLI, tests). No payloads. */
export async function selectFederationMessages(
  ctx: ServiceContext,
  rawQuery: FederationMessageQuery = {},
): Promise<FederationMessage[]> {
  const query = parseInput(FederationMessageQuerySchema, rawQuery);
  const out: FederationMessage[] = [];
  if (query.direction !== 'in') {
    let q = ctx.db
      .selectFrom('outbox_message')
      .select([
        'id',
        'to_node',
        'kind',
        'ref',
        'from_role',
        'seq',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'delivered_at',
        'next_attempt_at',
        'position',
      ])
      .orderBy('position', 'desc')
      .limit(query.limit);
    if (query.status) {
      q = q.where('status', '=', query.status);
    }
    if (query.peer) {
      q = q.where('to_node', '=', query.peer);
    }
    if (query.kind) {
      q = q.where('kind', '=', query.kind);
    }
    if (query.failing) {
      q = q.where('status', '=', 'Pending').where('attempts', '>', 0);
    }
    for (const r of await q.execute()) {
      out.push({
        id: r.id,
        direction: 'out',
        peer: r.to_node,
        kind: r.kind,
        ref: r.ref,
        fromRole: r.from_role,
        seq: r.seq,
        status: r.status,
        attempts: r.attempts,
        error: r.last_error,
        createdAt: isoOf(r.created_at) as string,
        doneAt: isoOf(r.delivered_at),
        nextAttemptAt: r.status === 'Pending' ? isoOf(r.next_attempt_at) : null,
      });
    }
  }
  if (query.direction !== 'out' && !query.failing) {
    let q = ctx.db
      .selectFrom('inbox_message')
      .select([
        'id',
        'from_node',
        'kind',
        'ref',
        'from_role',
        'seq',
        'status',
        'refusal',
        'received_at',
        'applied_at',
      ])
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .limit(query.limit);
    if (query.status) {
      q = q.where('status', '=', query.status);
    }
    if (query.peer) {
      q = q.where('from_node', '=', query.peer);
    }
    if (query.kind) {
      q = q.where('kind', '=', query.kind);
    }
    for (const r of await q.execute()) {
      out.push({
        id: r.id,
        direction: 'in',
        peer: r.from_node,
        kind: r.kind,
        ref: r.ref,
        fromRole: r.from_role,
        seq: r.seq,
        status: r.status,
        attempts: null,
        error: r.refusal,
        createdAt: isoOf(r.received_at) as string,
        doneAt: isoOf(r.applied_at),
        nextAttemptAt: null,
      });
    }
  }
  return out
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, query.limit);
}

/**
 * The newest outbox and inbox messages (direction, kind, status, attempts, error), no payloads.
 * @throws FORBIDDEN (audited), INVALID_INPUT
 */
export async function listFederationMessages(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: FederationMessageQuery;
}): Promise<FederationMessage[]> {
  await authorizeFederation(args.ctx, args.auth, 'read');
  return selectFederationMessages(args.ctx, args.query);
}

/**
 * Put a failed or rejected outbox message back to Pending, due now, without authorisation.
 * @param audit - the audit event of the retry
 * @throws NOT_FOUND, CONFLICT (delivered, or pending without a failure)
 */
export async function requeueMessage(
  ctx: ServiceContext,
  messageId: string,
  audit: (details: Record<string, unknown>) => AuditEventInput,
): Promise<FederationMessage> {
  parseInput(z.strictObject({ messageId: IdSchema }), { messageId });
  const row = await ctx.db
    .selectFrom('outbox_message')
    .select(['id', 'status', 'attempts', 'to_node', 'kind', 'sealed'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such outgoing message');
  }
  const retryable = row.status === 'Rejected' || (row.status === 'Pending' && row.attempts > 0);
  if (!retryable) {
    throw new DomainError('CONFLICT', `The message is ${row.status} and has no failure to retry`);
  }
  if (row.kind in MESSAGE_SEALED_SCHEMAS && row.sealed === null) {
    throw new DomainError(
      'CONFLICT',
      'The personal part of this message was dropped when the peer refused it: send it again from the case',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox_message')
      .set({ status: 'Pending', next_attempt_at: ctx.now(), lease_until: null })
      .where('id', '=', messageId)
      .execute();
    await appendAuditEvent(
      trx,
      audit({ op: 'message_retry', messageId, kind: row.kind, was: row.status }),
      ctx.now(),
    );
  });
  kickOutbox(ctx);
  const [m] = (await selectFederationMessages(ctx, { direction: 'out', limit: 500 })).filter(
    (x) => x.id === messageId,
  );
  return m as FederationMessage;
}

/**
 * Retry a failed (pending with failures) or rejected outgoing message now. A rejected message's
 * sealed part was dropped when it was refused, so only messages without one can be resent as they
 * were. The receiver applies each message id once whatever happens, and answers a message it
 * stored as refused with the same refusal (it goes back to Rejected): resending helps when the
 * refusal happened before the receiver stored the message (a 400 or 422 that stored nothing).
 * @throws FORBIDDEN (audited), NOT_FOUND, CONFLICT
 */
export async function retryMessage(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  messageId: string;
}): Promise<FederationMessage> {
  await authorizeFederation(args.ctx, args.auth, 'update', args.messageId);
  const row = await args.ctx.db
    .selectFrom('outbox_message')
    .select('to_node')
    .where('id', '=', args.messageId)
    .executeTakeFirst();
  return requeueMessage(args.ctx, args.messageId, (details) =>
    auditEvent(
      args.auth,
      'federation.peer_update',
      { type: 'federation_peer', id: row?.to_node ?? null },
      details,
    ),
  );
}
