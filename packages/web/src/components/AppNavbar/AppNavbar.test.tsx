import { type Actor, BUILT_IN_ROLES } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AppNavbar, visibleNavigation } from './AppNavbar';

function actorWithRole(key: string): Actor {
  const role = BUILT_IN_ROLES.find((r) => r.key === key);
  if (!role) {
    throw new Error(`no role ${key}`);
  }
  return { userId: 'u1', agencyId: 'a1', countryCode: 'TH', permissions: role.permissions };
}

describe(AppNavbar.name, () => {
  it('shows a case worker the case modules and only the agency directory', () => {
    renderWithProviders(<AppNavbar actor={actorWithRole('case_worker')} />);
    // The cases module opens into its pages: the list, the referral inbox, tasks…
    expect(screen.getByTestId('nav-cases').textContent).toContain('Cases (NRM)');
    expect(screen.getByRole('link', { name: 'Case list' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Referral inbox' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Hotline console' })).toBeNull();
    // The cross-border module opens into the pages the case worker may read.
    expect(screen.getByTestId('nav-cross_border').textContent).toContain('Cross-border (TRM)');
    expect(screen.getByRole('link', { name: 'Cross-border cases' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Agreements' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Peer nodes' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Case-management meetings' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Statistics' })).toBeNull();
    // Case workers read the agency directory of their country, nothing else of administration.
    expect(screen.getByRole('link', { name: 'Agencies' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Roles' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull();
  });

  it('shows an administrator the administration pages and no case modules', () => {
    renderWithProviders(<AppNavbar actor={actorWithRole('system_admin')} />);
    for (const name of ['Users', 'Agencies', 'Roles', 'Audit log']) {
      expect(screen.getByRole('link', { name })).toBeTruthy();
    }
    expect(screen.queryByTestId('nav-cases')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Kinship' })).toBeNull();
    // Peers and agreements are an administrator's; shared cases are not.
    expect(screen.getByRole('link', { name: 'Peer nodes' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Agreements' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Cross-border cases' })).toBeNull();
  });

  it('shows only Home to an actor without permissions', () => {
    renderWithProviders(
      <AppNavbar actor={{ userId: 'u', agencyId: 'a', countryCode: 'KH', permissions: [] }} />,
    );
    expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual(['Home']);
  });

  it('follows read permissions only', () => {
    const nav = visibleNavigation({
      userId: 'u',
      agencyId: 'a',
      countryCode: 'VN',
      permissions: [
        { resource: 'dna_profile', action: 'read', scope: 'own' },
        { resource: 'user', action: 'create', scope: 'region' },
      ],
    });
    expect(nav.modules.map((m) => m.key)).toEqual(['kinship']);
    expect(nav.admin).toEqual([]);
  });
});
