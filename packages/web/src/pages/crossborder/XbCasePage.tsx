import { Alert, Anchor, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCountryLabel } from '../../api/queries';
import { XbStatusBadges } from '../../components/crossborder/xb/XbBadges';
import { XbCaseActions } from '../../components/crossborder/xb/XbCaseActions';
import {
  XbConsentBanner,
  XbMessageLog,
  XbOutcomes,
  XbSharedFields,
} from '../../components/crossborder/xb/XbSharedPanels';
import { XbTimeline } from '../../components/crossborder/xb/XbTimeline';
import { xbApi, xbKeys } from '../../components/crossborder/xb/xb.api';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/** One shared case as this node holds it: the timeline both sides see, its messages and actions. */
export function XbCasePage(): ReactElement {
  const { t } = useTranslation();
  const { xbCaseId = '' } = useParams();
  const countryLabel = useCountryLabel();
  const q = useQuery({ queryKey: xbKeys.one(xbCaseId), queryFn: () => xbApi.get(xbCaseId) });
  if (q.isPending) {
    return <Loader aria-label={t('xb.loading')} />;
  }
  if (!q.data) {
    return <ErrorAlert error={q.error} />;
  }
  const xb = q.data;
  const facts: [string, ReactElement | string][] = [
    [
      t('xb.facts.route'),
      `${countryLabel(xb.destinationCountry)} → ${countryLabel(xb.originCountry)}`,
    ],
    [t('xb.facts.side'), t(`xb.role.${xb.role}`)],
    [t('xb.col.purpose'), t(`xb.purpose.${xb.purpose}`)],
    [t('xb.facts.agreement'), `${xb.agreementCode} v${xb.policyVersion}`],
    [t('xb.facts.sexAge'), `${t(`xb.sex.${xb.sex}`)} · ${t(`xb.ageGroup.${xb.ageGroup}`)}`],
    [t('xb.facts.returnChoice'), xb.returnChoice ? t(`xb.returnChoice.${xb.returnChoice}`) : '—'],
    [t('xb.col.offered'), <DateText key="o" value={xb.offeredAt} withTime />],
    [t('xb.facts.onwardSharing'), t(xb.onwardSharing ? 'xb.yes' : 'xb.no')],
  ];
  if (xb.retentionUntil) {
    facts.push([t('xb.facts.retentionUntil'), <DateText key="r" value={xb.retentionUntil} />]);
  }
  return (
    <Stack data-testid="XbCasePage">
      <PageHeader
        title={t('xb.caseTitle', { code: xb.caseCode })}
        description={
          xb.remoteCaseCode && xb.remoteCaseCode !== xb.caseCode
            ? t('xb.remoteCode', { code: xb.remoteCaseCode })
            : undefined
        }
        actions={<XbCaseActions xb={xb} />}
      />
      <Group gap="sm">
        <XbStatusBadges item={xb} />
        {xb.localCaseId ? (
          <Anchor component={Link} to={`/cases/${xb.localCaseId}`}>
            {t('xb.openLocalCase')}
          </Anchor>
        ) : null}
      </Group>
      <XbConsentBanner xb={xb} />
      {xb.rejectReason ? (
        <Alert color="red" title={t('xb.status.Rejected')}>
          {xb.rejectReason}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      <Title order={3}>{t('xb.timeline.title')}</Title>
      <XbTimeline xb={xb} />
      <XbOutcomes xb={xb} />
      <XbSharedFields xb={xb} />
      <XbMessageLog xb={xb} />
    </Stack>
  );
}
