import { type Permission, RESOURCE_ACTIONS, RESOURCES } from '@ctip/domain';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { PermissionGrid } from './PermissionGrid';
import { permissionScope, permissionsWithScope } from './permission-grid';

describe(PermissionGrid.name, () => {
  it('offers a scope select only for the actions a resource allows', () => {
    renderWithProviders(<PermissionGrid label="grid" value={[]} onChange={() => {}} />);
    const expected = RESOURCES.reduce((n, r) => n + RESOURCE_ACTIONS[r].length, 0);
    expect(screen.getAllByRole('combobox')).toHaveLength(expected);
    expect(screen.queryByTestId('perm-settings-delete')).toBeNull();
    expect(screen.getByTestId('perm-case-export')).toBeTruthy();
  });

  it('reports a changed scope', () => {
    const onChange = vi.fn();
    const value: Permission[] = [{ resource: 'case', action: 'read', scope: 'own' }];
    renderWithProviders(<PermissionGrid label="grid" value={value} onChange={onChange} />);
    const select = screen.getByLabelText('Scope of Read on Cases') as HTMLSelectElement;
    expect(select.value).toBe('own');
    fireEvent.change(select, { target: { value: 'country' } });
    expect(onChange).toHaveBeenCalledWith([{ resource: 'case', action: 'read', scope: 'country' }]);
  });

  it('shows scopes as text when read-only', () => {
    renderWithProviders(
      <PermissionGrid
        label="grid"
        readOnly
        value={[{ resource: 'user', action: 'read', scope: 'region' }]}
      />,
    );
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.getByText('Region')).toBeTruthy();
  });
});

describe('permission helpers', () => {
  it('takes the widest scope and replaces a pair', () => {
    const perms: Permission[] = [
      { resource: 'case', action: 'read', scope: 'own' },
      { resource: 'case', action: 'read', scope: 'agency' },
    ];
    expect(permissionScope(perms, 'case', 'read')).toBe('agency');
    expect(permissionScope(perms, 'case', 'update')).toBeNull();
    expect(permissionsWithScope(perms, 'case', 'read', null)).toEqual([]);
  });
});
