import {
  CALENDARS,
  LOCALES,
  type PasswordChangeInput,
  PasswordChangeInputSchema,
  type ProfileUpdateInput,
  ProfileUpdateInputSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { meApi } from '../api/endpoints';
import { applyUser, useLogout, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog/ConfirmDialog';
import { LANGUAGE_ENDONYMS } from '../components/LanguagePicker/LanguagePicker';
import { PageHeader } from '../components/PageHeader/PageHeader';
import { PasswordField } from '../components/PasswordField/PasswordField';
import { applyFieldError, errorText } from '../i18n/errors';
import { i18n } from '../i18n/i18n';
import { notify } from '../i18n/notify';
import { translated } from '../i18n/resolver';

/** The user's own settings: name, language, calendar, password, sessions. */
export function ProfilePage(): ReactElement | null {
  const { t } = useTranslation();
  const session = useSession();
  if (!session) {
    return null;
  }
  return (
    <Stack gap="lg" maw={640}>
      <PageHeader title={t('profile.title')} description={session.user.username} />
      <ProfileForm />
      <PasswordForm />
      <SessionsCard />
    </Stack>
  );
}

function ProfileForm(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  const user = session?.user;
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProfileUpdateInput>({
    resolver: translated(zodResolver(ProfileUpdateInputSchema)),
    defaultValues: {
      displayName: user?.displayName ?? '',
      locale: user?.locale ?? 'en',
      calendar: user?.calendar ?? 'gregory',
    },
  });

  async function submit(values: ProfileUpdateInput): Promise<void> {
    setFailure(null);
    try {
      const updated = await meApi.update(values);
      applyUser(queryClient, updated);
      if (updated.locale !== i18n.resolvedLanguage) {
        await i18n.changeLanguage(updated.locale);
      }
      notify('success', i18n.t('profile.saved'));
    } catch (err) {
      if (!applyFieldError(t, err, setError, ['displayName', 'locale', 'calendar'])) {
        setFailure(err);
      }
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="profile-settings">
      <form onSubmit={handleSubmit(submit)} noValidate>
        <Stack>
          <Title order={2} size="h4" id="profile-settings">
            {t('profile.settings')}
          </Title>
          <TextInput
            label={t('profile.displayName')}
            autoFocus
            error={errors.displayName?.message}
            {...register('displayName')}
          />
          <NativeSelect
            label={t('common.language')}
            data={LOCALES.map((code) => ({ value: code, label: LANGUAGE_ENDONYMS[code] }))}
            error={errors.locale?.message}
            data-testid="profile-language-select"
            {...register('locale')}
          />
          <NativeSelect
            label={t('profile.calendar')}
            data={CALENDARS.map((c) => ({ value: c, label: t(`calendar.${c}`) }))}
            error={errors.calendar?.message}
            data-testid="calendar-select"
            {...register('calendar')}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {errorText(t, failure)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={isSubmitting} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

const PasswordFormSchema = PasswordChangeInputSchema.extend({
  confirmPassword: PasswordChangeInputSchema.shape.newPassword,
}).refine((v) => v.newPassword === v.confirmPassword, {
  path: ['confirmPassword'],
});
type PasswordForm = PasswordChangeInput & { confirmPassword: string };

function PasswordForm(): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordForm>({
    resolver: translated(zodResolver(PasswordFormSchema)),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });

  async function submit({ currentPassword, newPassword }: PasswordForm): Promise<void> {
    setFailure(null);
    try {
      await meApi.changePassword({ currentPassword, newPassword });
      reset();
      notify('success', t('profile.passwordChanged'));
    } catch (err) {
      if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') {
        setError(
          'currentPassword',
          { message: t('profile.currentPasswordWrong') },
          { shouldFocus: true },
        );
      } else if (!applyFieldError(t, err, setError, ['currentPassword', 'newPassword'])) {
        setFailure(err);
      }
    }
  }

  const mismatch = errors.confirmPassword?.type === 'custom';
  return (
    <Card withBorder component="section" aria-labelledby="profile-password">
      <form onSubmit={handleSubmit(submit)} noValidate>
        <Stack>
          <Title order={2} size="h4" id="profile-password">
            {t('profile.changePassword')}
          </Title>
          <PasswordField
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            error={errors.currentPassword?.message}
            {...register('currentPassword')}
          />
          <PasswordField
            label={t('profile.newPassword')}
            description={t('validation.passwordRule')}
            autoComplete="new-password"
            error={errors.newPassword?.message}
            {...register('newPassword')}
          />
          <PasswordField
            label={t('profile.confirmPassword')}
            autoComplete="new-password"
            error={mismatch ? t('validation.mismatch') : errors.confirmPassword?.message}
            {...register('confirmPassword')}
          />
          {failure ? (
            <Alert color="red" role="alert">
              {errorText(t, failure)}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function SessionsCard(): ReactElement {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);

  async function handleLogoutAll(): Promise<void> {
    try {
      await logout(true);
      notify('success', t('auth.loggedOutEverywhere'));
    } catch (err) {
      notify('error', errorText(t, err));
    }
    navigate('/login', { replace: true });
  }

  return (
    <Card withBorder component="section" aria-labelledby="profile-sessions">
      <Stack>
        <Title order={2} size="h4" id="profile-sessions">
          {t('profile.sessions')}
        </Title>
        <Text size="sm">{t('auth.logoutEverywhereConfirm')}</Text>
        <Group>
          <Button color="red" variant="light" onClick={() => setConfirm(true)}>
            {t('auth.logoutEverywhere')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirm}
        title={t('auth.logoutEverywhere')}
        message={t('auth.logoutEverywhereConfirm')}
        confirmLabel={t('auth.logoutEverywhere')}
        onClose={() => setConfirm(false)}
        onConfirm={handleLogoutAll}
      />
    </Card>
  );
}
