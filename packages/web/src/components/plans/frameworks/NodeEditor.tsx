import type { FrameworkNodeView, FrameworkTree, PlanNodeKind } from '@ctip/domain';
import { isAllowedChild } from '@ctip/domain';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { frameworksApi } from './frameworks.api';

/** What the editor is doing: adding under a parent (null = top level) or editing a node. */
export type NodeEditing =
  | { mode: 'add'; parent: FrameworkNodeView | null }
  | { mode: 'edit'; node: FrameworkNodeView };

function flatten(nodes: FrameworkNodeView[]): FrameworkNodeView[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/**
 * Add or edit a node in place: kind (as the structure allows), code, title, description, ★,
 * parent (moves it), linked targets (activities). Empty text = "not given in the source".
 */
export function NodeEditor({
  framework,
  editing,
  onClose,
}: {
  framework: FrameworkTree;
  editing: NodeEditing;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const all = flatten(framework.nodes);
  const node = editing.mode === 'edit' ? editing.node : null;
  const parentNode =
    editing.mode === 'add' ? editing.parent : (all.find((n) => n.id === node?.parentId) ?? null);
  const kinds = (['area', 'outcome', 'output', 'target', 'activity'] as PlanNodeKind[]).filter(
    (k) => isAllowedChild(framework.structure, parentNode?.kind ?? null, k),
  );
  const [kind, setKind] = useState<PlanNodeKind>(node?.kind ?? kinds[0] ?? 'area');
  const [code, setCode] = useState(node?.code ?? '');
  const [title, setTitle] = useState(node?.title ?? '');
  const [description, setDescription] = useState(node?.description ?? '');
  const [isPriority, setPriority] = useState(node?.isPriority ?? false);
  const [parentId, setParentId] = useState<string | null>(parentNode?.id ?? null);
  const [targetIds, setTargetIds] = useState<string[]>(node?.targetIds ?? []);
  const parents = all.filter((p) => isAllowedChild(framework.structure, p.kind, kind));
  const targets = all.filter((n) => n.kind === 'target');
  const save = useMutation({
    mutationFn: () => {
      const text = (v: string) => (v.trim() === '' ? null : v.trim());
      const common = {
        code: code.trim(),
        title: text(title),
        description: text(description),
        isPriority,
        ...(kind === 'activity' ? { targetIds } : {}),
      };
      return node
        ? frameworksApi.updateNode(framework.id, node.id, {
            version: node.version,
            ...common,
            ...(parentId !== node.parentId ? { parentId } : {}),
          })
        : frameworksApi.addNode(framework.id, { kind, parentId, ...common });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plans', 'frameworks'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        node ? t('plansFrameworks.node.edit', { code: node.code }) : t('plansFrameworks.node.add')
      }
      size="lg"
    >
      <Stack data-testid="node-editor">
        <ErrorAlert error={save.error} />
        {node ? null : (
          <Select
            label={t('plansFrameworks.node.kind')}
            data={kinds.map((k) => ({ value: k, label: t(`plansFrameworks.kind.${k}`) }))}
            value={kind}
            onChange={(v) => setKind((v as PlanNodeKind) ?? kind)}
            allowDeselect={false}
          />
        )}
        <TextInput
          label={t('plansFrameworks.node.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          required
        />
        <Textarea
          label={t('plansFrameworks.node.title')}
          description={t('plansFrameworks.node.emptyMeansMissing')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          label={t('plansFrameworks.node.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          rows={3}
        />
        {kind === 'activity' ? (
          <>
            <Checkbox
              label={t('plansFrameworks.node.priority')}
              checked={isPriority}
              onChange={(e) => setPriority(e.currentTarget.checked)}
            />
            <MultiSelect
              label={t('plansFrameworks.node.targets')}
              data={targets.map((x) => ({
                value: x.id,
                label: `${x.code} ${x.title ?? ''}`.trim(),
              }))}
              value={targetIds}
              onChange={setTargetIds}
              searchable
            />
          </>
        ) : null}
        {parents.length > 0 ? (
          <Select
            label={t('plansFrameworks.node.parent')}
            data={parents.map((p) => ({ value: p.id, label: `${p.code} ${p.title ?? ''}`.trim() }))}
            value={parentId}
            onChange={(v) => setParentId(v)}
            allowDeselect={false}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('plansFrameworks.cancel')}
          </Button>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={code.trim() === ''}
          >
            {t('plansFrameworks.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
