import type { FrameworkNodeView } from '@ctip/domain';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { FrameworkTreeView } from '../../components/plans/frameworks/FrameworkTreeView';
import { frameworksApi } from '../../components/plans/frameworks/frameworks.api';
import { usePeriodLabel } from '../../components/plans/frameworks/labels';
import { type NodeEditing, NodeEditor } from '../../components/plans/frameworks/NodeEditor';
import { RevisionsPanel } from '../../components/plans/frameworks/RevisionsPanel';

function flatten(nodes: FrameworkNodeView[]): FrameworkNodeView[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/**
 * /plans/frameworks/:id: the framework tree (areas → targets and activities with ★, linked targets
 * and MoU articles; SPA IV outcomes → outputs). Texts the source does not give are shown so.
 * The Secretariat and administrators edit in place, publish a revision with a change note, and
 * compare revisions.
 */
export function FrameworkPage(): ReactElement {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const qc = useQueryClient();
  const period = usePeriodLabel();
  const editable = can('update', 'plan_framework');
  const tree = useQuery({
    queryKey: ['plans', 'frameworks', id],
    queryFn: () => frameworksApi.get(id),
  });
  const [editing, setEditing] = useState<NodeEditing | null>(null);
  const [deleting, setDeleting] = useState<FrameworkNodeView | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['plans', 'frameworks'] });
  const remove = useMutation({
    mutationFn: (n: FrameworkNodeView) => frameworksApi.deleteNode(id, n.id, n.version),
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
  });
  const move = useMutation({
    mutationFn: async ({ node, by }: { node: FrameworkNodeView; by: -1 | 1 }) => {
      const all = flatten(tree.data?.nodes ?? []);
      const siblings = all
        .filter((n) => n.parentId === node.parentId && n.kind === node.kind)
        .sort((a, b) => a.position - b.position);
      const i = siblings.findIndex((n) => n.id === node.id);
      const other = siblings[i + by];
      if (!other) {
        return;
      }
      // Positions are renumbered 1..n so that equal positions still swap.
      const pos = (n: FrameworkNodeView) => siblings.indexOf(n) + 1;
      await frameworksApi.updateNode(id, node.id, { version: node.version, position: pos(other) });
      await frameworksApi.updateNode(id, other.id, { version: other.version, position: pos(node) });
    },
    onSettled: refresh,
  });
  const publish = useMutation({
    mutationFn: () =>
      frameworksApi.publish(id, { version: tree.data?.version ?? 0, changeNote: note }),
    onSuccess: async () => {
      setPublishing(false);
      setNote('');
      await refresh();
    },
  });
  if (tree.isPending) {
    return <Loader />;
  }
  if (tree.error || !tree.data) {
    return <ErrorAlert error={tree.error} />;
  }
  const f = tree.data;
  return (
    <Stack data-testid="FrameworkPage">
      <PageHeader title={f.title} description={`${f.shortTitle ?? f.id} · ${period(f)}`} />
      <Group>
        <Badge variant="light">{t(`plansFrameworks.status.${f.status}`)}</Badge>
        <Text size="sm">{t('plansFrameworks.revisionLabel', { n: f.revision })}</Text>
        {f.hasUnpublishedChanges ? (
          <Badge color="orange" variant="light">
            {t('plansFrameworks.unpublished')}
          </Badge>
        ) : null}
      </Group>
      {f.note ? <Alert variant="light">{f.note}</Alert> : null}
      {f.source ? (
        <Text size="xs" c="dimmed">
          {t('plansFrameworks.source', { source: f.source })}
        </Text>
      ) : null}
      {editable ? (
        <Group>
          <Button variant="light" onClick={() => setEditing({ mode: 'add', parent: null })}>
            {t(f.structure === 'areas' ? 'plansFrameworks.addArea' : 'plansFrameworks.addOutcome')}
          </Button>
          <Button onClick={() => setPublishing(true)} disabled={!f.hasUnpublishedChanges}>
            {t('plansFrameworks.publish.button')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={move.error} />
      {f.nodes.length === 0 ? <Text c="dimmed">{t('plansFrameworks.empty')}</Text> : null}
      <FrameworkTreeView
        nodes={f.nodes}
        editable={editable}
        onAdd={(parent) => setEditing({ mode: 'add', parent })}
        onEdit={(node) => setEditing({ mode: 'edit', node })}
        onDelete={setDeleting}
        onMove={(node, by) => move.mutate({ node, by })}
      />
      <RevisionsPanel framework={f} />
      {editing ? (
        <NodeEditor framework={f} editing={editing} onClose={() => setEditing(null)} />
      ) : null}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('plansFrameworks.delete.title', { code: deleting?.code ?? '' })}
      >
        <Stack>
          <ErrorAlert error={remove.error} />
          <Text>{t('plansFrameworks.delete.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('plansFrameworks.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting)}
            >
              {t('plansFrameworks.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={publishing}
        onClose={() => setPublishing(false)}
        title={t('plansFrameworks.publish.title', { n: f.revision + 1 })}
      >
        <Stack>
          <ErrorAlert error={publish.error} />
          <Textarea
            label={t('plansFrameworks.publish.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            required
            rows={3}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPublishing(false)}>
              {t('plansFrameworks.cancel')}
            </Button>
            <Button
              loading={publish.isPending}
              disabled={note.trim() === ''}
              onClick={() => publish.mutate()}
            >
              {t('plansFrameworks.publish.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
