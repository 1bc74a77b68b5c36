import { PasswordInput } from '@mantine/core';
import type { ComponentProps, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export type PasswordFieldProps = ComponentProps<typeof PasswordInput>;

/** Mantine's PasswordInput with a translated name on its show/hide button. */
export function PasswordField(props: PasswordFieldProps): ReactElement {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }}
      {...props}
    />
  );
}
