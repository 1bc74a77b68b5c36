import type { Database } from '@ctip/db';
import {
  type Envelope,
  fieldsOutsidePolicy,
  type InboxRefusal,
  isStatisticsMessageKind,
  MESSAGE_BODY_SCHEMAS,
  MESSAGE_SEALED_SCHEMAS,
  MESSAGE_SENDER_ROLE,
  type MessageKind,
  type SharingPolicy,
  SharingPolicySchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import type { RequestMeta, ServiceContext } from '../context';
import { INBOUND_HANDLERS } from '../crossborder/inbound-handlers';
import { applyStatisticsMessage } from '../statistics/regional/inbound';
import { statisticsMessageRef } from '../statistics/regional/snapshot';
import { claimedSigner, openSealed, verifyEnvelope } from './envelope';
import { federationAuditEvent } from './federation-audit';
import { FederationRefusal, type InboundMessage, type XbCaseRow } from './inbound-types';
import { isRegionalNode, resolveNode } from './routing';

/** What the inbox did with a message: the sender treats all three as delivered. */
export type ReceiveResult = {
  status: 'applied' | 'pending' | 'duplicate';
  messageId: string;
};

type Checked = {
  envelope: Envelope;
  sealed: unknown;
  agreement: { id: string; code: string } | null;
  policy: SharingPolicy | null;
};

const opposite = (role: string) => (role === 'Sender' ? 'Receiver' : 'Sender');

/**
 * Receive one signed message (JWS compact) from a peer and apply it exactly once, in order per
 * shared case: verify the signer (a registered peer), the signature, the recipient and the signing
 * time (replay window); check the body and sealed part against the kind's schema and the message
 * against the agreement and its sharing policy; then, keyed by message id, apply it (or keep it
 * until the earlier messages of its case arrive). Every refusal is audited without payload.
 * @throws FederationRefusal with the reason (the route answers 401, 400 or 422)
 */
export async function receiveMessage(
  ctx: ServiceContext,
  jws: string,
  meta: RequestMeta | null = null,
): Promise<ReceiveResult> {
  const fed = ctx.config.federation;
  const signer = claimedSigner(jws);
  if (!signer) {
    throw await refuse(
      ctx,
      meta,
      null,
      null,
      new FederationRefusal('malformed', 'not a federation JWS'),
    );
  }
  const route = await resolveNode(ctx.db, ctx, signer);
  if (!route) {
    throw await refuse(
      ctx,
      meta,
      signer,
      null,
      new FederationRefusal('unknown_peer', `unknown peer node ${signer}`),
    );
  }
  const verified = await verifyEnvelope(jws, route.signingKey);
  if (!verified.ok) {
    const why =
      verified.reason === 'bad_signature'
        ? 'signature does not verify'
        : `malformed envelope (${verified.issue})`;
    throw await refuse(ctx, meta, signer, null, new FederationRefusal(verified.reason, why));
  }
  const env = verified.envelope;
  if (env.from !== signer) {
    throw await refuse(
      ctx,
      meta,
      signer,
      env,
      new FederationRefusal('malformed', 'envelope sender differs from signer'),
    );
  }
  if (env.to !== fed.nodeId) {
    throw await refuse(
      ctx,
      meta,
      signer,
      env,
      new FederationRefusal('wrong_recipient', 'message is addressed to another node'),
    );
  }
  const skewMs = Math.abs(ctx.now().getTime() - Date.parse(env.sentAt));
  if (skewMs > fed.maxClockSkewSeconds * 1000) {
    throw await refuse(
      ctx,
      meta,
      signer,
      env,
      new FederationRefusal('stale', 'signing time is outside the replay window'),
    );
  }
  // A message refused before is refused again, even if it would pass now: its case's order may
  // have moved past it, and answering `duplicate` would let the sender count it as delivered.
  const earlier = await ctx.db
    .selectFrom('inbox_message')
    .select(['status', 'refusal'])
    .where('id', '=', env.id)
    .executeTakeFirst();
  if (earlier?.status === 'Rejected') {
    throw await refuse(
      ctx,
      meta,
      signer,
      env,
      new FederationRefusal(
        (earlier.refusal ?? 'malformed') as InboxRefusal,
        'this message was refused before',
      ),
    );
  }
  let checked: Checked;
  try {
    checked = await checkMessage(ctx, env, route.nodeId === fed.nodeId ? fed.countries : null);
  } catch (err) {
    if (err instanceof FederationRefusal) {
      await recordRejected(ctx, env, err);
      await refuse(ctx, meta, signer, env, err);
      if (env.ref && env.fromRole) {
        await drainPending(ctx, env.ref, env.fromRole, env.from);
      }
      throw err;
    }
    throw err;
  }
  const result = await applyChecked(ctx, checked, jwsSealed(env));
  if (result.status === 'duplicate') {
    await appendAuditEventNow(
      ctx.db,
      federationAuditEvent(
        'federation.message_duplicate',
        'success',
        { type: 'federation_message', id: env.id },
        { peer: env.from, kind: env.kind, seq: env.seq },
        meta?.requestId ?? null,
        meta?.ip ?? null,
      ),
      ctx.now(),
    );
  }
  if (result.status === 'applied' && env.ref && env.fromRole) {
    await drainPending(ctx, env.ref, env.fromRole, env.from);
  }
  return result;
}

function jwsSealed(env: Envelope): string | null {
  return env.sealed;
}

/** Schema, peer countries, agreement and policy checks that need no lock. */
async function checkMessage(
  ctx: ServiceContext,
  env: Envelope,
  selfCountries: readonly string[] | null,
): Promise<Checked> {
  const kind = env.kind as MessageKind;
  const body = MESSAGE_BODY_SCHEMAS[kind].safeParse(env.body);
  if (!body.success) {
    const i = body.error.issues[0];
    throw new FederationRefusal('malformed', `body ${i?.path.join('.')}: ${i?.message}`);
  }
  const sealedSchema = (
    MESSAGE_SEALED_SCHEMAS as Partial<
      Record<MessageKind, { safeParse: (v: unknown) => { success: boolean; data?: unknown } }>
    >
  )[kind];
  let sealed: unknown = null;
  if (sealedSchema) {
    if (!env.sealed) {
      throw new FederationRefusal('malformed', 'the sealed part is missing');
    }
    let plain: unknown;
    try {
      plain = await openSealed(ctx.config.federation.identity, env.sealed);
    } catch {
      throw new FederationRefusal('malformed', 'the sealed part was not encrypted to this node');
    }
    const parsed = sealedSchema.safeParse(plain);
    if (!parsed.success) {
      throw new FederationRefusal('malformed', 'the sealed part does not match its kind');
    }
    sealed = parsed.data;
  } else if (env.sealed) {
    throw new FederationRefusal('malformed', 'this kind carries no sealed part');
  }
  if (kind === 'node.ping') {
    return { envelope: env, sealed, agreement: null, policy: null };
  }
  if (isStatisticsMessageKind(kind)) {
    await checkStatisticsMessage(
      ctx,
      env,
      body.data as { country: string; dataSet: string; period: string },
      selfCountries,
    );
    return {
      envelope: { ...env, body: body.data as Record<string, unknown> },
      sealed,
      agreement: null,
      policy: null,
    };
  }
  if (
    !env.ref ||
    !env.fromRole ||
    !env.seq ||
    !env.fromCountry ||
    !env.toCountry ||
    !env.agreement ||
    !env.policyVersion
  ) {
    throw new FederationRefusal(
      'malformed',
      'a case message needs ref, role, seq, countries, agreement and policy version',
    );
  }
  const allowedRole = MESSAGE_SENDER_ROLE[kind];
  if (allowedRole !== 'Either' && allowedRole !== env.fromRole) {
    throw new FederationRefusal('role_mismatch', `${kind} is not sent by the ${env.fromRole}`);
  }
  const fed = ctx.config.federation;
  if (!fed.countries.includes(env.toCountry)) {
    throw new FederationRefusal('wrong_recipient', `this node does not hold ${env.toCountry}`);
  }
  const peerCountries =
    selfCountries ??
    (
      await ctx.db
        .selectFrom('federation_peer')
        .select('countries')
        .where('node_id', '=', env.from)
        .executeTakeFirstOrThrow()
    ).countries;
  if (!peerCountries.includes(env.fromCountry)) {
    throw new FederationRefusal('outside_agreement', `the peer does not hold ${env.fromCountry}`);
  }
  const agreement = await ctx.db
    .selectFrom('agreement')
    .select(['id', 'code'])
    .where('code', '=', env.agreement)
    .executeTakeFirst();
  if (!agreement) {
    throw new FederationRefusal(
      'outside_agreement',
      `no agreement ${env.agreement} is registered here`,
    );
  }
  const parties = await ctx.db
    .selectFrom('agreement_party')
    .select('country_code')
    .where('agreement_id', '=', agreement.id)
    .execute();
  const partySet = new Set(parties.map((p) => p.country_code));
  if (!partySet.has(env.fromCountry) || !partySet.has(env.toCountry)) {
    throw new FederationRefusal(
      'outside_agreement',
      `${env.agreement} does not bind ${env.fromCountry} and ${env.toCountry}`,
    );
  }
  const policyRow = await ctx.db
    .selectFrom('sharing_policy')
    .select(['policy', 'status'])
    .where('agreement_id', '=', agreement.id)
    .where('version', '=', env.policyVersion)
    .executeTakeFirst();
  if (
    !policyRow ||
    policyRow.status === 'Draft' ||
    (kind === 'referral.offer' && policyRow.status !== 'Active')
  ) {
    throw new FederationRefusal(
      'outside_agreement',
      `policy version ${env.policyVersion} of ${env.agreement} is not in force here`,
    );
  }
  const policy = SharingPolicySchema.parse(policyRow.policy);
  if (kind === 'referral.offer') {
    const purpose = (body.data as { purpose: string }).purpose;
    if (!policy.purposes.includes(purpose as SharingPolicy['purposes'][number])) {
      throw new FederationRefusal(
        'outside_agreement',
        `the policy does not allow the purpose ${purpose}`,
      );
    }
    const fields = Object.keys((sealed as { fields: Record<string, unknown> }).fields);
    const outside = fieldsOutsidePolicy(fields, policy);
    if (outside.length > 0) {
      throw new FederationRefusal(
        'field_outside_policy',
        `fields outside the policy: ${outside.join(', ')}`,
      );
    }
  }
  return {
    envelope: { ...env, body: body.data as Record<string, unknown> },
    sealed,
    agreement,
    policy,
  };
}

/**
 * Statistics messages (aggregate, non-personal) travel outside any agreement: this node must be the
 * regional node, the envelope carries no case fields, the ref is the set's, and the country is one
 * the sending node holds.
 */
async function checkStatisticsMessage(
  ctx: ServiceContext,
  env: Envelope,
  body: { country: string; dataSet: string; period: string },
  selfCountries: readonly string[] | null,
): Promise<void> {
  if (!isRegionalNode(ctx)) {
    throw new FederationRefusal('wrong_recipient', 'this node is not the regional node');
  }
  if (env.fromRole || env.seq || env.toCountry || env.agreement || env.policyVersion) {
    throw new FederationRefusal('malformed', 'a statistics message carries no case fields');
  }
  if (!env.fromCountry || env.fromCountry !== body.country) {
    throw new FederationRefusal('malformed', 'the envelope country differs from the body');
  }
  if (env.ref !== statisticsMessageRef(body.country, body.dataSet, body.period)) {
    throw new FederationRefusal('malformed', 'the ref is not the published set’s');
  }
  const peerCountries =
    selfCountries ??
    (
      await ctx.db
        .selectFrom('federation_peer')
        .select('countries')
        .where('node_id', '=', env.from)
        .executeTakeFirstOrThrow()
    ).countries;
  if (!peerCountries.includes(env.fromCountry)) {
    throw new FederationRefusal('outside_agreement', `the peer does not hold ${env.fromCountry}`);
  }
}

/** Audit a refusal (own transaction) and hand the error back for throwing. */
async function refuse(
  ctx: ServiceContext,
  meta: RequestMeta | null,
  peer: string | null,
  env: Envelope | null,
  err: FederationRefusal,
): Promise<FederationRefusal> {
  await appendAuditEventNow(
    ctx.db,
    federationAuditEvent(
      'federation.message_rejected',
      'denied',
      { type: 'federation_message', id: env?.id ?? null },
      { peer, kind: env?.kind ?? null, seq: env?.seq ?? null, refusal: err.refusal },
      meta?.requestId ?? null,
      meta?.ip ?? null,
    ),
    ctx.now(),
  );
  return err;
}

/**
 * Insert the message keyed by id and apply it when it is next in its case's order; otherwise keep
 * it Pending. A handler's refusal rolls the apply back and records the message as Rejected (the
 * case's order moves past it, so later messages are not stuck behind it).
 */
async function applyChecked(
  ctx: ServiceContext,
  c: Checked,
  sealedJwe: string | null,
): Promise<ReceiveResult> {
  const env = c.envelope;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('inbox_message')
        .values({
          id: env.id,
          from_node: env.from,
          kind: env.kind,
          ref: env.ref,
          from_role: env.fromRole,
          seq: env.seq,
          envelope: JSON.stringify({ ...env, sealed: null }),
          sealed: sealedJwe,
          status: 'Received',
          received_at: ctx.now(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        return { status: 'duplicate', messageId: env.id } as const;
      }
      await touchPeer(trx, ctx, env.from);
      if (env.kind === 'node.ping') {
        await markApplied(trx, ctx, env);
        return { status: 'applied', messageId: env.id } as const;
      }
      if (isStatisticsMessageKind(env.kind)) {
        // Exactly once by message id (above); a set's versions order its messages (the handler
        // ignores an older one), so there is no per-case sequence to wait for.
        const applied = await applyStatisticsMessage(trx, ctx, env);
        await markApplied(trx, ctx, env);
        await appendAuditEvent(
          trx,
          federationAuditEvent(
            'federation.message_applied',
            'success',
            { type: 'federation_message', id: env.id },
            { peer: env.from, kind: env.kind, ref: env.ref, seq: null, result: applied },
          ),
          ctx.now(),
        );
        return { status: 'applied', messageId: env.id } as const;
      }
      const local = await lockLocal(trx, env);
      const expected = (local?.last_in_seq ?? 0) + 1;
      const seq = env.seq as number;
      if (seq < expected) {
        await trx
          .updateTable('inbox_message')
          .set({ status: 'Duplicate', sealed: null })
          .where('id', '=', env.id)
          .execute();
        return { status: 'duplicate', messageId: env.id } as const;
      }
      if (seq > expected) {
        await trx
          .updateTable('inbox_message')
          .set({ status: 'Pending' })
          .where('id', '=', env.id)
          .execute();
        return { status: 'pending', messageId: env.id } as const;
      }
      await applyInTrx(trx, ctx, c, local);
      return { status: 'applied', messageId: env.id } as const;
    });
  } catch (err) {
    if (err instanceof FederationRefusal) {
      await recordRejected(ctx, env, err);
      await refuse(ctx, null, env.from, env, err);
      if (env.ref && env.fromRole) {
        await drainPending(ctx, env.ref, env.fromRole, env.from);
      }
      throw err;
    }
    throw err;
  }
}

