import { LOCALES, type UserCreateInput, UserCreateInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
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
import { LANGUAGE_ENDONYMS } from '../LanguagePicker/LanguagePicker';
import { PasswordField } from '../PasswordField/PasswordField';
import { emptyToUndefined, usePickerOptions } from './user-form-options';

type CreateFormValues = z.input<typeof UserCreateInputSchema>;

/** The form that creates a user account. */
export function UserCreateForm({ onDone }: { onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = usePickerOptions('create');
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateFormValues, unknown, UserCreateInput>({
    resolver: translated(zodResolver(UserCreateInputSchema)),
    defaultValues: { username: '', displayName: '', agencyId: '', roleIds: [], password: '' },
  });

  async function submit(values: UserCreateInput): Promise<void> {
    setFailure(null);
    try {
      const created = await usersApi.create(values);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notify('success', t('users.created', { name: created.username }));
      onDone();
    } catch (err) {
      const fields = [
        'username',
        'displayName',
        'email',
        'agencyId',
        'roleIds',
        'password',
      ] as const;
      if (!applyFieldError(t, err, setError, fields)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate>
      <Stack>
        <TextInput
          label={t('users.username')}
          description={t('validation.usernameRule')}
          autoComplete="off"
          autoFocus
          required
          error={errors.username?.message}
          {...register('username')}
        />
        <TextInput
          label={t('users.displayName')}
          required
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        <TextInput
          label={t('users.email')}
          type="email"
          error={errors.email?.message}
          {...register('email', { setValueAs: emptyToUndefined })}
        />
        <Controller
          control={control}
          name="agencyId"
          render={({ field }) => (
            <Select
              label={t('users.agency')}
              data={options.agencies}
              searchable
              required
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
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
              required
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.roleIds?.message}
            />
          )}
        />
        <PasswordField
          label={t('users.initialPassword')}
          description={t('validation.passwordRule')}
          autoComplete="new-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
        <NativeSelect
          label={t('common.language')}
          data={LOCALES.map((code) => ({ value: code, label: LANGUAGE_ENDONYMS[code] }))}
          {...register('locale')}
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
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
