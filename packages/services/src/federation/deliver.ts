import type { Envelope } from '@ctip/domain';
import { sql } from 'kysely';
import type { ServiceContext } from '../context';
import { signEnvelope } from './envelope';
import { FederationRefusal } from './inbound-types';
import { receiveMessage } from './inbox';
import { resolveNode } from './routing';

/** Path of the inbox on every node. */
export const FEDERATION_INBOX_PATH = '/federation/v1/messages';
/** Media type of a compact JWS body. */
export const JOSE_MEDIA_TYPE = 'application/jose';

/** A claimed batch is released after this even if its process died (a resend is deduplicated). */
const LEASE_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** Shared cases delivered to one peer at the same time (order is kept within each case). */
const PEER_CONCURRENCY = 4;

export type DeliveryReport = {
  delivered: number;
  rejected: number;
  failed: number;
  remaining: boolean;
};

type Claimed = {
  id: string;
  ref: string | null;
  to_node: string;
  envelope: Record<string, unknown>;
  sealed: string | null;
  attempts: number;
};

/** Outcome of one attempt: delivered (the receiver stored it), rejected (final) or failed (retry). */
type Attempt = { outcome: 'delivered' | 'rejected' | 'failed'; error: string | null };

/**
 * Deliver the due outbox messages once: claim up to `limit` (a lease, so several server processes
 * share the work), sign each with the current time and send it — to this node's own inbox when it
 * hosts the receiving country, else over HTTPS to the peer — in outbox order within each shared
 * case, several cases to a peer at once, stopping at a peer's first failure (the rest wait for its
 * retry). A message waits while an earlier one of its case backs off. Failures back off exponentially with
 * jitter; a refusal the receiver gives as final (400/422) marks the message Rejected.
 */
export async function deliverDue(
  ctx: ServiceContext,
  opts: { limit?: number; fetchImpl?: typeof fetch } = {},
): Promise<DeliveryReport> {
  const limit = opts.limit ?? 200;
  const now = ctx.now();
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_message')
      .select('id')
      .where('status', '=', 'Pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_message as earlier')
              .select('earlier.id')
              .whereRef('earlier.ref', '=', 'outbox_message.ref')
              .whereRef('earlier.position', '<', 'outbox_message.position')
              .where('earlier.status', '=', 'Pending')
              .where('earlier.next_attempt_at', '>', now),
          ),
        ),
      )
      .orderBy('position')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) {
      return [] as Claimed[];
    }
    return (await trx
      .updateTable('outbox_message')
      .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning(['id', 'ref', 'to_node', 'envelope', 'sealed', 'attempts', 'position'])
      .execute()
      .then((rows) => rows.sort((a, b) => Number(a.position) - Number(b.position)))) as Claimed[];
  });
  const byPeer = new Map<string, Claimed[]>();
  for (const m of claimed) {
    byPeer.set(m.to_node, [...(byPeer.get(m.to_node) ?? []), m]);
  }
  const report: DeliveryReport = {
    delivered: 0,
    rejected: 0,
    failed: 0,
    remaining: claimed.length === limit,
  };
  await Promise.all(
    [...byPeer.entries()].map(async ([nodeId, messages]) => {
      const route = await resolveNode(ctx.db, ctx, nodeId);
      // One stream per shared case, in outbox order (node messages stand alone): order matters only
      // within a case, so several cases go to a peer at once. The first failure stops the peer's
      // round; what was not attempted is released for the next one.
      const streams = new Map<string, Claimed[]>();
      for (const m of messages) {
        const key = m.ref ?? m.id;
        streams.set(key, [...(streams.get(key) ?? []), m]);
      }
      let peerFailed = false;
      const runStream = async (stream: Claimed[]) => {
        for (let i = 0; i < stream.length; i++) {
          if (peerFailed) {
            await release(ctx, stream.slice(i));
            return;
          }
          const m = stream[i] as Claimed;
          const attempt: Attempt = route
            ? await attemptOne(
                ctx,
                route.isSelf ? null : (route.url as string),
                m,
                opts.fetchImpl ?? fetch,
              )
            : { outcome: 'failed', error: 'peer is not registered or inactive' };
          await recordAttempt(ctx, m, attempt, route?.isSelf ?? false);
          report[attempt.outcome] += 1;
          if (attempt.outcome === 'failed') {
            peerFailed = true;
            await release(ctx, stream.slice(i + 1));
            return;
          }
        }
      };
      const queue = [...streams.values()];
      // Probe with the oldest message alone: a peer that is down costs one attempt, not `width`.
      const head = queue.shift();
      if (head) {
        await runStream(head.slice(0, 1));
        if (head.length > 1) {
          queue.unshift(head.slice(1));
        }
      }
      const width = route?.isSelf ? 1 : PEER_CONCURRENCY;
      await Promise.all(
        Array.from({ length: Math.min(width, queue.length) }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await runStream(next);
          }
        }),
      );
    }),
  );
  return report;
}

