import type { StatSourceRef, StatTable } from '@ctip/domain';
import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CELL_SYMBOLS, MARKED_STATUSES } from './cells';

/** The banner over unsuppressed internal figures. */
export function InternalBanner(): ReactElement {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="filled" role="alert" data-testid="internal-banner">
      <Text fw={700}>{t('statistics.internal.banner')}</Text>
      <Text size="sm">{t('statistics.internal.bannerDetail')}</Text>
    </Alert>
  );
}

/** What the marks of a table mean, with the threshold of primary suppression. */
export function SuppressionLegend({
  threshold,
  internal,
}: {
  threshold: number;
  internal: boolean;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Group
      gap="md"
      wrap="wrap"
      data-testid="suppression-legend"
      aria-label={t('statistics.legend.title')}
    >
      {MARKED_STATUSES.map((status) => (
        <Text size="sm" key={status}>
          <Text span fw={700} ff="monospace">
            {CELL_SYMBOLS[status]}
          </Text>{' '}
          {t(`statistics.legend.${status}`, { threshold })}
        </Text>
      ))}
      <Text size="sm">
        <Text span fw={700} ff="monospace">
          ≥
        </Text>{' '}
        {t('statistics.legend.lowerBound')}
      </Text>
      {internal ? null : (
        <Text size="sm" c="dimmed">
          {t('statistics.legend.threshold', { threshold })}
        </Text>
      )}
    </Group>
  );
}

/** The sources cited by the values of a table, as printed. */
export function SourcesList({ sources }: { sources: readonly StatSourceRef[] }): ReactElement {
  const { t } = useTranslation();
  if (sources.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('statistics.sources.none')}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="sources">
      <Text size="sm" fw={600}>
        {t('statistics.sources.title')}
      </Text>
      <List size="sm">
        {sources.map((s) => (
          <List.Item key={s.code}>
            <Text span size="sm" fw={500}>
              {s.title}
            </Text>
            {s.citation ? ` — ${s.citation}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Legend, open findings and sources under a table. */
export function TableNotes({ table }: { table: StatTable }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <SuppressionLegend
        threshold={table.disclosure.threshold}
        internal={table.disclosure.internal}
      />
      {table.openViolations > 0 ? (
        <Text size="sm" c="orange.8" data-testid="table-violations">
          {t('statistics.violations.inTable', { count: table.openViolations })}{' '}
          <Anchor component={Link} to="/statistics/validation" size="sm">
            {t('statistics.violations.open')}
          </Anchor>
        </Text>
      ) : null}
      <SourcesList sources={table.sources} />
    </Stack>
  );
}
