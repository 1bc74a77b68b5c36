import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { protectionApi } from '../../api/protection.api';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { FeedbackForm } from '../FollowUpForms/FeedbackForm';
import { FollowUpOutcomeForm } from '../FollowUpForms/FollowUpOutcomeForm';
import { ReintegrationForm } from '../FollowUpForms/ReintegrationForm';
import { useCanUpdateCase } from './CaseServicesPanel';

export type CaseFollowUpsPanelProps = { caseId: string };

/** Tab of the case page: reintegration, follow-up schedule and outcomes, flags, client feedback. */
export function CaseFollowUpsPanel({ caseId }: CaseFollowUpsPanelProps): ReactElement {
  const { t } = useTranslation();
  const { canEdit } = useCanUpdateCase(caseId);
  const data = useQuery({
    queryKey: ['follow-ups', caseId],
    queryFn: () => protectionApi.followUps(caseId),
  });
  const feedback = useQuery({
    queryKey: ['feedback', caseId],
    queryFn: () => protectionApi.feedback(caseId),
  });
  const [recording, setRecording] = useState<string | null>(null);
  const d = data.data;

  return (
    <Stack data-testid="CaseFollowUpsPanel">
      <ErrorAlert error={data.error} />
      <Card withBorder component="section" aria-labelledby="reintegration-title">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={3} size="h4" id="reintegration-title">
            {t('followUp.reintegration.title')}
          </Title>
          <Group gap="xs">
            {d?.isRetrafficked ? (
              <Badge color="red" data-testid="flag-retrafficked">
                {t('followUp.flags.retrafficked')}
              </Badge>
            ) : null}
            {d?.becameBroker ? (
              <Badge color="orange" data-testid="flag-broker">
                {t('followUp.flags.becameBroker')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <Text mb="sm">
          {d?.reintegratedOn ? (
            <>
              {t('followUp.reintegration.on')} <DateText value={d.reintegratedOn} />
            </>
          ) : (
            t('followUp.reintegration.none')
          )}
        </Text>
        {canEdit && d ? (
          <ReintegrationForm
            key={d.reintegratedOn ?? 'none'}
            caseId={caseId}
            initialDate={d.reintegratedOn}
          />
        ) : null}
      </Card>

      <Card withBorder component="section" aria-labelledby="schedule-title">
        <Title order={3} size="h4" id="schedule-title" mb="xs">
          {t('followUp.schedule.title')}
        </Title>
        {d && d.followUps.length === 0 ? (
          <Text c="dimmed">{t('followUp.schedule.none')}</Text>
        ) : null}
        {d && d.followUps.length > 0 ? (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label={t('followUp.schedule.title')} data-testid="follow-up-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('followUp.schedule.when')}</Table.Th>
                  <Table.Th>{t('followUp.schedule.scheduledOn')}</Table.Th>
                  <Table.Th>{t('followUp.schedule.status')}</Table.Th>
                  <Table.Th>{t('followUp.outcome.method')}</Table.Th>
                  <Table.Th>{t('followUp.outcome.wellbeing')}</Table.Th>
                  <Table.Th>{t('followUp.outcome.text')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.followUps.map((f) => (
                  <Table.Tr
                    key={f.id}
                    bg={f.isOverdue ? 'var(--mantine-color-red-light)' : undefined}
                  >
                    <Table.Td>
                      {f.monthsAfter != null
                        ? t('followUp.monthsAfter', { count: f.monthsAfter })
                        : t('followUp.extra')}
                    </Table.Td>
                    <Table.Td>
                      <DateText value={f.scheduledOn} />
                    </Table.Td>
                    <Table.Td>
                      {f.doneOn ? (
                        <Badge color="green" variant="light">
                          {t('followUp.schedule.doneOn')} <DateText value={f.doneOn} />
                        </Badge>
                      ) : f.isOverdue ? (
                        <Badge color="red">{t('followUp.schedule.overdue')}</Badge>
                      ) : (
                        <Badge variant="light">{t('followUp.schedule.due')}</Badge>
                      )}
                      {f.isRetrafficked ? (
                        <Badge color="red" variant="outline" ml={4}>
                          {t('followUp.flags.retrafficked')}
                        </Badge>
                      ) : null}
                      {f.becameBroker ? (
                        <Badge color="orange" variant="outline" ml={4}>
                          {t('followUp.flags.becameBroker')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{f.method ? t(`followUp.method.${f.method}`) : ''}</Table.Td>
                    <Table.Td>{f.wellbeing ? t(`followUp.wellbeing.${f.wellbeing}`) : ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{f.outcome ?? ''}</Table.Td>
                    <Table.Td>
                      {canEdit && !f.doneOn ? (
                        <Button size="xs" variant="light" onClick={() => setRecording(f.id)}>
                          {t('followUp.outcome.record')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {recording ? (
          <Card withBorder mt="md">
            <Title order={4} size="h5" mb="xs">
              {t('followUp.outcome.title')}
            </Title>
            <FollowUpOutcomeForm
              caseId={caseId}
              followUpId={recording}
              onDone={() => setRecording(null)}
            />
          </Card>
        ) : null}
      </Card>

      <Card withBorder component="section" aria-labelledby="feedback-title">
        <Title order={3} size="h4" id="feedback-title" mb="xs">
          {t('followUp.feedback.title')}
        </Title>
        <ErrorAlert error={feedback.error} />
        {(feedback.data ?? []).length > 0 ? (
          <Table aria-label={t('followUp.feedback.title')} mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followUp.feedback.givenOn')}</Table.Th>
                <Table.Th>{t('followUp.feedback.serviceType')}</Table.Th>
                <Table.Th>{t('protection.services.provider')}</Table.Th>
                <Table.Th>{t('followUp.feedback.satisfaction')}</Table.Th>
                <Table.Th>{t('followUp.feedback.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(feedback.data ?? []).map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <DateText value={f.givenOn} />
                  </Table.Td>
                  <Table.Td>
                    {f.serviceType ? t(`protection.supportType.${f.serviceType}`) : ''}
                  </Table.Td>
                  <Table.Td>{f.providerName ?? ''}</Table.Td>
                  <Table.Td>{t('followUp.feedback.outOfFive', { value: f.satisfaction })}</Table.Td>
                  <Table.Td>{f.comment ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {canEdit ? <FeedbackForm caseId={caseId} /> : null}
      </Card>
    </Stack>
  );
}
