import { type Role, type RoleCreateInput, RoleCreateInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { rolesApi } from '../api/endpoints';
import { countryLabel, roleDescription, roleLabel, useCountries } from '../api/queries';
import { isRoleReadOnly } from '../auth/role-access';
import { useActor, useCan } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../components/PageHeader/PageHeader';
import { PermissionGrid } from '../components/PermissionGrid/PermissionGrid';
import { applyFieldError } from '../i18n/errors';
import { notify } from '../i18n/notify';
import { translated } from '../i18n/resolver';

/** The role editor: /admin/roles/new creates, /admin/roles/:id shows or edits. */
export function RoleEditorPage(): ReactElement {
  const { t } = useTranslation();
  const { roleId = 'new' } = useParams();
  const isNew = roleId === 'new';
  const role = useQuery({
    queryKey: ['roles', roleId],
    queryFn: () => rolesApi.get(roleId),
    enabled: !isNew,
  });

  if (!isNew && role.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (!isNew && role.error) {
    return <ErrorAlert error={role.error} />;
  }
  return (
    <Stack>
      <Anchor component={Link} to="/admin/roles" size="sm">
        {t('roles.backToList')}
      </Anchor>
      <RoleForm key={roleId} role={isNew ? null : (role.data ?? null)} />
    </Stack>
  );
}

type FormValues = z.input<typeof RoleCreateInputSchema>;
const FIELDS = ['key', 'name', 'description', 'countryCode', 'permissions'] as const;

function RoleForm({ role }: { role: Role | null }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const actor = useActor();
  const can = useCan();
  const countries = useCountries();
  const [failure, setFailure] = useState<unknown>(null);

  const readOnly = actor ? isRoleReadOnly(actor, role) : true;

  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, RoleCreateInput>({
    resolver: translated(zodResolver(RoleCreateInputSchema)),
    defaultValues: {
      key: role?.key ?? '',
      name: role?.name ?? '',
      description: role?.description ?? '',
      countryCode: role ? role.countryCode : (actor?.countryCode ?? null),
      permissions: role?.permissions ?? [],
    },
  });

  const countryOptions = (countries.data ?? [])
    .filter((c) => c.isCommit || c.code === role?.countryCode)
    .filter((c) => can(role ? 'update' : 'create', 'role', { countryCode: c.code }))
    .map((c) => ({ value: c.code, label: countryLabel(c.code, countries.data) }));

  async function submit(values: RoleCreateInput): Promise<void> {
    setFailure(null);
    try {
      if (role) {
        const { key: _key, ...update } = values;
        await rolesApi.update(role.id, update);
      } else {
        await rolesApi.create(values);
      }
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notify('success', t(role ? 'roles.updated' : 'roles.created', { name: values.name }));
      navigate('/admin/roles');
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  const title = role ? roleLabel(t, role) : t('roles.createTitle');
  return (
    <form onSubmit={handleSubmit(submit)} noValidate>
      <Stack>
        <PageHeader title={title} description={role ? roleDescription(t, role) : undefined} />
        {readOnly && role ? (
          <Alert color="blue" data-testid="role-readonly">
            {role.isBuiltIn ? t('roles.builtInReadOnly') : t('roles.readOnly')}
          </Alert>
        ) : null}
        <Group grow align="flex-start">
          <TextInput
            label={t('roles.key')}
            description={role ? undefined : t('validation.roleKeyRule')}
            required
            readOnly={Boolean(role)}
            disabled={readOnly}
            autoFocus={!role}
            error={errors.key?.message}
            {...register('key')}
          />
          <TextInput
            label={t('roles.name')}
            required
            disabled={readOnly}
            autoFocus={Boolean(role) && !readOnly}
            error={errors.name?.message}
            {...register('name')}
          />
        </Group>
        <Textarea
          label={t('roles.roleDescription')}
          disabled={readOnly}
          autosize
          minRows={2}
          error={errors.description?.message}
          {...register('description')}
        />
        <Controller
          control={control}
          name="countryCode"
          render={({ field }) => (
            <Select
              label={t('roles.country')}
              description={t('roles.countryHint')}
              placeholder={t('roles.nodeWide')}
              data={countryOptions}
              clearable
              disabled={readOnly}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v ?? null)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.countryCode?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="permissions"
          render={({ field }) => (
            <PermissionGrid
              label={t('roles.permissions')}
              value={field.value}
              onChange={field.onChange}
              readOnly={readOnly}
            />
          )}
        />
        {errors.permissions?.message ? (
          <Alert color="red" role="alert">
            {errors.permissions.message}
          </Alert>
        ) : null}
        <ErrorAlert error={failure} />
        {readOnly ? null : (
          <Group>
            <Button
              type="submit"
              loading={isSubmitting}
              disabled={Boolean(role) && !isDirty}
              data-testid="role-save"
            >
              {role ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" component={Link} to="/admin/roles">
              {t('common.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
