import { Badge, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCaseQuery } from '../../api/cases.api';
import {
  caseStatusColor,
  htcdsLabel,
  identificationColor,
} from '../../components/CaseForm/htcds-lists';
import { CaseConsentPanel } from '../../components/case/CaseConsentPanel';
import { CaseEventsPanel } from '../../components/case/CaseEventsPanel';
import { CaseFollowUpsPanel } from '../../components/case/CaseFollowUpsPanel';
import { CaseHistoryPanel } from '../../components/case/CaseHistoryPanel';
import { CaseNotesPanel } from '../../components/case/CaseNotesPanel';
import { CaseOverviewPanel } from '../../components/case/CaseOverviewPanel';
import { CaseReferralsPanel } from '../../components/case/CaseReferralsPanel';
import { CaseRightsPanel } from '../../components/case/CaseRightsPanel';
import { CaseScreeningPanel } from '../../components/case/CaseScreeningPanel';
import { CaseServicesPanel } from '../../components/case/CaseServicesPanel';
import { CrossBorderPanel } from '../../components/case/CrossBorderPanel';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

const TABS = [
  ['overview', CaseOverviewPanel],
  ['consent', CaseConsentPanel],
  ['screening', CaseScreeningPanel],
  ['events', CaseEventsPanel],
  ['services', CaseServicesPanel],
  ['referrals', CaseReferralsPanel],
  ['crossBorder', CrossBorderPanel],
  ['followUps', CaseFollowUpsPanel],
  ['rights', CaseRightsPanel],
  ['notes', CaseNotesPanel],
  ['history', CaseHistoryPanel],
] as const;

/** One case: its header (code, status, identification, owning agency) and one tab per area. */
export function CasePage(): ReactElement {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const detail = useCaseQuery(caseId);
  const c = detail.data;

  if (detail.isPending) {
    return <Loader size="sm" />;
  }
  if (!c) {
    return <ErrorAlert error={detail.error} />;
  }
  return (
    <Stack>
      <PageHeader title={t('cases.page.title', { code: c.code })} />
      <Group gap="sm" mt={-12} data-testid="case-header">
        <Badge color={caseStatusColor(c.status)}>{htcdsLabel(t, 'caseStatus', c.status)}</Badge>
        <Badge variant="light" color={identificationColor(c.identificationStatus)}>
          {htcdsLabel(t, 'identificationStatus', c.identificationStatus)}
        </Badge>
        {c.isChild ? <Badge color="grape">{t('cases.list.child')}</Badge> : null}
        {c.isCrossBorder ? <Badge color="cyan">{t('cases.list.crossBorder')}</Badge> : null}
        <Text size="sm" c="dimmed">
          {t('cases.page.ownedBy', { agency: c.agencyName, owner: c.ownerName })}
        </Text>
      </Group>
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          {TABS.map(([key]) => (
            <Tabs.Tab key={key} value={key}>
              {key === 'crossBorder' ? t('xb.panel.tab') : t(`cases.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(([key, Panel]) => (
          <Tabs.Panel key={key} value={key} pt="md">
            <Panel caseId={c.id} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
