import type { Database } from '@ctip/db';
import type { Action } from '@ctip/domain';
import { DomainError, type HotlineCallDetail, IdSchema } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import {
  findHotlineCallRow,
  type HotlineCallRow,
  hotlineRecordScope,
  hotlineRowToDetail,
} from './hotline-presenter';

/**
 * Load a call and authorise `action` on it. An unknown id is FORBIDDEN for a caller who holds the
 * action on no call, else NOT_FOUND.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function loadHotlineCallForAccess(
  ctx: ServiceContext,
  auth: AuthContext,
  id: string,
  action: Action,
  db: ServiceContext['db'] | Transaction<Database> = ctx.db,
): Promise<HotlineCallRow> {
  const row = await findHotlineCallRow(db, id);
  if (!row) {
    await authorize(ctx, auth, action, 'hotline_call');
    throw new DomainError('NOT_FOUND', 'No such call');
  }
  await authorize(ctx, auth, action, 'hotline_call', hotlineRecordScope(row));
  return row;
}

/**
 * One call with its summary and caller contact, for a caller who may read it. Audited.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getHotlineCall(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<HotlineCallDetail> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const row = await loadHotlineCallForAccess(ctx, auth, id, 'read');
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'hotline.read', { type: 'hotline_call', id }),
    ctx.now(),
  );
  return hotlineRowToDetail(ctx.config, row);
}
