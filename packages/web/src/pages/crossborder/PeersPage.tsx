import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useActor, useCan } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { federationApi, type Peer } from '../../components/crossborder/federation/federation.api';
import { HealthBadge } from '../../components/crossborder/federation/HealthBadge';
import { MessageTable } from '../../components/crossborder/federation/MessageTable';
import { NodeCard } from '../../components/crossborder/federation/NodeCard';
import { PeerFormModal } from '../../components/crossborder/federation/PeerFormModal';
import { useRelativeTime } from '../../components/crossborder/federation/relative-time';
import { DataTable } from '../../components/DataTable/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/**
 * Federation peers: this node's public identity, its peers and their health (last contact, queue
 * depth, failures, last error; healthy / degraded / down), add / change / deactivate / ping, and the
 * recent outbox and inbox messages with retry.
 */
export function PeersPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const actor = useActor();
  const qc = useQueryClient();
  const countryLabel = useCountryLabel();
  const relative = useRelativeTime();
  const scope = { countryCode: actor?.countryCode ?? '' };
  const canUpdate = can('update', 'federation', scope);
  const [editing, setEditing] = useState<Peer | null | undefined>(undefined);
  const [toggling, setToggling] = useState<Peer | null>(null);
  const peers = useQuery({
    queryKey: ['federation', 'peers'],
    queryFn: federationApi.peers,
    refetchInterval: 10_000,
  });
  const ping = useMutation({
    mutationFn: (nodeId: string) => federationApi.ping(nodeId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['federation'] }),
  });
  const setActive = useMutation({
    mutationFn: (p: Peer) => federationApi.updatePeer(p.nodeId, { isActive: !p.isActive }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['federation'] }),
  });

  const columns = useMemo<ColumnDef<Peer, unknown>[]>(
    () => [
      {
        id: 'node',
        header: t('federation.peers.node'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {row.original.name}
            </Text>
            <Text size="xs" c="dimmed">
              {row.original.nodeId} · {row.original.url}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'countries',
        header: t('federation.peers.countries'),
        cell: ({ row }) => row.original.countries.map(countryLabel).join(', '),
      },
      {
        id: 'health',
        header: t('federation.peers.state'),
        cell: ({ row }) => <HealthBadge state={row.original.health} />,
      },
      {
        id: 'contact',
        header: t('federation.peers.lastContact'),
        cell: ({ row }) =>
          row.original.lastContactAt ? (
            <time dateTime={row.original.lastContactAt}>
              {relative(row.original.lastContactAt)}
            </time>
          ) : (
            t('federation.peers.never')
          ),
      },
      {
        id: 'queue',
        header: t('federation.peers.queue'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">{row.original.queueDepth}</Text>
            {row.original.oldestPendingAt ? (
              <Text size="xs" c="dimmed">
                {t('federation.peers.oldest', { when: relative(row.original.oldestPendingAt) })}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        id: 'failures',
        header: t('federation.peers.failures'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">{row.original.consecutiveFailures}</Text>
            <Text size="xs" c="dimmed">
              {t('federation.peers.rejected', {
                byPeer: row.original.rejectedByPeer,
                byUs: row.original.rejectedByUs,
              })}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'error',
        header: t('federation.peers.lastError'),
        cell: ({ row }) => (
          <Text
            size="xs"
            c={row.original.lastError ? 'red' : 'dimmed'}
            style={{ wordBreak: 'break-word' }}
          >
            {row.original.lastError ?? '—'}
          </Text>
        ),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          canUpdate ? (
            <Group gap={4} wrap="nowrap">
              <Button
                size="xs"
                variant="light"
                disabled={!row.original.isActive}
                loading={ping.isPending && ping.variables === row.original.nodeId}
                onClick={() => ping.mutate(row.original.nodeId)}
                data-testid={`ping-${row.original.nodeId}`}
              >
                {t('federation.peers.ping')}
              </Button>
              <Button size="xs" variant="light" onClick={() => setEditing(row.original)}>
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color={row.original.isActive ? 'red' : undefined}
                onClick={() => setToggling(row.original)}
                data-testid={`toggle-${row.original.nodeId}`}
              >
                {row.original.isActive
                  ? t('federation.peers.deactivate')
                  : t('federation.peers.activate')}
              </Button>
            </Group>
          ) : null,
      },
    ],
    [t, countryLabel, relative, canUpdate, ping],
  );

  return (
    <Stack data-testid="PeersPage">
      <PageHeader
        title={t('federation.title')}
        description={t('federation.description')}
        actions={
          canUpdate ? (
            <Button onClick={() => setEditing(null)} data-testid="peer-add">
              {t('federation.peers.add')}
            </Button>
          ) : null
        }
      />
      <NodeCard />
      <Title order={3}>{t('federation.peers.title')}</Title>
      <ErrorAlert error={peers.error ?? ping.error ?? setActive.error} />
      {peers.data && peers.data.length === 0 ? (
        <Text c="dimmed">{t('federation.peers.none')}</Text>
      ) : (
        <DataTable
          label={t('federation.peers.title')}
          columns={columns}
          rows={peers.data ?? []}
          getRowId={(p) => p.nodeId}
          loading={peers.isFetching}
          data-testid="peer-table"
        />
      )}
      <Title order={3}>{t('federation.messages.title')}</Title>
      <MessageTable canUpdate={canUpdate} />
      <PeerFormModal
        opened={editing !== undefined}
        peer={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDialog
        opened={toggling !== null}
        title={
          toggling?.isActive
            ? t('federation.confirm.deactivateTitle', { node: toggling?.nodeId })
            : t('federation.confirm.activateTitle', { node: toggling?.nodeId })
        }
        message={
          toggling?.isActive ? t('federation.confirm.deactivate') : t('federation.confirm.activate')
        }
        confirmLabel={
          toggling?.isActive ? t('federation.peers.deactivate') : t('federation.peers.activate')
        }
        danger={toggling?.isActive ?? false}
        onClose={() => setToggling(null)}
        onConfirm={async () => {
          if (toggling) {
            await setActive.mutateAsync(toggling);
          }
        }}
      />
    </Stack>
  );
}