async function touchPeer(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  nodeId: string,
): Promise<void> {
  if (nodeId === ctx.config.federation.nodeId) {
    return;
  }
  await trx
    .updateTable('federation_peer')
    .set({ last_contact_at: ctx.now() })
    .where('node_id', '=', nodeId)
    .execute();
}

async function lockLocal(
  trx: Transaction<Database>,
  env: Envelope,
): Promise<XbCaseRow | undefined> {
  return trx
    .selectFrom('xb_case')
    .selectAll()
    .where('ref', '=', env.ref as string)
    .where('role', '=', opposite(env.fromRole as string))
    .forUpdate()
    .executeTakeFirst();
}

async function markApplied(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  env: Envelope,
): Promise<void> {
  await trx
    .updateTable('inbox_message')
    .set({ status: 'Applied', applied_at: ctx.now(), sealed: null })
    .where('id', '=', env.id)
    .execute();
}

/** Run the kind's handler, advance the case's inbound order and audit — all in `trx`. */
async function applyInTrx(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  c: Checked,
  local: XbCaseRow | undefined,
): Promise<void> {
  const env = c.envelope;
  const kind = env.kind as MessageKind;
  if (!local && kind !== 'referral.offer') {
    throw new FederationRefusal('unknown_case', 'no shared case with this reference here');
  }
  if (local && kind === 'referral.offer') {
    throw new FederationRefusal('role_mismatch', 'this shared case was already offered');
  }
  if (
    local &&
    (local.peer_node !== env.from ||
      local.peer_country !== env.fromCountry ||
      local.local_country !== env.toCountry)
  ) {
    throw new FederationRefusal('role_mismatch', 'the shared case belongs to other parties');
  }
  const handler = INBOUND_HANDLERS[kind];
  if (!handler) {
    throw new FederationRefusal('malformed', `no handler for ${kind}`);
  }
  const msg: InboundMessage = {
    trx,
    ctx,
    envelope: env,
    sealed: c.sealed,
    local,
    agreement: c.agreement as { id: string; code: string },
    policy: c.policy as SharingPolicy,
    policyVersion: env.policyVersion as number,
  };
  await handler(msg);
  await trx
    .updateTable('xb_case')
    .set({ last_in_seq: env.seq as number })
    .where('ref', '=', env.ref as string)
    .where('role', '=', opposite(env.fromRole as string))
    .execute();
  await markApplied(trx, ctx, env);
  await appendAuditEvent(
    trx,
    federationAuditEvent(
      'federation.message_applied',
      'success',
      { type: 'federation_message', id: env.id },
      { peer: env.from, kind: env.kind, ref: env.ref, seq: env.seq },
    ),
    ctx.now(),
  );
}

