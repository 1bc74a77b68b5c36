import { Button, Group } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { useCan } from '../../../auth/session';
import { PageHeader } from '../../PageHeader/PageHeader';

/** A plans list's header, with its create button when the user may create any record. */
export function ListHeader(props: {
  title: string;
  description: string;
  createLabel: string;
  canCreate: boolean;
  onCreate: () => void;
}): ReactElement {
  return (
    <PageHeader
      title={props.title}
      description={props.description}
      actions={
        props.canCreate ? <Button onClick={props.onCreate}>{props.createLabel}</Button> : null
      }
    />
  );
}

/** Edit and Delete for one plans record, each shown when the user may do it to that record. */
export function RecordActions(props: {
  countryCode: string | null;
  editLabel: ReactNode;
  deleteLabel: ReactNode;
  onEdit: () => void;
  onDelete: () => void;
  nowrap?: boolean;
}): ReactElement {
  const can = useCan();
  const record = { countryCode: props.countryCode };
  return (
    <Group gap={4} {...(props.nowrap ? { wrap: 'nowrap' as const } : {})}>
      {can('update', 'plan', record) ? (
        <Button size="xs" variant="subtle" onClick={props.onEdit}>
          {props.editLabel}
        </Button>
      ) : null}
      {can('delete', 'plan', record) ? (
        <Button size="xs" variant="subtle" color="red" onClick={props.onDelete}>
          {props.deleteLabel}
        </Button>
      ) : null}
    </Group>
  );
}
