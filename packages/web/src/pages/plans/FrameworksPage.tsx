import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/** Placeholder until the plans screens land (frameworks area). */
export function FrameworksPage(): ReactElement {
  const { t } = useTranslation();
  return <PageHeader title={t('module.plans.name')} />;
}
