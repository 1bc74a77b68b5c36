import type { Database } from '@ctip/db';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../../context';

/** What was approved (or un-approved): one data set for one country and period. */
export type PublishTarget = {
  dataSet: string;
  country: string;
  period: string;
  /** The approval's version (1 on first approval, +1 on each re-approval). */
  version: number;
  approvedAt: Date;
};

/**
 * Publish an approved data set: write its disclosure-controlled snapshot to the published store
 * and queue the signed push to the regional node, in the caller's transaction (the approval's).
 * Placeholder until the regional area lands: it does nothing.
 */
export async function publishApprovedDataSet(
  _trx: Transaction<Database>,
  _ctx: ServiceContext,
  _target: PublishTarget,
): Promise<void> {}

/**
 * Withdraw a published data set after un-approval: remove the snapshot and queue the withdrawal
 * to the regional node, in the caller's transaction. Placeholder until the regional area lands.
 */
export async function withdrawPublishedDataSet(
  _trx: Transaction<Database>,
  _ctx: ServiceContext,
  _target: Omit<PublishTarget, 'approvedAt'>,
): Promise<void> {}
