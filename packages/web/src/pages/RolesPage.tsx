import type { Role } from '@ctip/domain';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { rolesApi } from '../api/endpoints';
import { roleDescription, roleLabel, useCountryLabel, useRoles } from '../api/queries';
import { useCan } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog/ConfirmDialog';
import { DataTable } from '../components/DataTable/DataTable';
import { ErrorAlert } from '../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../components/PageHeader/PageHeader';
import { errorText } from '../i18n/errors';
import { notify } from '../i18n/notify';

/** Roles administration: the list, with links to the editor and deletion of custom roles. */
export function RolesPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const countryLabel = useCountryLabel();
  const roles = useRoles();
  const [deleting, setDeleting] = useState<Role | null>(null);

  async function handleDelete(role: Role): Promise<void> {
    try {
      await rolesApi.remove(role.id);
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notify('success', t('roles.deleted', { name: role.name }));
    } catch (err) {
      const message =
        isApiError(err) && err.code === 'CONFLICT' ? t('roles.deleteConflict') : errorText(t, err);
      notify('error', message);
    }
  }

  const columns = useMemo<ColumnDef<Role, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('roles.name'),
        cell: ({ row }) => (
          <div>
            <Text fw={500}>{roleLabel(t, row.original)}</Text>
            <Text size="xs" c="dimmed">
              {roleDescription(t, row.original)}
            </Text>
          </div>
        ),
      },
      { id: 'key', header: t('roles.key'), accessorKey: 'key' },
      {
        id: 'country',
        header: t('roles.country'),
        cell: ({ row }) =>
          row.original.countryCode ? countryLabel(row.original.countryCode) : t('roles.nodeWide'),
      },
      {
        id: 'kind',
        header: t('roles.kind'),
        cell: ({ row }) =>
          row.original.isBuiltIn ? (
            <Badge variant="light">{t('roles.builtIn')}</Badge>
          ) : (
            <Badge variant="light" color="grape">
              {t('roles.custom')}
            </Badge>
          ),
      },
      {
        id: 'permissions',
        header: t('roles.permissionCount'),
        cell: ({ row }) => row.original.permissions.length,
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) => {
          const r = row.original;
          return (
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="light" component={Link} to={`/admin/roles/${r.id}`}>
                {t('common.open')}
              </Button>
              {!r.isBuiltIn && can('delete', 'role', { countryCode: r.countryCode }) ? (
                <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(r)}>
                  {t('common.delete')}
                </Button>
              ) : null}
            </Group>
          );
        },
      },
    ],
    [t, can, countryLabel],
  );

  return (
    <Stack>
      <PageHeader
        title={t('nav.roles')}
        description={t('roles.description')}
        actions={
          can('create', 'role') ? (
            <Button component={Link} to="/admin/roles/new" data-testid="role-create">
              {t('roles.create')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={roles.error} />
      <DataTable
        label={t('nav.roles')}
        columns={columns}
        rows={roles.data ?? []}
        getRowId={(r) => r.id}
        loading={roles.isFetching}
        data-testid="roles-table"
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('roles.deleteTitle')}
        message={t('roles.deleteConfirm', { name: deleting ? roleLabel(t, deleting) : '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={() => (deleting ? handleDelete(deleting) : undefined)}
      />
    </Stack>
  );
}
