import { can } from '@ctip/domain';
import { caseRecordScope, hasReferralAccess } from '../cases/case-access';
import type { AuthContext, ServiceContext } from '../context';

/**
 * Whether the caller may read the case a screening is linked to: a screening that led to a case is
 * part of that case's record, so whoever reads the case (by role scope or an open referral) reads
 * its screenings too. Checks only; refusals are audited by the caller of this helper.
 */
export async function canReadLinkedCase(
  ctx: ServiceContext,
  auth: AuthContext,
  caseId: string,
): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('case_record')
    .select(['id', 'owner_user_id', 'agency_id', 'country_code'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) {
    return false;
  }
  const scope = caseRecordScope({
    ...row,
    code: '',
    person_id: '',
    status: '',
    is_restricted: false,
    version: 0,
  });
  if (can(auth.actor, 'read', 'case', scope)) {
    return true;
  }
  return hasReferralAccess(ctx.db, row.id, auth.actor.agencyId);
}
