import { randomUUID } from 'node:crypto';
import { addDays, type MessageBody, type MessageSealed, REPATRIATION_STEPS } from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { sealOptional } from '../cases/person-crypto';
import { federationAuditEvent } from '../federation/federation-audit';
import {
  FederationRefusal,
  type InboundHandlers,
  type InboundMessage,
  type XbCaseRow,
} from '../federation/inbound-types';
import { enqueueMessage } from '../federation/outbox';
import { resolveNode } from '../federation/routing';
import { applyOutcome } from './xb-actions';
import { notifyFocalPoints, sealJson } from './xb-common';

/** Reply from this node's side of the case to the message's sender. */
async function reply(
  m: InboundMessage,
  local: XbCaseRow,
  kind: 'referral.received' | 'consent.acknowledged',
  body: Record<string, unknown>,
): Promise<void> {
  const route = await resolveNode(m.trx, m.ctx, m.envelope.from);
  if (!route) {
    throw new FederationRefusal('unknown_peer', 'the sending node is not reachable for replies');
  }
  await enqueueMessage(m.trx, m.ctx, {
    to: route,
    kind,
    ref: local.ref,
    xbCaseId: local.id,
    fromRole: local.role as 'Sender' | 'Receiver',
    fromCountry: local.local_country,
    toCountry: local.peer_country,
    agreement: m.agreement.code,
    policyVersion: m.policyVersion,
    body,
  });
}

function requireLocal(m: InboundMessage): XbCaseRow {
  if (!m.local) {
    throw new FederationRefusal('unknown_case', 'no shared case with this reference here');
  }
  return m.local;
}

