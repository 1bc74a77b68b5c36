import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/** Placeholder until the statistics screens land. */
export function ComparisonPage(): ReactElement {
  const { t } = useTranslation();
  return <PageHeader title={t('module.statistics.name')} />;
}
