import { type User, type UserUpdateInput, UserUpdateInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { usersApi } from '../../api/endpoints';
import { applyFieldError, errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { PasswordField } from '../PasswordField/PasswordField';
import { emptyToNull, emptyToUndefined, usePickerOptions } from './user-form-options';

type EditFormValues = z.input<typeof UserUpdateInputSchema>;

/** The form that edits a user account, with password and second-factor resets. */
export function UserEditForm({ user, onDone }: { user: User; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = usePickerOptions('update');
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EditFormValues, unknown, UserUpdateInput>({
    resolver: translated(zodResolver(UserUpdateInputSchema)),
    defaultValues: {
      displayName: user.displayName,
      email: user.email,
      agencyId: user.agencyId,
      roleIds: user.roleIds,
    },
  });

  async function submit(values: UserUpdateInput): Promise<void> {
    setFailure(null);
    try {
      await usersApi.update(user.id, values);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notify('success', t('users.updated', { name: user.username }));
      onDone();
    } catch (err) {
      const fields = ['displayName', 'email', 'agencyId', 'roleIds', 'password'] as const;
      if (!applyFieldError(t, err, setError, fields)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate>
      <Stack>
        <TextInput
          label={t('users.displayName')}
          autoFocus
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        <TextInput
          label={t('users.email')}
          type="email"
          error={errors.email?.message}
          {...register('email', { setValueAs: emptyToNull })}
        />
        <Controller
          control={control}
          name="agencyId"
          render={({ field }) => (
            <Select
              label={t('users.agency')}
              data={options.agencies}
              searchable
              value={field.value ?? null}
              onChange={(v) => field.onChange(v ?? undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.agencyId?.message}
              nothingFoundMessage={t('common.noResults')}
            />
          )}
        />
        <Controller
          control={control}
          name="roleIds"
          render={({ field }) => (
            <MultiSelect
              label={t('users.roles')}
              data={options.roles}
              searchable
              value={field.value ?? []}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.roleIds?.message}
            />
          )}
        />
        <PasswordField
          label={t('users.resetPassword')}
          description={t('users.resetPasswordHint')}
          autoComplete="new-password"
          error={errors.password?.message}
          {...register('password', { setValueAs: emptyToUndefined })}
        />
        <Controller
          control={control}
          name="resetMfa"
          render={({ field }) => (
            <Checkbox
              label={t('users.resetMfa')}
              description={t('users.resetMfaHint')}
              checked={field.value === true}
              disabled={!user.hasMfa}
              onChange={(e) => field.onChange(e.currentTarget.checked ? true : undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
            />
          )}
        />
        {failure ? (
          <Alert color="red" role="alert">
            {errorText(t, failure)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