/**
 * Store a refused message of a verified peer (a resend is refused the same way), count it for the
 * peer's health, and move its case's order past it so later messages are not stuck behind it.
 */
async function recordRejected(
  ctx: ServiceContext,
  env: Envelope,
  err: FederationRefusal,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('inbox_message')
      .values({
        id: env.id,
        from_node: env.from,
        kind: env.kind,
        ref: env.ref,
        from_role: env.fromRole,
        seq: env.seq,
        envelope: JSON.stringify({ ...env, body: {}, sealed: null }),
        sealed: null,
        status: 'Rejected',
        refusal: err.refusal,
        received_at: ctx.now(),
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ status: 'Rejected', refusal: err.refusal, sealed: null }),
      )
      .execute();
    if (env.ref && env.fromRole && env.seq) {
      await advancePast(trx, env.ref, env.fromRole, env.seq);
    }
    if (env.from !== ctx.config.federation.nodeId) {
      await trx
        .updateTable('federation_peer')
        .set((eb) => ({
          messages_rejected: eb('messages_rejected', '+', 1),
          last_contact_at: ctx.now(),
        }))
        .where('node_id', '=', env.from)
        .execute();
    }
  });
}

/** Move a case's inbound order past `seq` when it is the next one. */
async function advancePast(
  trx: Transaction<Database>,
  ref: string,
  fromRole: string,
  seq: number,
): Promise<void> {
  await trx
    .updateTable('xb_case')
    .set({ last_in_seq: seq })
    .where('ref', '=', ref)
    .where('role', '=', opposite(fromRole))
    .where('last_in_seq', '=', seq - 1)
    .execute();
}

