import type { FrameworkDiff, FrameworkTree } from '@ctip/domain';
import { Button, Group, List, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../DateText/DateText';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { frameworksApi } from './frameworks.api';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') {
    return '—';
  }
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The nodes a diff added or removed, under a heading; nothing when there are none. */
function DiffNodes({
  title,
  nodes,
}: {
  title: string;
  nodes: FrameworkDiff['added'];
}): ReactElement | null {
  const { t } = useTranslation();
  if (nodes.length === 0) {
    return null;
  }
  return (
    <div>
      <Text fw={600}>{title}</Text>
      <List>
        {nodes.map((n) => (
          <List.Item key={`${n.kind}${n.code}`}>
            {t(`plansFrameworks.kind.${n.kind}`)} {n.code} {n.title ?? ''}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** Revision history (number, change note, who, when) and the diff between two revisions. */
export function RevisionsPanel({ framework }: { framework: FrameworkTree }): ReactElement {
  const { t } = useTranslation();
  const revisions = useQuery({
    queryKey: ['plans', 'frameworks', framework.id, 'revisions', framework.revision],
    queryFn: () => frameworksApi.revisions(framework.id),
  });
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>('live');
  const [diff, setDiff] = useState<FrameworkDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const options = [
    { value: 'live', label: t('plansFrameworks.revisions.live') },
    ...(revisions.data ?? []).map((r) => ({
      value: String(r.revision),
      label: t('plansFrameworks.revisions.number', { n: r.revision }),
    })),
  ];
  const compare = async () => {
    setError(null);
    try {
      setDiff(
        await frameworksApi.diff(framework.id, Number(from), to === 'live' ? 'live' : Number(to)),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Paper withBorder p="md" data-testid="revisions-panel">
      <Title order={3} mb="sm">
        {t('plansFrameworks.revisions.title')}
      </Title>
      <ErrorAlert error={revisions.error ?? error} />
      {revisions.data && revisions.data.length === 0 ? (
        <Text c="dimmed">{t('plansFrameworks.revisions.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plansFrameworks.revisions.revision')}</Table.Th>
              <Table.Th>{t('plansFrameworks.revisions.note')}</Table.Th>
              <Table.Th>{t('plansFrameworks.revisions.by')}</Table.Th>
              <Table.Th>{t('plansFrameworks.revisions.at')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(revisions.data ?? []).map((r) => (
              <Table.Tr key={r.revision}>
                <Table.Td>{r.revision}</Table.Td>
                <Table.Td>{r.changeNote ?? '—'}</Table.Td>
                <Table.Td>{r.publishedBy ?? t('plansFrameworks.revisions.seed')}</Table.Td>
                <Table.Td>
                  <DateText value={r.publishedAt} withTime />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(revisions.data ?? []).length > 0 ? (
        <Stack mt="md">
          <Group align="flex-end">
            <Select
              label={t('plansFrameworks.revisions.from')}
              data={options.filter((o) => o.value !== 'live')}
              value={from}
              onChange={setFrom}
              w={180}
            />
            <Select
              label={t('plansFrameworks.revisions.to')}
              data={options}
              value={to}
              onChange={setTo}
              w={180}
            />
            <Button onClick={compare} disabled={!from || !to}>
              {t('plansFrameworks.revisions.compare')}
            </Button>
          </Group>
          {diff ? (
            <Stack gap="xs" data-testid="framework-diff">
              {diff.added.length + diff.removed.length + diff.changed.length === 0 ? (
                <Text>{t('plansFrameworks.diff.none')}</Text>
              ) : null}
              <DiffNodes title={t('plansFrameworks.diff.added')} nodes={diff.added} />
              <DiffNodes title={t('plansFrameworks.diff.removed')} nodes={diff.removed} />
              {diff.changed.length > 0 ? (
                <div>
                  <Text fw={600}>{t('plansFrameworks.diff.changed')}</Text>
                  <List>
                    {diff.changed.map((c) => (
                      <List.Item key={`${c.kind}${c.code}`}>
                        {t(`plansFrameworks.kind.${c.kind}`)} {c.code}:{' '}
                        {c.fields
                          .map(
                            (f) =>
                              `${t(`plansFrameworks.field.${f.field}`)} ${show(f.before)} → ${show(f.after)}`,
                          )
                          .join('; ')}
                      </List.Item>
                    ))}
                  </List>
                </div>
              ) : null}
            </Stack>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  );
}
