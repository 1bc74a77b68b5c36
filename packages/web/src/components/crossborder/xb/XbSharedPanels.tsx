import { SHAREABLE_FIELDS, type ShareableField, type XbCaseDetail } from '@ctip/domain';
import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { DateText } from '../../DateText/DateText';

/** A shared value as text (codes and countries translated, events one per line). */
function ValueText({ field, value }: { field: ShareableField; value: unknown }): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  if (typeof value === 'string') {
    if (field === 'person.gender') {
      return <>{t(`xb.sex.${value}`, { defaultValue: value })}</>;
    }
    if (field === 'rights.returnChoice') {
      return <>{t(`xb.returnChoice.${value}`, { defaultValue: value })}</>;
    }
    if (field === 'person.nationality' || field === 'victim.countryOfExploitation') {
      return <>{countryLabel(value)}</>;
    }
  }
  if (typeof value === 'boolean') {
    return <>{t(value ? 'xb.yes' : 'xb.no')}</>;
  }
  if (Array.isArray(value)) {
    return (
      <Stack gap={2}>
        {value.map((v, i) =>
          v && typeof v === 'object' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: events have no id of their own
            <Text key={i} size="sm">
              {Object.values(v as Record<string, unknown>)
                .filter((x) => x !== null && x !== '')
                .join(' · ')}
            </Text>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: plain codes may repeat
            <span key={i}>{String(v)}</span>
          ),
        )}
      </Stack>
    );
  }
  return <>{String(value)}</>;
}

/** The fields the agreement let travel, for readers the policy names (else a notice). */
export function XbSharedFields({ xb }: { xb: XbCaseDetail }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="xb-shared">
      <Title order={3}>{t('xb.shared.title')}</Title>
      {xb.shared ? (
        <Table aria-label={t('xb.shared.title')}>
          <Table.Tbody>
            {SHAREABLE_FIELDS.filter((f) => xb.shared?.[f] !== undefined).map((f) => (
              <Table.Tr key={f}>
                <Table.Th w="35%">{t(`xb.field.${f.replace('.', '_')}`)}</Table.Th>
                <Table.Td>
                  <ValueText field={f} value={xb.shared?.[f]} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed">{t(xb.isRestricted ? 'xb.shared.restricted' : 'xb.shared.hidden')}</Text>
      )}
    </Stack>
  );
}

/** Consent withdrawn / acknowledged banner. */
export function XbConsentBanner({ xb }: { xb: XbCaseDetail }): ReactElement | null {
  const { t } = useTranslation();
  if (!xb.consentWithdrawnAt && !xb.isRestricted) {
    return null;
  }
  const acknowledged = xb.role === 'Sender' ? xb.withdrawalAcknowledgedAt : xb.consentWithdrawnAt;
  return (
    <Alert color="orange" role="status" title={t('xb.consent.title')} data-testid="xb-consent">
      <Stack gap={2}>
        {xb.consentWithdrawnAt ? (
          <Text size="sm">
            {t('xb.consent.withdrawnOn')} <DateText value={xb.consentWithdrawnAt} withTime />
          </Text>
        ) : null}
        <Text size="sm">
          {acknowledged
            ? t(xb.role === 'Sender' ? 'xb.consent.acknowledged' : 'xb.consent.restrictedHere')
            : t('xb.consent.awaiting')}{' '}
          {acknowledged && xb.role === 'Sender' ? <DateText value={acknowledged} withTime /> : null}
        </Text>
      </Stack>
    </Alert>
  );
}

const MESSAGE_COLOR: Record<string, string> = {
  Pending: 'yellow',
  Delivered: 'green',
  Applied: 'green',
  Rejected: 'red',
  Duplicate: 'gray',
  Received: 'blue',
};

/** The message log of the shared case (both directions, no payload) with delivery status. */
export function XbMessageLog({ xb }: { xb: XbCaseDetail }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3}>{t('xb.messages.title')}</Title>
      <Table striped aria-label={t('xb.messages.title')} data-testid="xb-messages">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('xb.messages.at')}</Table.Th>
            <Table.Th>{t('xb.messages.direction')}</Table.Th>
            <Table.Th>{t('xb.messages.kind')}</Table.Th>
            <Table.Th>{t('xb.messages.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {xb.messages.map((m) => (
            <Table.Tr key={`${m.direction}-${m.id}`}>
              <Table.Td>
                <DateText value={m.at} withTime />
              </Table.Td>
              <Table.Td>{t(`xb.messages.${m.direction}`)}</Table.Td>
              <Table.Td>
                {t(`xb.kind.${m.kind.replace('.', '_')}`)}
                {m.seq ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    #{m.seq}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Badge color={MESSAGE_COLOR[m.status] ?? 'gray'} variant="light">
                  {t(`xb.messageStatus.${m.status}`)}
                </Badge>
                {m.status === 'Pending' && m.attempts > 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('xb.messages.attempts', { count: m.attempts })}
                  </Text>
                ) : null}
                {m.error ? (
                  <Text size="xs" c="red">
                    {m.error}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Service and follow-up outcomes reported on the shared case, by either side. */
export function XbOutcomes({ xb }: { xb: XbCaseDetail }): ReactElement | null {
  const { t } = useTranslation();
  if (xb.outcomes.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs">
      <Title order={3}>{t('xb.outcome.title')}</Title>
      <Table striped aria-label={t('xb.outcome.title')} data-testid="xb-outcomes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('xb.outcome.reportedOn')}</Table.Th>
            <Table.Th>{t('xb.outcome.step')}</Table.Th>
            <Table.Th>{t('xb.outcome.outcome')}</Table.Th>
            <Table.Th>{t('xb.outcome.reportedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {xb.outcomes.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <DateText value={o.reportedOn} />
              </Table.Td>
              <Table.Td>{o.step ? t(`xb.step.${o.step}`) : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <span>{t(`xb.outcomeValue.${o.outcome}`)}</span>
                  {o.note ? (
                    <Text size="xs" c="dimmed">
                      {o.note}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>{t(`xb.role.${o.reportedBy}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
