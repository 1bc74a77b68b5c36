import type { SessionInfo } from '@ctip/domain';
import { Center, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { applySession, SESSION_QUERY_KEY, useSessionQuery } from '../auth/session';
import { LanguagePicker } from '../components/LanguagePicker/LanguagePicker';
import { LoginForm, type LoginStep } from '../components/LoginForm/LoginForm';

function targetOf(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    // Only same-app paths: never an absolute URL handed in through history state.
    return state.from.startsWith('/') && !state.from.startsWith('//') ? state.from : '/';
  }
  return '/';
}

/** The sign-in page: language picker and the login steps. */
export function LoginPage(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data, isPending } = useSessionQuery();
  const target = targetOf(location.state);

  if (isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (data?.stage === 'complete') {
    return <Navigate to={target} replace />;
  }
  const initialStep: LoginStep =
    data?.stage === 'mfa_required'
      ? 'mfa'
      : data?.stage === 'mfa_enrollment_required'
        ? 'enroll'
        : 'password';

  function handleComplete(session: SessionInfo): void {
    // Nothing cached for an earlier user (a session that expired) may show to this one.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
    applySession(queryClient, session);
    navigate(target, { replace: true });
  }

  return (
    <Container size={440} py={48} component="main">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
          </div>
          <LanguagePicker />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <LoginForm
            initialStep={initialStep}
            onSession={(s) => applySession(queryClient, s)}
            onComplete={handleComplete}
          />
        </Paper>
        <Text c="dimmed" size="xs" ta="center">
          {t('login.notice')}
        </Text>
      </Stack>
    </Container>
  );
}
