import { type Action, COMMIT_COUNTRIES, widestScope } from '@ctip/domain';
import { useMemo } from 'react';
import { useActor } from '../../../auth/session';

/**
 * The reporting countries the actor may act on for `statistic:<action>`: every COMMIT country at
 * region scope, the actor's own country at a narrower scope, none without the grant. Hides only:
 * the server decides.
 */
export function useStatCountries(action: Action): string[] {
  const actor = useActor();
  return useMemo(() => {
    if (!actor) {
      return [];
    }
    const scope = widestScope(actor, action, 'statistic');
    if (scope === null) {
      return [];
    }
    return scope === 'region' ? [...COMMIT_COUNTRIES] : [actor.countryCode];
  }, [actor, action]);
}
