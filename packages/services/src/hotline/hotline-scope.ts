import type { Db } from '@ctip/db';
import type { Scope } from '@ctip/domain';
import type { AuthContext } from '../context';

/** The `hotline_call` rows a caller reaches at `scope` (own, agency, country; region = all). */
export function scopedHotlineCalls(db: Db, auth: AuthContext, scope: Scope) {
  const base = db.selectFrom('hotline_call');
  switch (scope) {
    case 'country':
      return base.where('hotline_call.country_code', '=', auth.actor.countryCode);
    case 'agency':
      return base.where('hotline_call.agency_id', '=', auth.actor.agencyId);
    case 'own':
      return base.where('hotline_call.operator_user_id', '=', auth.actor.userId);
    case 'region':
      return base;
  }
}
