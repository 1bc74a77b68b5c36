import type { Action, Resource } from '@ctip/domain';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../i18n/errors';
import { useCan, useSessionQuery } from './session';

/** Shows its children only to a fully logged-in user; sends everyone else to /login. */
export function RequireAuth({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const location = useLocation();
  const { data, isPending, error, refetch } = useSessionQuery();

  if (isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (error) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Alert color="red" role="alert">
            {errorText(t, error)}
          </Alert>
          <Button onClick={() => void refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (data?.stage !== 'complete') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/** Shows its children only when the user holds the action (default read) on the resource. */
export function RequireRead({
  resource,
  action = 'read',
  children,
}: {
  resource: Resource;
  action?: Action;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  if (!can(action, resource)) {
    return (
      <Alert color="yellow" role="alert" title={t('error.FORBIDDEN')}>
        {t('common.forbiddenPage')}
      </Alert>
    );
  }
  return <>{children}</>;
}
