import type { ScreeningDetail, ScreeningSummary } from '@ctip/domain';
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { screeningApi } from '../../api/screening.api';
import { useCan } from '../../auth/session';
import { errorText } from '../../i18n/errors';
import { DateText } from '../DateText/DateText';

export type CaseScreeningPanelProps = { caseId: string };

const OUTCOME_COLOR = { Actual: 'red', Possible: 'orange', NotAVictim: 'gray' } as const;

/** One screening's personal fields, fetched (an audited read) only when asked for. */
function ScreeningDetails({ id }: { id: string }): ReactElement {
  const { t } = useTranslation();
  const detail = useQuery<ScreeningDetail>({
    queryKey: ['screening', id],
    queryFn: () => screeningApi.get(id),
  });
  if (detail.isPending) {
    return <Loader size="sm" aria-label={t('screening.panel.loading')} />;
  }
  if (detail.isError) {
    return <Alert color="red">{errorText(t, detail.error)}</Alert>;
  }
  const s = detail.data;
  const list = (prefix: string, values: string[]) =>
    values.length ? values.map((v) => t(`screening.${prefix}.${v}`)).join(', ') : '—';
  return (
    <Stack gap={4} data-testid={`screening-detail-${id}`}>
      <Text size="sm">
        <b>{t('screening.section.act')}:</b> {list('act', s.actIndicators)}
      </Text>
      <Text size="sm">
        <b>{t('screening.section.means')}:</b> {list('means', s.meansIndicators)}
      </Text>
      <Text size="sm">
        <b>{t('screening.section.purpose')}:</b> {list('purpose', s.purposeIndicators)}
      </Text>
      <Text size="sm">
        <b>{t('screening.section.redFlags')}:</b> {list('redFlag', s.redFlags)}
      </Text>
      {s.personName ? (
        <Text size="sm">
          <b>{t('screening.field.personName')}:</b> {s.personName}
        </Text>
      ) : null}
      {s.notes ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <b>{t('screening.field.notes')}:</b> {s.notes}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Tab of the case page: the screenings linked to the case, coded fields first. */
export function CaseScreeningPanel({ caseId }: CaseScreeningPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<string | null>(null);
  // The server shows a case's screenings to whoever may read the case, or by screening scope.
  const mayRead = can('read', 'screening') || can('read', 'case');
  const list = useQuery({
    queryKey: ['screenings', { caseId }],
    queryFn: () => screeningApi.list({ caseId, pageSize: 50 }),
    enabled: mayRead,
  });
  if (!mayRead) {
    return <Text c="dimmed">{t('common.forbiddenPage')}</Text>;
  }
  if (list.isPending) {
    return <Loader size="sm" aria-label={t('screening.panel.loading')} />;
  }
  if (list.isError) {
    return <Alert color="red">{errorText(t, list.error)}</Alert>;
  }
  const items: ScreeningSummary[] = list.data.items;
  if (items.length === 0) {
    return (
      <Text c="dimmed" data-testid="CaseScreeningPanel">
        {t('screening.panel.empty')}
      </Text>
    );
  }
  return (
    <Stack data-testid="CaseScreeningPanel">
      {items.map((s) => (
        <Card key={s.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs">
              <DateText value={s.screenedAt} withTime />
              <Badge color={OUTCOME_COLOR[s.outcome]}>{t(`screening.outcome.${s.outcome}`)}</Badge>
              {s.isChild ? <Badge variant="outline">{t('screening.panel.child')}</Badge> : null}
              {s.suggestedOutcome && s.suggestedOutcome !== s.outcome ? (
                <Text size="sm" c="dimmed">
                  {t('screening.assessment.suggested', {
                    outcome: t(`screening.outcome.${s.suggestedOutcome}`),
                  })}
                </Text>
              ) : null}
            </Group>
            <Button
              variant="subtle"
              size="xs"
              aria-expanded={open === s.id}
              onClick={() => setOpen(open === s.id ? null : s.id)}
            >
              {open === s.id ? t('screening.panel.hideDetails') : t('screening.panel.showDetails')}
            </Button>
          </Group>
          {s.location ? (
            <Text size="sm" c="dimmed">
              {s.location}
            </Text>
          ) : null}
          {open === s.id ? <ScreeningDetails id={s.id} /> : null}
        </Card>
      ))}
    </Stack>
  );
}