async function touch(m: InboundMessage, id: string, set: Record<string, unknown>): Promise<void> {
  await m.trx
    .updateTable('xb_case')
    .set((eb) => ({ ...set, updated_at: m.ctx.now(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * The handler of each case message kind (applied inside the inbox's transaction, in order per
 * shared case; the inbox has checked signature, agreement, policy version and offer fields).
 */
export const INBOUND_HANDLERS: InboundHandlers = {
  /** A referral arrives: store the receiving side, answer `referral.received`, alert focal points. */
  'referral.offer': async (m) => {
    const env = m.envelope;
    const body = env.body as MessageBody<'referral.offer'>;
    const sealed = m.sealed as MessageSealed<'referral.offer'>;
    const local = env.toCountry as string;
    const peer = env.fromCountry as string;
    if (
      ![body.originCountry, body.destinationCountry].includes(local) ||
      ![body.originCountry, body.destinationCountry].includes(peer)
    ) {
      throw new FederationRefusal(
        'outside_agreement',
        'origin and destination are not the parties',
      );
    }
    const now = m.ctx.now();
    const id = randomUUID();
    const returnChoice = sealed.fields['rights.returnChoice'];
    await m.trx
      .insertInto('xb_case')
      .values({
        id,
        ref: env.ref as string,
        role: 'Receiver',
        peer_node: env.from,
        local_country: local,
        peer_country: peer,
        origin_country: body.originCountry,
        destination_country: body.destinationCountry,
        agreement_id: m.agreement.id,
        policy_version: m.policyVersion,
        purpose: body.purpose,
        status: 'Received',
        case_code: body.senderCaseCode,
        remote_case_code: body.senderCaseCode,
        sex: body.sex,
        age_group: body.ageGroup,
        return_choice: typeof returnChoice === 'string' ? returnChoice : null,
        shared_enc: sealJson(m.ctx.config, sealed.fields),
        offered_at: `${body.offeredOn}T00:00:00Z`,
        received_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (body.steps.length > 0) {
      await m.trx
        .insertInto('xb_step')
        .values(
          body.steps.map((s) => ({
            xb_case_id: id,
            step: s.step,
            position: REPATRIATION_STEPS.indexOf(s.step),
            owner: s.owner,
            owner_country: s.owner === 'origin' ? body.originCountry : body.destinationCountry,
            due_date: s.dueDate,
            status: 'Pending',
            updated_at: now,
          })),
        )
        .execute();
    }
    const row = await m.trx
      .selectFrom('xb_case')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await reply(m, row, 'referral.received', { receivedAt: now.toISOString() });
    await notifyFocalPoints(m.trx, local, {
      kind: 'referral_received',
      params: { caseCode: body.senderCaseCode, xbCaseId: id, fromCountry: peer },
      at: now,
    });
  },

  'referral.received': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'referral.received'>;
    await touch(m, local.id, {
      received_at: body.receivedAt,
      ...(local.status === 'Offered' ? { status: 'Received' } : {}),
    });
  },

  'referral.accepted': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'referral.accepted'>;
    await touch(m, local.id, {
      status: 'Accepted',
      accepted_at: m.ctx.now(),
      remote_case_code: body.receiverCaseCode,
    });
  },

  'referral.rejected': async (m) => {
    const local = requireLocal(m);
    const sealed = m.sealed as MessageSealed<'referral.rejected'>;
    await touch(m, local.id, {
      status: 'Rejected',
      rejected_at: m.ctx.now(),
      reject_reason_enc: sealOptional(m.ctx.config, sealed.reason),
    });
    await notifyFocalPoints(m.trx, local.local_country, {
      kind: 'referral_rejected',
      caseId: local.case_id,
      params: { caseCode: local.case_code, xbCaseId: local.id },
      at: m.ctx.now(),
    });
  },

  /** The owner of a step changed it: the same change here (the owner is the message's sender). */
  'step.update': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'step.update'>;
    const sealed = m.sealed as MessageSealed<'step.update'>;
    const step = await m.trx
      .selectFrom('xb_step')
      .select(['owner_country'])
      .where('xb_case_id', '=', local.id)
      .where('step', '=', body.step)
      .executeTakeFirst();
    if (!step) {
      throw new FederationRefusal('unknown_case', `no step ${body.step} on this shared case`);
    }
    if (step.owner_country !== m.envelope.fromCountry) {
      throw new FederationRefusal('role_mismatch', `${body.step} is not owned by the sender`);
    }
    const now = m.ctx.now();
    await m.trx
      .updateTable('xb_step')
      .set({
        status: body.status,
        completed_on: body.completedOn,
        note_enc: sealOptional(m.ctx.config, sealed.note),
        border_point_code: body.borderPoint?.code ?? null,
        border_point_location: body.borderPoint?.location ?? null,
        updated_at: now,
      })
      .where('xb_case_id', '=', local.id)
      .where('step', '=', body.step)
      .execute();
    for (const d of body.dueDates) {
      await m.trx
        .updateTable('xb_step')
        .set({ due_date: d.dueDate, overdue_notified_on: null, updated_at: now })
        .where('xb_case_id', '=', local.id)
        .where('step', '=', d.step)
        .execute();
    }
    await touch(m, local.id, {});
  },

  'service.outcome': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'service.outcome'>;
    const sealed = m.sealed as MessageSealed<'service.outcome'>;
    const reporterSide = m.envelope.fromCountry === local.origin_country ? 'origin' : 'destination';
    await applyOutcome(m.trx, m.ctx, local, {
      step: body.step,
      outcome: body.outcome,
      note: sealed.note,
      reportedOn: body.reportedOn,
      side: m.envelope.fromRole as string,
      reporterSide,
    });
    await notifyFocalPoints(m.trx, local.local_country, {
      kind: 'referral_outcome',
      caseId: local.case_id,
      params: { caseCode: local.case_code, xbCaseId: local.id, step: body.step },
      at: m.ctx.now(),
    });
  },

  /** The person withdrew consent: restrict, remove the shared data, acknowledge. */
  'consent.withdrawn': async (m) => {
    const local = requireLocal(m);
    const now = m.ctx.now();
    await touch(m, local.id, {
      is_restricted: true,
      shared_enc: null,
      consent_withdrawn_at: now,
    });
    await m.trx
      .updateTable('xb_step')
      .set({ note_enc: null })
      .where('xb_case_id', '=', local.id)
      .execute();
    if (local.case_id) {
      await m.trx
        .updateTable('case_record')
        .set({ is_restricted: true, updated_at: now })
        .where('id', '=', local.case_id)
        .execute();
    }
    await appendAuditEvent(
      m.trx,
      federationAuditEvent(
        'crossborder.restrict',
        'success',
        { type: 'crossborder_case', id: local.id },
        {
          ref: local.ref,
          side: 'Receiver',
          reason: 'consent_withdrawn',
          localCase: !!local.case_id,
        },
      ),
      now,
    );
    await reply(m, local, 'consent.acknowledged', { restrictedAt: now.toISOString() });
    await notifyFocalPoints(m.trx, local.local_country, {
      kind: 'consent_withdrawn',
      caseId: local.case_id,
      params: { caseCode: local.case_code, xbCaseId: local.id, purpose: 'ShareCountry' },
      at: now,
    });
  },

  'consent.acknowledged': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'consent.acknowledged'>;
    await touch(m, local.id, { withdrawal_ack_at: body.restrictedAt });
  },

  'case.closed': async (m) => {
    const local = requireLocal(m);
    const body = m.envelope.body as MessageBody<'case.closed'>;
    const sealed = m.sealed as MessageSealed<'case.closed'>;
    await touch(m, local.id, {
      status: 'Closed',
      closed_at: m.ctx.now(),
      close_reason_enc: sealOptional(m.ctx.config, sealed.reason),
      retention_until:
        local.role === 'Receiver' ? addDays(body.closedOn, m.policy.retentionDays) : null,
    });
  },
};
