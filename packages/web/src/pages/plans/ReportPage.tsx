import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/** Placeholder until the plans screens land (reports area). */
export function ReportPage(): ReactElement {
  const { t } = useTranslation();
  return <PageHeader title={t('module.plans.name')} />;
}
