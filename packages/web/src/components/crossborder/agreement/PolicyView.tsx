import type { SharingPolicy } from '@ctip/domain';
import { Badge, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_GROUPS, fieldsOfGroup } from './policy-diff';

/** A recipient role's name: built-in roles translated, other keys as they are. */
export function useRoleName(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return (key) => (i18n.exists(`role.${key}.name`) ? t(`role.${key}.name`) : key);
}

/**
 * One sharing-policy version: the fields that may travel by group, purposes, retention, onward
 * sharing, recipient roles and the deadline of each repatriation step.
 */
export function PolicyView({ policy }: { policy: SharingPolicy }): ReactElement {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const allowed = new Set<string>(policy.fields);
  return (
    <Stack data-testid="policy-view">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {FIELD_GROUPS.map((g) => (
          <Stack key={g} gap={4}>
            <Title order={5}>{t(`agreements.fieldGroup.${g}`)}</Title>
            {fieldsOfGroup(g).map((f) => (
              <Text key={f} size="sm" c={allowed.has(f) ? undefined : 'dimmed'}>
                {allowed.has(f) ? '✓ ' : '✗ '}
                {t(`agreements.field.${f.replace('.', '_')}`)}
                <VisuallyHidden>
                  {' '}
                  ({allowed.has(f) ? t('agreements.policy.travels') : t('agreements.policy.stays')})
                </VisuallyHidden>
              </Text>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4}>
          <Text fw={500}>{t('agreements.policy.purposes')}</Text>
          <Group gap={4}>
            {policy.purposes.map((p) => (
              <Badge key={p} variant="light">
                {t(`agreements.purpose.${p}`)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Stack gap={4}>
          <Text fw={500}>{t('agreements.policy.recipientRoles')}</Text>
          <Group gap={4}>
            {policy.recipientRoles.map((r) => (
              <Badge key={r} variant="outline">
                {roleName(r)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Text size="sm">
          <Text component="span" fw={500}>
            {t('agreements.policy.retentionDays')}:
          </Text>{' '}
          {t('agreements.policy.days', { count: policy.retentionDays })}
        </Text>
        <Text size="sm">
          <Text component="span" fw={500}>
            {t('agreements.policy.onwardSharing')}:
          </Text>{' '}
          {policy.onwardSharing
            ? t('agreements.policy.onwardAllowed')
            : t('agreements.policy.onwardForbidden')}
        </Text>
      </SimpleGrid>
      <Table striped withTableBorder aria-label={t('agreements.policy.steps')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.policy.step')}</Table.Th>
            <Table.Th>{t('agreements.policy.owner')}</Table.Th>
            <Table.Th>{t('agreements.policy.dueDays')}</Table.Th>
            <Table.Th>{t('agreements.policy.anchor')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {policy.steps.map((s) => (
            <Table.Tr key={s.step}>
              <Table.Td>{t(`agreements.step.${s.step}`)}</Table.Td>
              <Table.Td>{t(`agreements.owner.${s.owner}`)}</Table.Td>
              <Table.Td>{t('agreements.policy.days', { count: s.dueDays })}</Table.Td>
              <Table.Td>{t(`agreements.anchor.${s.anchor}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
