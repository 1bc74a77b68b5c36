import { Group, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

export type PageHeaderProps = { title: string; description?: string; actions?: ReactNode };

/** The title row of a page, with optional actions on the right. */
export function PageHeader({ title, description, actions }: PageHeaderProps): ReactElement {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" mt={4}>
            {description}
          </Text>
        ) : null}
      </div>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
