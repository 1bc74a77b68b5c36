import { Alert, Stack } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader/PageHeader';
import type { ModuleDefinition } from '../modules';

export type ModulePageProps = { moduleKey: ModuleDefinition['key'] };

/** Landing page of a module that is not built yet: what it will hold, and no invented data. */
export function ModulePage({ moduleKey }: ModulePageProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader
        title={t(`module.${moduleKey}.name`)}
        description={t(`module.${moduleKey}.description`)}
      />
      <Alert color="blue" title={t('module.comingSoonTitle')} data-testid="module-coming-soon">
        {t('module.comingSoon')}
      </Alert>
    </Stack>
  );
}