/** Apply the messages of a case that were waiting for the one just applied, in order. */
async function drainPending(
  ctx: ServiceContext,
  ref: string,
  fromRole: string,
  fromNode: string,
): Promise<void> {
  for (;;) {
    const local = await ctx.db
      .selectFrom('xb_case')
      .select('last_in_seq')
      .where('ref', '=', ref)
      .where('role', '=', opposite(fromRole))
      .executeTakeFirst();
    const next = (local?.last_in_seq ?? 0) + 1;
    const row = await ctx.db
      .selectFrom('inbox_message')
      .select(['id', 'envelope', 'sealed', 'status'])
      .where('ref', '=', ref)
      .where('from_role', '=', fromRole)
      .where('from_node', '=', fromNode)
      .where('seq', '=', next)
      .where('status', 'in', ['Pending', 'Rejected'])
      .executeTakeFirst();
    if (!row) {
      return;
    }
    if (row.status === 'Rejected') {
      if (!local) {
        return; // a refused offer: there is no case to move on
      }
      // Refused when it arrived early: the order moves past it.
      await ctx.db.transaction().execute((trx) => advancePast(trx, ref, fromRole, next));
      continue;
    }
    const env = { ...(row.envelope as unknown as Envelope), sealed: row.sealed };
    let checked: Checked;
    try {
      checked = await checkMessage(
        ctx,
        env,
        fromNode === ctx.config.federation.nodeId ? ctx.config.federation.countries : null,
      );
    } catch (err) {
      if (err instanceof FederationRefusal) {
        await recordRejected(ctx, env, err);
        await refuse(ctx, null, fromNode, env, err);
        continue;
      }
      throw err;
    }
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const l = await lockLocal(trx, env);
        if ((l?.last_in_seq ?? 0) + 1 !== env.seq) {
          return;
        }
        await applyInTrx(trx, ctx, checked, l);
      });
    } catch (err) {
      if (err instanceof FederationRefusal) {
        await recordRejected(ctx, env, err);
        await refuse(ctx, null, fromNode, env, err);
        continue;
      }
      throw err;
    }
  }
}
