import { Alert } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errors';

/** A failed call, translated by its error code. Renders nothing without an error. */
export function ErrorAlert({ error }: { error: unknown }): ReactElement | null {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  return (
    <Alert color="red" role="alert">
      {errorText(t, error)}
    </Alert>
  );
}
