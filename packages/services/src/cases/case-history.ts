import { type CaseHistoryEntry, IdSchema } from '@ctip/domain';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead, loadCaseForAccess } from './case-access';

/**
 * The change history of a case, newest first (values of personal fields are never stored there).
 * Audited as a read of the case.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function listCaseHistory(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<{ items: CaseHistoryEntry[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('case_history')
    .leftJoin('app_user', 'app_user.id', 'case_history.user_id')
    .select([
      'case_history.id',
      'case_history.at',
      'case_history.user_id',
      'case_history.action',
      'case_history.changes',
      'app_user.display_name',
    ])
    .where('case_history.case_id', '=', caseId)
    .orderBy('case_history.at', 'desc')
    .orderBy('case_history.id', 'desc')
    .limit(500)
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'history');
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      at: isoOf(r.at) as string,
      userId: r.user_id,
      userName: r.display_name,
      action: r.action,
      changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<
        string,
        unknown
      >,
    })),
  };
}
