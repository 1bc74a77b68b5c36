import type { Database } from '@ctip/db';
import type { Scope } from '@ctip/domain';
import type { ExpressionBuilder } from 'kysely';
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
