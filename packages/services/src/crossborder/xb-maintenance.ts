import type { Database } from '@ctip/db';
import { consentCovers } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';
import { federationAuditEvent } from '../federation/federation-audit';
import { enqueueMessage, kickOutbox } from '../federation/outbox';
import { resolveCountryNode } from '../federation/routing';
import { loadCaseConsents } from '../referrals/common';
import { notifyFocalPoints, todayIso } from './xb-common';

/**
 * Alert the task-force focal points of this node's countries once per overdue step (both nodes hold
 * the timeline, so both sides are alerted). Cheap when nothing is due: one indexed query. Called
 * from the list endpoint; the deliverer may call it too.
 * @returns how many steps were notified now
 */
export async function notifyOverdueXbSteps(ctx: ServiceContext): Promise<number> {
  const today = todayIso(ctx);
  const due = await ctx.db
    .selectFrom('xb_step')
    .innerJoin('xb_case', 'xb_case.id', 'xb_step.xb_case_id')
    .select([
      'xb_step.xb_case_id',
      'xb_step.step',
      'xb_step.due_date',
      'xb_step.owner_country',
      'xb_case.local_country',
      'xb_case.case_id',
      'xb_case.case_code',
    ])
    .where('xb_step.status', 'not in', ['Done', 'NotApplicable'])
    .where('xb_step.due_date', '<', today)
    .where('xb_step.overdue_notified_on', 'is', null)
    .where('xb_case.status', 'not in', ['Closed', 'Rejected'])
    .where('xb_case.is_restricted', '=', false)
    .where('xb_case.local_country', 'in', [...ctx.config.federation.countries])
    .limit(500)
    .execute();
  if (due.length === 0) {
    return 0;
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const s of due) {
      const claimed = await trx
        .updateTable('xb_step')
        .set({ overdue_notified_on: today })
        .where('xb_case_id', '=', s.xb_case_id)
        .where('step', '=', s.step)
        .where('overdue_notified_on', 'is', null)
        .returning('step')
        .executeTakeFirst();
      if (!claimed) {
        continue;
      }
      await notifyFocalPoints(trx, s.local_country, {
        kind: 'referral_overdue',
        caseId: s.case_id,
        params: {
          caseCode: s.case_code,
          xbCaseId: s.xb_case_id,
          step: s.step,
          dueDate: s.due_date,
          ownerCountry: s.owner_country,
        },
        at: now,
      });
    }
  });
  return due.length;
}

/**
 * Remove the shared personal data of cases past their retention date (receiver side; audited as
 * `crossborder.purge` with counts only).
 * @returns how many cases were purged
 */
export async function purgeExpiredXbShared(ctx: ServiceContext): Promise<number> {
  const today = todayIso(ctx);
  const rows = await ctx.db
    .selectFrom('xb_case')
    .select(['id', 'ref'])
    .where('retention_until', '<', today)
    .where((eb) =>
      eb.or([
        eb('shared_enc', 'is not', null),
        eb('reject_reason_enc', 'is not', null),
        eb('close_reason_enc', 'is not', null),
      ]),
    )
    .execute();
  if (rows.length === 0) {
    return 0;
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx
        .updateTable('xb_case')
        .set({ shared_enc: null, reject_reason_enc: null, close_reason_enc: null, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      await trx
        .updateTable('xb_step')
        .set({ note_enc: null })
        .where('xb_case_id', '=', r.id)
        .execute();
      await trx
        .updateTable('xb_outcome')
        .set({ note_enc: null })
        .where('xb_case_id', '=', r.id)
        .execute();
      await appendAuditEvent(
        trx,
        federationAuditEvent(
          'crossborder.purge',
          'success',
          { type: 'crossborder_case', id: r.id },
          { ref: r.ref, reason: 'retention' },
        ),
        now,
      );
    }
  });
  return rows.length;
}

/**
 * Consent-withdrawal hook (inside the withdrawal's transaction): when a ShareCountry consent is
 * withdrawn, every open outgoing shared case of the case to a country no remaining consent covers
 * gets a `consent.withdrawn` message; the receiver restricts the record and acknowledges.
 * @returns the ids of the shared cases notified
 */
export async function onShareCountryConsentWithdrawn(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  auth: AuthContext,
  args: { caseId: string; consentId: string; at: Date },
): Promise<string[]> {
  const today = todayIso(ctx);
  const withdrawn = await trx
    .selectFrom('consent')
    .select(['purpose', 'recipients'])
    .where('id', '=', args.consentId)
    .executeTakeFirstOrThrow();
  if (withdrawn.purpose !== 'ShareCountry') {
    return [];
  }
  const recipients = withdrawn.recipients;
  const remaining = await loadCaseConsents(trx, args.caseId);
  const open = await trx
    .selectFrom('xb_case')
    .innerJoin('agreement', 'agreement.id', 'xb_case.agreement_id')
    .select([
      'xb_case.id',
      'xb_case.ref',
      'xb_case.peer_country',
      'xb_case.local_country',
      'xb_case.policy_version',
      'agreement.code',
    ])
    .where('xb_case.case_id', '=', args.caseId)
    .where('xb_case.role', '=', 'Sender')
    .where('xb_case.status', 'not in', ['Closed', 'Rejected'])
    .where('xb_case.consent_withdrawn_at', 'is', null)
    .execute();
  const ids: string[] = [];
  for (const x of open) {
    const covered = recipients.length === 0 || recipients.includes(x.peer_country);
    if (!covered || consentCovers(remaining, 'ShareCountry', x.peer_country, today)) {
      continue;
    }
    const route = await resolveCountryNode(trx, ctx, x.peer_country);
    if (!route) {
      continue;
    }
    await trx
      .updateTable('xb_case')
      .set({ consent_withdrawn_at: args.at, updated_at: args.at })
      .where('id', '=', x.id)
      .execute();
    await enqueueMessage(trx, ctx, {
      to: route,
      kind: 'consent.withdrawn',
      ref: x.ref,
      xbCaseId: x.id,
      fromRole: 'Sender',
      fromCountry: x.local_country,
      toCountry: x.peer_country,
      agreement: x.code,
      policyVersion: x.policy_version,
      body: { withdrawnOn: today },
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.restrict',
        { type: 'crossborder_case', id: x.id },
        { ref: x.ref, side: 'Sender', reason: 'consent_withdrawn' },
      ),
      args.at,
    );
    ids.push(x.id);
  }
  if (ids.length > 0) {
    setImmediate(() => kickOutbox(ctx));
  }
  return ids;
}
