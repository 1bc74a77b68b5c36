import type { Database } from '@ctip/db';
import { DomainError, type MessageBody } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../../context';
import { enqueueMessage } from '../../federation/outbox';
import { resolveRegionalNode } from '../../federation/routing';
import { loadDisclosureSettings } from '../core/settings';
import {
  buildPublishedSnapshot,
  deletePublishedSet,
  statisticsMessageRef,
  storePublishedSet,
} from './snapshot';

/** What was approved (or un-approved): one data set for one country and period. */
export type PublishTarget = {
  dataSet: string;
  country: string;
  period: string;
  /** The approval's version (1 on first approval, +1 on each re-approval). */
  version: number;
  approvedAt: Date;
};

/** What publishing did: the cells stored and whether a push to the regional node was queued. */
export type PublishOutcome = {
  cells: number;
  suppressed: number;
  secondarySuppressed: number;
  /** The outbox message id of the push, or null (no regional node, or this node is it). */
  messageId: string | null;
};

/**
 * Publish an approved data set: write its disclosure-controlled snapshot to the published store
 * (replacing an older version) and, when a regional node is configured and it is another node,
 * queue the signed `stats.published` push to it — all in the caller's transaction (the approval's),
 * so nothing is published or pushed unless the approval commits. The caller calls `kickOutbox`
 * after its commit for prompt delivery (the deliverer also polls).
 * @throws NOT_FOUND (unknown data set), CONFLICT (too many cells for one push)
 */
export async function publishApprovedDataSet(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  target: PublishTarget,
): Promise<PublishOutcome> {
  const settings = await loadDisclosureSettings(trx);
  const snapshot = await buildPublishedSnapshot(trx, target, settings);
  await assertNotPublishedElsewhere(trx, snapshot);
  const now = ctx.now();
  await storePublishedSet(trx, snapshot, {
    version: target.version,
    originNode: ctx.config.federation.nodeId,
    approvedAt: target.approvedAt,
    receivedAt: now,
  });
  const outcome: PublishOutcome = {
    cells: snapshot.cells.length,
    suppressed: snapshot.cells.filter((c) => c.status === 'Suppressed').length,
    secondarySuppressed: snapshot.cells.filter((c) => c.status === 'SecondarySuppressed').length,
    messageId: null,
  };
  const regional = await resolveRegionalNode(trx, ctx);
  if (!regional || regional.isSelf) {
    return outcome;
  }
  const body: MessageBody<'stats.published'> = {
    dataSet: snapshot.dataSet,
    country: snapshot.country,
    period: snapshot.period,
    periodType: snapshot.periodType as MessageBody<'stats.published'>['periodType'],
    version: target.version,
    approvedAt: target.approvedAt.toISOString(),
    disclosure: snapshot.disclosure,
    sources: snapshot.sources,
    cells: snapshot.cells,
  };
  const { id } = await enqueueMessage(trx, ctx, {
    to: regional.route,
    kind: 'stats.published',
    ref: statisticsMessageRef(target.country, target.dataSet, target.period),
    xbCaseId: null,
    fromRole: null,
    fromCountry: target.country,
    toCountry: null,
    agreement: null,
    policyVersion: null,
    body,
  });
  outcome.messageId = id;
  return outcome;
}

/**
 * A published cell belongs to one data set (the published store keys cells without the data set):
 * an element also in another data set already published for the country and period is refused
 * rather than published twice.
 * @throws CONFLICT
 */
async function assertNotPublishedElsewhere(
  trx: Transaction<Database>,
  snapshot: { dataSet: string; country: string; period: string; cells: { dataElement: string }[] },
): Promise<void> {
  const elements = [...new Set(snapshot.cells.map((c) => c.dataElement))];
  if (elements.length === 0) {
    return;
  }
  const other = await trx
    .selectFrom('stat_published_value')
    .select(['data_set', 'data_element'])
    .where('country', '=', snapshot.country)
    .where('period', '=', snapshot.period)
    .where('data_element', 'in', elements)
    .where('data_set', '!=', snapshot.dataSet)
    .executeTakeFirst();
  if (other) {
    throw new DomainError(
      'CONFLICT',
      `${other.data_element} is already published for this period in data set ${other.data_set}`,
    );
  }
}

/**
 * Withdraw a published data set after un-approval: remove the snapshot and, when a regional node
 * is configured and it is another node, queue `stats.withdrawn` to it, in the caller's transaction.
 * @returns the outbox message id of the withdrawal, or null when nothing was pushed
 */
export async function withdrawPublishedDataSet(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  target: Omit<PublishTarget, 'approvedAt'>,
): Promise<string | null> {
  await deletePublishedSet(trx, target);
  const regional = await resolveRegionalNode(trx, ctx);
  if (!regional || regional.isSelf) {
    return null;
  }
  const body: MessageBody<'stats.withdrawn'> = {
    dataSet: target.dataSet,
    country: target.country,
    period: target.period,
    version: target.version,
    withdrawnAt: ctx.now().toISOString(),
  };
  const { id } = await enqueueMessage(trx, ctx, {
    to: regional.route,
    kind: 'stats.withdrawn',
    ref: statisticsMessageRef(target.country, target.dataSet, target.period),
    xbCaseId: null,
    fromRole: null,
    fromCountry: target.country,
    toCountry: null,
    agreement: null,
    policyVersion: null,
    body,
  });
  return id;
}
