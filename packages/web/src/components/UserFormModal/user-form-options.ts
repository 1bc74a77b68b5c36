import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabel, useAgencyOptions, useRoles } from '../../api/queries';
import { useCan } from '../../auth/session';

/** Empty text means "not given". */
export const emptyToUndefined = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : v;
/** Empty text means "cleared". */
export const emptyToNull = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? null : v;

/** Options for the agency and role pickers, limited to what the admin may assign. */
export function usePickerOptions(action: 'create' | 'update') {
  const { t } = useTranslation();
  const can = useCan();
  const agencies = useAgencyOptions();
  const roles = useRoles();
  return useMemo(
    () => ({
      agencies: (agencies.data ?? [])
        .filter((a) => can(action, 'user', { agencyId: a.id, countryCode: a.countryCode }))
        .map((a) => ({ value: a.id, label: `${a.name} (${a.countryCode})` })),
      roles: (roles.data ?? []).map((r) => ({ value: r.id, label: roleLabel(t, r) })),
    }),
    [agencies.data, roles.data, can, action, t],
  );
}