/** Give claimed messages back (not attempted this round). */
async function release(ctx: ServiceContext, rest: Claimed[]): Promise<void> {
  if (rest.length > 0) {
    await ctx.db
      .updateTable('outbox_message')
      .set({ lease_until: null })
      .where(
        'id',
        'in',
        rest.map((r) => r.id),
      )
      .execute();
  }
}

async function attemptOne(
  ctx: ServiceContext,
  url: string | null,
  m: Claimed,
  fetchImpl: typeof fetch,
): Promise<Attempt> {
  const fed = ctx.config.federation;
  const envelope = {
    ...(m.envelope as object),
    sealed: m.sealed,
    sentAt: ctx.now().toISOString(),
  } as Envelope;
  const jws = await signEnvelope(fed.identity, fed.nodeId, envelope);
  if (url === null) {
    try {
      await receiveMessage(ctx, jws);
      return { outcome: 'delivered', error: null };
    } catch (err) {
      if (err instanceof FederationRefusal) {
        return { outcome: 'rejected', error: `${err.refusal}: ${err.message}`.slice(0, 300) };
      }
      return {
        outcome: 'failed',
        error: `local apply failed: ${(err as Error).message}`.slice(0, 300),
      };
    }
  }
  try {
    const res = await fetchImpl(new URL(FEDERATION_INBOX_PATH, url), {
      method: 'POST',
      headers: { 'content-type': JOSE_MEDIA_TYPE },
      body: jws,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status === 200 || res.status === 202) {
      return { outcome: 'delivered', error: null };
    }
    const reason = readRefusal(text) ?? `HTTP ${res.status}`;
    if (res.status === 400 || res.status === 422) {
      return { outcome: 'rejected', error: reason };
    }
    return { outcome: 'failed', error: reason };
  } catch (err) {
    return { outcome: 'failed', error: `unreachable: ${(err as Error).name}`.slice(0, 300) };
  }
}

function readRefusal(text: string): string | null {
  try {
    const j = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return j.error ? `${j.error.code}: ${j.error.message}`.slice(0, 300) : null;
  } catch {
    return null;
  }
}

/** Back-off before attempt n+1: base · 2^(n-1), capped, with ±50 % jitter. */
export function retryDelayMs(attempts: number, retry: { baseMs: number; maxMs: number }): number {
  const raw = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.5 + Math.random() / 2));
}

async function recordAttempt(
  ctx: ServiceContext,
  m: Claimed,
  a: Attempt,
  isSelf: boolean,
): Promise<void> {
  const now = ctx.now();
  const attempts = m.attempts + 1;
  await ctx.db.transaction().execute(async (trx) => {
    if (a.outcome === 'delivered') {
      await trx
        .updateTable('outbox_message')
        .set({
          status: 'Delivered',
          delivered_at: now,
          attempts,
          lease_until: null,
          last_error: null,
          sealed: null,
        })
        .where('id', '=', m.id)
        .execute();
    } else if (a.outcome === 'rejected') {
      await trx
        .updateTable('outbox_message')
        .set({ status: 'Rejected', attempts, lease_until: null, last_error: a.error, sealed: null })
        .where('id', '=', m.id)
        .execute();
    } else {
      await trx
        .updateTable('outbox_message')
        .set({
          attempts,
          lease_until: null,
          last_error: a.error,
          next_attempt_at: new Date(
            now.getTime() + retryDelayMs(attempts, ctx.config.federation.retry),
          ),
        })
        .where('id', '=', m.id)
        .execute();
    }
    if (!isSelf) {
      await trx
        .updateTable('federation_peer')
        .set(
          a.outcome === 'failed'
            ? {
                last_failure_at: now,
                last_error: a.error,
                consecutive_failures: sql`consecutive_failures + 1`,
              }
            : { last_success_at: now, last_contact_at: now, consecutive_failures: 0 },
        )
        .where('node_id', '=', m.to_node)
        .execute();
    }
  });
}
