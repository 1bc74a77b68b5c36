import type { Database, Db } from '@ctip/db';
import type { Scope } from '@ctip/domain';
import type { Expression, ExpressionBuilder, SqlBool, Transaction } from 'kysely';
import type { AuthContext } from '../context';

type CaseEb = ExpressionBuilder<Database, 'case_record'>;

/**
 * The cases a caller may read in a list or a duplicate search: those inside the widest read scope
 * (own, agency, country, region) plus those referred to the caller's agency through an open
 * referral. The same rule as {@link loadCaseForAccess}, as a SQL condition on `case_record`.
 * @param scope - the caller's widest `read` scope on cases, or null for referrals only
 */
export function caseReadableBy(auth: AuthContext, scope: Scope | null) {
  const { actor } = auth;
  return (eb: CaseEb) => {
    const referred = eb.exists(
      eb
        .selectFrom('referral')
        .select('referral.id')
        .whereRef('referral.case_id', '=', 'case_record.id')
        .where('referral.to_agency_id', '=', actor.agencyId)
        .where('referral.status', 'in', ['InProgress', 'Accepted']),
    );
    switch (scope) {
      case 'region':
        return eb.lit(true);
      case 'country':
        return eb.or([eb('case_record.country_code', '=', actor.countryCode), referred]);
      case 'agency':
        return eb.or([eb('case_record.agency_id', '=', actor.agencyId), referred]);
      case 'own':
        return eb.or([eb('case_record.owner_user_id', '=', actor.userId), referred]);
      default:
        return referred;
    }
  };
}

/**
 * {@link caseReadableBy} for lists over many cases. `scope-condition OR EXISTS(referral …)` keeps
 * PostgreSQL from using the list indexes (every page and count scans all cases), so the few cases
 * referred to the caller's agency are looked up first and added as an id list — and left out when
 * there are none, which leaves the plain, indexable scope condition.
 */
export async function readableCaseFilter(
  db: Db | Transaction<Database>,
  auth: AuthContext,
  scope: Scope | null,
): Promise<(eb: CaseEb) => Expression<SqlBool>> {
  const { actor } = auth;
  if (scope === 'region') {
    return (eb) => eb.lit(true);
  }
  const referredIds = (
    await db
      .selectFrom('referral')
      .select('case_id')
      .distinct()
      .where('to_agency_id', '=', actor.agencyId)
      .where('status', 'in', ['InProgress', 'Accepted'])
      .execute()
  ).map((r) => r.case_id);
  return (eb) => {
    const own =
      scope === 'country'
        ? eb('case_record.country_code', '=', actor.countryCode)
        : scope === 'agency'
          ? eb('case_record.agency_id', '=', actor.agencyId)
          : scope === 'own'
            ? eb('case_record.owner_user_id', '=', actor.userId)
            : null;
    const referred = referredIds.length > 0 ? eb('case_record.id', 'in', referredIds) : null;
    if (own && referred) {
      return eb.or([own, referred]);
    }
    return own ?? referred ?? eb.lit(false);
  };
}
