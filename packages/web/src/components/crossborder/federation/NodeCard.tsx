import { Button, Card, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { federationApi } from './federation.api';

/** This node: id, countries, URL, and its public identity JSON to copy for the other side. */
export function NodeCard(): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const node = useQuery({ queryKey: ['federation', 'node'], queryFn: federationApi.node });
  const json = node.data ? JSON.stringify(node.data, null, 2) : '';
  return (
    <Card withBorder data-testid="node-card">
      <ErrorAlert error={node.error} />
      {node.data ? (
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>{t('federation.node.title')}</Text>
            <CopyButton value={json}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy} data-testid="copy-identity">
                  {copied ? t('federation.node.copied') : t('federation.node.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">
            {t('federation.node.id')}: <Code>{node.data.nodeId}</Code> · {node.data.name}
          </Text>
          <Text size="sm">
            {t('federation.node.countries')}: {node.data.countries.map(countryLabel).join(', ')}
          </Text>
          <Text size="sm">
            {t('federation.node.url')}: {node.data.url ?? '—'}
          </Text>
          <Text size="xs" c="dimmed">
            {t('federation.node.hint')}
          </Text>
          <Code block data-testid="identity-json">
            {json}
          </Code>
        </Stack>
      ) : null}
    </Card>
  );
}
