import { BORDER_MECHANISMS, type BorderPoint } from '@ctip/domain';
import { Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { agreementsApi } from './agreements.api';

/** Cross-border offices and facilities (BLO, BCATIP, reception centres…), optionally of countries. */
export function BorderPointsTable({ countries }: { countries?: readonly string[] }): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const [mechanism, setMechanism] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['agreements', 'border-points', mechanism],
    queryFn: () => agreementsApi.borderPoints({ mechanism: mechanism ?? undefined }),
  });
  // On an agreement's page: the points that lie within its parties only.
  const rows = (list.data ?? []).filter(
    (p: BorderPoint) => !countries || p.countries.every((c) => countries.includes(c)),
  );
  return (
    <Stack data-testid="border-points">
      <Group>
        <Select
          label={t('agreements.border.mechanism')}
          placeholder={t('common.all')}
          data={BORDER_MECHANISMS.map((m) => ({ value: m, label: t(`agreements.mechanism.${m}`) }))}
          value={mechanism}
          onChange={setMechanism}
          clearable
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && rows.length === 0 ? (
        <Text c="dimmed">{t('agreements.border.none')}</Text>
      ) : (
        <Table striped withTableBorder aria-label={t('agreements.border.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agreements.border.mechanism')}</Table.Th>
              <Table.Th>{t('agreements.border.countries')}</Table.Th>
              <Table.Th>{t('agreements.border.location')}</Table.Th>
              <Table.Th>{t('agreements.border.established')}</Table.Th>
              <Table.Th>{t('agreements.border.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{t(`agreements.mechanism.${p.mechanism}`)}</Table.Td>
                <Table.Td>{p.countries.map(countryLabel).join(' – ')}</Table.Td>
                <Table.Td>{p.location}</Table.Td>
                <Table.Td>{p.established ?? '—'}</Table.Td>
                <Table.Td>{p.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
