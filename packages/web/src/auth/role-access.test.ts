import { type Actor, BUILT_IN_ROLES } from '@ctip/domain';
import { describe, expect, it } from 'vitest';
import { isRoleReadOnly } from './role-access';

function actor(key: string, countryCode = 'LA'): Actor {
  const role = BUILT_IN_ROLES.find((r) => r.key === key);
  return { userId: 'u', agencyId: 'a', countryCode, permissions: role?.permissions ?? [] };
}

describe(isRoleReadOnly.name, () => {
  it('lets only region-wide role admins change built-in roles', () => {
    const builtIn = { isBuiltIn: true, countryCode: null };
    expect(isRoleReadOnly(actor('system_admin'), builtIn)).toBe(false);
    expect(isRoleReadOnly(actor('national_admin'), builtIn)).toBe(true);
  });

  it('lets a national admin change custom roles of their own country only', () => {
    expect(isRoleReadOnly(actor('national_admin'), { isBuiltIn: false, countryCode: 'LA' })).toBe(
      false,
    );
    expect(isRoleReadOnly(actor('national_admin'), { isBuiltIn: false, countryCode: 'TH' })).toBe(
      true,
    );
    expect(isRoleReadOnly(actor('national_admin'), { isBuiltIn: false, countryCode: null })).toBe(
      true,
    );
  });

  it('shows everything read-only to users who cannot manage roles', () => {
    expect(isRoleReadOnly(actor('case_worker'), null)).toBe(true);
    expect(isRoleReadOnly(actor('national_admin'), null)).toBe(false);
  });
});
