import type { MeetingDueState } from '@ctip/domain';
import { Badge, Group } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../DateText/DateText';

const COLOR: Record<MeetingDueState, string> = { overdue: 'red', due: 'orange', later: 'gray' };

/** A due date in the user's calendar with its state (overdue in red). */
export function DueBadge({
  dueOn,
  state,
}: {
  dueOn: string | null;
  state: MeetingDueState | null;
}): ReactElement {
  const { t } = useTranslation();
  if (!dueOn || !state) {
    return <span>—</span>;
  }
  return (
    <Group gap={6} wrap="nowrap" data-state={state}>
      <DateText value={dueOn} />
      <Badge color={COLOR[state]} variant={state === 'later' ? 'light' : 'filled'} size="sm">
        {t(`meetings.due.${state}`)}
      </Badge>
    </Group>
  );
}
