import { type CaseDetail, IdSchema, widestScope } from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadCaseForAccess } from './case-access';
import { loadCaseDetail } from './case-presenter';

/**
 * A case in full, decrypted, for a caller who may read it. Audited as `case.read`.
 * @throws INVALID_INPUT, FORBIDDEN (audited), NOT_FOUND
 */
export async function getCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<CaseDetail> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  await loadCaseForAccess(ctx, auth, id, 'read');
  const detail = (await loadCaseDetail(
    ctx.db,
    ctx.config,
    auth,
    widestScope(auth.actor, 'read', 'case'),
    id,
  )) as CaseDetail;
  await appendAuditEventNow(ctx.db, auditEvent(auth, 'case.read', { type: 'case', id }), ctx.now());
  return detail;
}
