import type { StatViolationView } from '@ctip/domain';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatLabels } from '../entry/labels';

const STATUS_COLORS: Record<StatViolationView['status'], string> = {
  Open: 'red',
  Annotated: 'yellow',
  Resolved: 'green',
};

/** A finding's status as a coloured badge. */
export function ViolationStatusBadge({
  status,
}: {
  status: StatViolationView['status'];
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`statisticsData.violationStatus.${status}`)}
    </Badge>
  );
}

export type ViolationTableProps = {
  items: StatViolationView[];
  /** Show element, country and period columns (the findings list; the entry form has them). */
  showBlock?: boolean;
  onAnnotate?: (v: StatViolationView) => void;
  /** Whether the user may annotate this finding (hides the button otherwise). */
  canAnnotate?: (v: StatViolationView) => boolean;
  onSelect?: (v: StatViolationView) => void;
  'data-testid'?: string;
};

/**
 * Validation findings: the rule in words, the cells involved (the whole first, then its parts or
 * its history), the value found against the value expected, and the status.
 */
export function ViolationTable({
  items,
  showBlock = true,
  onAnnotate,
  canAnnotate = () => true,
  onSelect,
  'data-testid': testId,
}: ViolationTableProps): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  return (
    <Table striped aria-label={t('statisticsData.validation.findings')} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('statisticsData.validation.rule')}</Table.Th>
          {showBlock ? (
            <>
              <Table.Th>{t('statisticsData.element')}</Table.Th>
              <Table.Th>{t('statisticsData.country')}</Table.Th>
              <Table.Th>{t('statisticsData.period.label')}</Table.Th>
            </>
          ) : null}
          <Table.Th>{t('statisticsData.validation.cells')}</Table.Th>
          <Table.Th>{t('statisticsData.validation.actual')}</Table.Th>
          <Table.Th>{t('statisticsData.validation.expected')}</Table.Th>
          <Table.Th>{t('statisticsData.validation.status')}</Table.Th>
          {onAnnotate || onSelect ? <Table.Th>{t('common.actions')}</Table.Th> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((v) => (
          <Table.Tr key={v.id} data-testid={`violation-${v.id}`}>
            <Table.Td>
              <Text size="sm">{labels.ruleText(v.ruleCode, v.kind)}</Text>
              {v.annotation ? (
                <Text size="xs" c="dimmed" fs="italic">
                  {t('statisticsData.validation.annotationShown', { text: v.annotation })}
                </Text>
              ) : null}
            </Table.Td>
            {showBlock ? (
              <>
                <Table.Td>{labels.element(v.dataElement)}</Table.Td>
                <Table.Td>{labels.country(v.country)}</Table.Td>
                <Table.Td>{labels.period(v.period)}</Table.Td>
              </>
            ) : null}
            <Table.Td>
              <Stack gap={0}>
                {v.cells.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a finding's cells are fixed; the first is the whole.
                  <Text key={i} size="xs" fw={i === 0 ? 600 : undefined}>
                    {c.dataElement !== v.dataElement ? `${labels.element(c.dataElement)}: ` : ''}
                    {labels.disaggregation(c.disaggregation)}
                    {c.country !== v.country ? ` (${labels.country(c.country)})` : ''}
                    {c.period !== v.period ? ` — ${labels.period(c.period)}` : ''}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td data-testid="actual">{v.actual}</Table.Td>
            <Table.Td data-testid="expected">{v.expected}</Table.Td>
            <Table.Td>
              <ViolationStatusBadge status={v.status} />
            </Table.Td>
            {onAnnotate || onSelect ? (
              <Table.Td>
                {onSelect ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => onSelect(v)}>
                    {t('statisticsData.validation.showCells')}
                  </Button>
                ) : null}
                {onAnnotate && v.status !== 'Resolved' && canAnnotate(v) ? (
                  <Button size="compact-xs" variant="light" onClick={() => onAnnotate(v)}>
                    {t('statisticsData.validation.annotate')}
                  </Button>
                ) : null}
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
