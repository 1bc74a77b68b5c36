import { DomainError, IdSchema, type ScreeningDetail } from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { canReadLinkedCase } from './linked-case-access';
import {
  findScreeningRow,
  screeningRecordScope,
  screeningRowToDetail,
} from './screening-presenter';

/**
 * One screening with its personal fields, for a caller who may read it (by screening scope, or
 * through the case it is linked to). Audited (`screening.read`).
 * An unknown id is FORBIDDEN for a caller who may read no screening, else NOT_FOUND.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getScreening(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<ScreeningDetail> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const row = await findScreeningRow(ctx.db, id);
  if (!row) {
    await authorize(ctx, auth, 'read', 'screening');
    throw new DomainError('NOT_FOUND', 'No such screening');
  }
  if (!(row.case_id && (await canReadLinkedCase(ctx, auth, row.case_id)))) {
    await authorize(ctx, auth, 'read', 'screening', screeningRecordScope(row));
  }
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'screening.read', { type: 'screening', id }),
    ctx.now(),
  );
  return screeningRowToDetail(ctx.config, row);
}
