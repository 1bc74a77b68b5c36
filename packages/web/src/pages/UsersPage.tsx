import type { User } from '@ctip/domain';
import { Badge, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import { roleLabel, useAgencyOptions, useCountryLabel, useRoles } from '../api/queries';
import { useCan } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog/ConfirmDialog';
import { DataTable } from '../components/DataTable/DataTable';
import { DateText } from '../components/DateText/DateText';
import { ErrorAlert } from '../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../components/PageHeader/PageHeader';
import { UserFormModal } from '../components/UserFormModal/UserFormModal';
import { errorText } from '../i18n/errors';
import { notify } from '../i18n/notify';

const PAGE_SIZE = 25;

/** Users administration: search, page, create, edit, disable and enable accounts. */
export function UsersPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const countryLabel = useCountryLabel();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const agencies = useAgencyOptions();
  const roles = useRoles(can('read', 'role'));
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [toggling, setToggling] = useState<User | null>(null);

  const users = useQuery({
    queryKey: ['users', { page, q, agencyId }],
    queryFn: () => usersApi.list({ page, pageSize: PAGE_SIZE, q, agencyId: agencyId ?? undefined }),
    placeholderData: keepPreviousData,
  });

  async function handleToggle(user: User): Promise<void> {
    try {
      const updated = user.isDisabled
        ? await usersApi.enable(user.id)
        : await usersApi.disable(user.id);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notify(
        'success',
        t(updated.isDisabled ? 'users.disabled' : 'users.enabled', {
          name: user.username,
        }),
      );
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  const columns = useMemo<ColumnDef<User, unknown>[]>(
    () => [
      { id: 'username', header: t('users.username'), accessorKey: 'username' },
      { id: 'displayName', header: t('users.displayName'), accessorKey: 'displayName' },
      { id: 'agency', header: t('users.agency'), accessorKey: 'agencyName' },
      {
        id: 'country',
        header: t('users.country'),
        cell: ({ row }) => countryLabel(row.original.countryCode),
      },
      {
        id: 'roles',
        header: t('users.roles'),
        cell: ({ row }) =>
          row.original.roleKeys
            .map((key) => {
              const role = roles.data?.find((r) => r.key === key);
              return role ? roleLabel(t, role) : t(`role.${key}.name`, { defaultValue: key });
            })
            .join(', '),
      },
      {
        id: 'status',
        header: t('users.status'),
        cell: ({ row }) =>
          row.original.isDisabled ? (
            <Badge color="gray" miw="max-content">
              {t('users.statusDisabled')}
            </Badge>
          ) : (
            <Badge color="green" miw="max-content">
              {t('users.statusActive')}
            </Badge>
          ),
      },
      {
        id: 'lastLogin',
        header: t('users.lastLogin'),
        cell: ({ row }) => <DateText value={row.original.lastLoginAt} withTime />,
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) => {
          const u = row.original;
          const record = { ownerUserId: u.id, agencyId: u.agencyId, countryCode: u.countryCode };
          if (!can('update', 'user', record)) {
            return null;
          }
          return (
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="light" onClick={() => setEditing(u)}>
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color={u.isDisabled ? 'green' : 'red'}
                onClick={() => setToggling(u)}
              >
                {u.isDisabled ? t('users.enable') : t('users.disable')}
              </Button>
            </Group>
          );
        },
      },
    ],
    [t, can, countryLabel, roles.data],
  );

  return (
    <Stack>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        actions={
          can('create', 'user') ? (
            <Button onClick={() => setEditing(null)} data-testid="user-create">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Group align="flex-end">
        <TextInput
          type="search"
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
        />
        <Select
          label={t('users.agency')}
          placeholder={t('common.all')}
          data={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={agencyId}
          onChange={(v) => {
            setAgencyId(v);
            setPage(1);
          }}
          searchable
          clearable
          w={300}
          nothingFoundMessage={t('common.noResults')}
        />
      </Group>
      <ErrorAlert error={users.error} />
      <DataTable
        label={t('nav.users')}
        columns={columns}
        rows={users.data?.items ?? []}
        getRowId={(u) => u.id}
        loading={users.isFetching}
        paging={{ page, pageSize: PAGE_SIZE, total: users.data?.total ?? 0, onPageChange: setPage }}
        data-testid="users-table"
      />
      <UserFormModal
        opened={editing !== undefined}
        user={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDialog
        opened={toggling !== null}
        title={toggling?.isDisabled ? t('users.enable') : t('users.disable')}
        message={t(toggling?.isDisabled ? 'users.enableConfirm' : 'users.disableConfirm', {
          name: toggling?.username ?? '',
        })}
        confirmLabel={toggling?.isDisabled ? t('users.enable') : t('users.disable')}
        danger={!toggling?.isDisabled}
        onClose={() => setToggling(null)}
        onConfirm={() => (toggling ? handleToggle(toggling) : undefined)}
      />
    </Stack>
  );
}
