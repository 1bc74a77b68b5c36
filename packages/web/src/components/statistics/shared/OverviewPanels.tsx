import type { RegionalOverview } from '@ctip/domain';
import {
  Anchor,
  Badge,
  Paper,
  ScrollArea,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText } from '../../DateText/DateText';
import type { StatLabels } from './labels';

/** Open validation findings per country, each linking to the validation screen. */
export function ViolationsPanel({
  items,
  labels,
}: {
  items: RegionalOverview['openViolationsByCountry'];
  labels: StatLabels;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="violations-panel">
      <Title order={2} size="h4" mb="xs">
        {t('statistics.violations.title')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('statistics.violations.none')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{labels.dimension('country')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.violations.openCount')}
              </Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('statistics.violations.open')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.country}>
                <Table.Td>{labels.country(v.country)}</Table.Td>
                <Table.Td ta="right">
                  <Badge color={v.open > 0 ? 'orange' : 'green'} variant="light">
                    {labels.number(v.open)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/statistics/validation?country=${encodeURIComponent(v.country)}`}
                    size="sm"
                  >
                    {t('statistics.violations.openFor', { country: labels.country(v.country) })}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

const APPROVAL_COLORS: Record<string, string> = {
  Approved: 'green',
  Unapproved: 'orange',
  Open: 'gray',
};

/** Approval status of the data sets per country and period. */
export function ApprovalsPanel({
  items,
  labels,
}: {
  items: RegionalOverview['approvals'];
  labels: StatLabels;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="approvals-panel">
      <Title order={2} size="h4" mb="xs">
        {t('statistics.approvals.title')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('statistics.approvals.none')}</Text>
      ) : (
        <ScrollArea type="auto" mah={360}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{labels.dimension('country')}</Table.Th>
                <Table.Th scope="col">{t('statistics.approvals.dataSet')}</Table.Th>
                <Table.Th scope="col">{labels.dimension('period')}</Table.Th>
                <Table.Th scope="col">{t('statistics.approvals.status')}</Table.Th>
                <Table.Th scope="col">{t('statistics.approvals.approvedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={`${a.country}|${a.dataSet}|${a.period}`}>
                  <Table.Td>{labels.country(a.country)}</Table.Td>
                  <Table.Td>{labels.dataSet(a.dataSet)}</Table.Td>
                  <Table.Td>{labels.period(a.period)}</Table.Td>
                  <Table.Td>
                    <Badge color={APPROVAL_COLORS[a.status] ?? 'gray'} variant="light">
                      {t(`statistics.approvals.state.${a.status}`, { defaultValue: a.status })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <DateText value={a.approvedAt} empty="—" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
