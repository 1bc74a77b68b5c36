import type { FrameworkNodeView } from '@ctip/domain';
import { ActionIcon, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** The tree: areas/outcomes with their targets/outputs and activities (★, linked targets, MoU). */
export function FrameworkTreeView({
  nodes,
  editable,
  onAdd,
  onEdit,
  onDelete,
  onMove,
}: {
  nodes: FrameworkNodeView[];
  editable: boolean;
  onAdd: (parent: FrameworkNodeView | null) => void;
  onEdit: (node: FrameworkNodeView) => void;
  onDelete: (node: FrameworkNodeView) => void;
  /** Move a node one place up (-1) or down (+1) among its siblings of the same kind. */
  onMove: (node: FrameworkNodeView, by: -1 | 1) => void;
}): ReactElement {
  const { t } = useTranslation();
  const codeById = new Map<string, string>();
  const walk = (list: FrameworkNodeView[]) => {
    for (const n of list) {
      codeById.set(n.id, n.code);
      walk(n.children);
    }
  };
  walk(nodes);
  const missing = (
    <Text span fs="italic" c="dimmed">
      {t('plansFrameworks.notGiven')}
    </Text>
  );
  const actions = (n: FrameworkNodeView) =>
    editable ? (
      <Group gap={4}>
        <ActionIcon
          variant="subtle"
          aria-label={t('plansFrameworks.node.moveUp', { code: n.code })}
          onClick={() => onMove(n, -1)}
        >
          ↑
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          aria-label={t('plansFrameworks.node.moveDown', { code: n.code })}
          onClick={() => onMove(n, 1)}
        >
          ↓
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          aria-label={t('plansFrameworks.node.editAria', { code: n.code })}
          onClick={() => onEdit(n)}
        >
          ✎
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('plansFrameworks.node.deleteAria', { code: n.code })}
          onClick={() => onDelete(n)}
        >
          ✕
        </ActionIcon>
      </Group>
    ) : null;
  const leaf = (n: FrameworkNodeView) => (
    <Box key={n.id} pl="md" py={4} data-testid={`node-${n.code}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600} span>
            {n.isPriority ? (
              <Text
                span
                c="yellow.7"
                aria-label={t('plansFrameworks.priority')}
                title={t('plansFrameworks.priority')}
              >
                ★{' '}
              </Text>
            ) : null}
            {n.code}{' '}
          </Text>
          {n.title ? <Text span>{n.title}</Text> : missing}
          <Text size="sm" c="dimmed">
            {n.kind === 'activity' ? (n.description ?? missing) : n.description}
          </Text>
          {n.kind === 'activity' ? (
            <Group gap={4} mt={2}>
              <Text size="xs" c="dimmed">
                {t('plansFrameworks.linkedTargets')}
              </Text>
              {n.targetIds.length === 0 ? (
                <Text size="xs">—</Text>
              ) : (
                n.targetIds.map((id) => (
                  <Badge key={id} size="xs" variant="light">
                    {codeById.get(id)}
                  </Badge>
                ))
              )}
            </Group>
          ) : null}
        </div>
        {actions(n)}
      </Group>
    </Box>
  );
  return (
    <Stack data-testid="framework-tree">
      {nodes.map((top) => {
        const groups = (['target', 'output', 'activity'] as const)
          .map((kind) => ({ kind, items: top.children.filter((c) => c.kind === kind) }))
          .filter((g) => g.items.length > 0);
        return (
          <Paper key={top.id} withBorder p="md" data-testid={`node-${top.code}`}>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={3}>
                  {t(`plansFrameworks.kind.${top.kind}`)} {top.code}
                  {top.activityCodePrefix ? ` (${top.activityCodePrefix})` : ''}:{' '}
                  {top.title ?? t('plansFrameworks.notGiven')}
                </Title>
                {top.description ? <Text size="sm">{top.description}</Text> : null}
                {top.mouSection ? (
                  <Text size="sm" c="dimmed">
                    {t('plansFrameworks.mouSection', { section: top.mouSection })}
                  </Text>
                ) : null}
              </div>
              <Group gap={4}>
                {editable ? (
                  <ActionIcon
                    variant="light"
                    aria-label={t('plansFrameworks.node.addUnder', { code: top.code })}
                    onClick={() => onAdd(top)}
                  >
                    +
                  </ActionIcon>
                ) : null}
                {actions(top)}
              </Group>
            </Group>
            {top.mouArticles.length > 0 ? (
              <Box mt="xs" data-testid={`mou-${top.code}`}>
                <Text size="sm" fw={600}>
                  {t('plansFrameworks.mouArticles')}
                </Text>
                {top.mouArticles.map((m) => (
                  <Text key={m.article} size="sm">
                    {t('plansFrameworks.article', { n: m.article })}: {m.textAsListed}
                  </Text>
                ))}
              </Box>
            ) : null}
            {groups.map((g) => (
              <Box key={g.kind} mt="sm">
                <Text fw={600} size="sm">
                  {t(`plansFrameworks.kinds.${g.kind}`)}
                </Text>
                {g.items.map(leaf)}
              </Box>
            ))}
          </Paper>
        );
      })}
    </Stack>
  );
}
