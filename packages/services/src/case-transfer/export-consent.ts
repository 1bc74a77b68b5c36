import type { Database } from '@ctip/db';
import type { ConsentPurpose, Scope } from '@ctip/domain';
import { type ExpressionBuilder, sql } from 'kysely';
import type { AuthContext } from '../context';

type CaseEb = ExpressionBuilder<Database, 'case_record'>;

/**
 * The cases inside the caller's export scope (own, agency, country, region), as a SQL condition on
 * `case_record`. Unlike reading, an open referral gives no right to export.
 */
export function caseExportableBy(auth: AuthContext, scope: Scope) {
  const { actor } = auth;
  return (eb: CaseEb) => {
    switch (scope) {
      case 'region':
        return eb.lit(true);
      case 'country':
        return eb('case_record.country_code', '=', actor.countryCode);
      case 'agency':
        return eb('case_record.agency_id', '=', actor.agencyId);
      case 'own':
        return eb('case_record.owner_user_id', '=', actor.userId);
    }
  };
}

/**
 * Whether the case holds a consent covering `purpose` for the caller today: granted, not withdrawn,
 * already given and not expired, and either for any recipient (no recipients listed) or naming the
 * caller's agency or country, and no later refusal of the purpose still standing. The rule of
 * `consentsCovering` in the domain, as a SQL condition so an export filters a national table in one
 * query.
 * @param today - ISO date (the caller's clock)
 */
export function caseHasConsentFor(auth: AuthContext, purpose: ConsentPurpose, today: string) {
  const { actor } = auth;
  return (eb: CaseEb) =>
    eb.exists(
      eb
        .selectFrom('consent')
        .select('consent.id')
        .whereRef('consent.case_id', '=', 'case_record.id')
        .where('consent.purpose', '=', purpose)
        .where('consent.is_granted', '=', true)
        .where('consent.withdrawn_at', 'is', null)
        .where('consent.given_on', '<=', today)
        .where((c) =>
          c.or([c('consent.expires_on', 'is', null), c('consent.expires_on', '>=', today)]),
        )
        .where(
          sql<boolean>`(cardinality(consent.recipients) = 0 or ${actor.agencyId} = any(consent.recipients) or ${actor.countryCode} = any(consent.recipients))`,
        )
        // A later refusal of the same purpose, still standing, wins (the person changed their mind).
        .where((c) =>
          c.not(
            c.exists(
              c
                .selectFrom('consent as refusal')
                .select('refusal.id')
                .whereRef('refusal.case_id', '=', 'consent.case_id')
                .where('refusal.purpose', '=', purpose)
                .where('refusal.is_granted', '=', false)
                .where('refusal.withdrawn_at', 'is', null)
                .where('refusal.given_on', '<=', today)
                .whereRef('refusal.given_on', '>', 'consent.given_on')
                .where(
                  sql<boolean>`(cardinality(refusal.recipients) = 0 or ${actor.agencyId} = any(refusal.recipients) or ${actor.countryCode} = any(refusal.recipients))`,
                ),
            ),
          ),
        ),
    );
}
