import type { XbCaseListItem, XbCaseStatus } from '@ctip/domain';
import { Badge, Group } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<XbCaseStatus, string> = {
  Offered: 'gray',
  Received: 'blue',
  Accepted: 'green',
  Rejected: 'red',
  Closed: 'dark',
};

/** A shared case's status, with overdue, restricted and pending-delivery badges. */
export function XbStatusBadges({
  item,
}: {
  item: Pick<XbCaseListItem, 'status' | 'overdueSteps' | 'isRestricted' | 'pendingMessages'>;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <Badge color={STATUS_COLOR[item.status]} variant="light">
        {t(`xb.status.${item.status}`)}
      </Badge>
      {item.overdueSteps > 0 ? (
        <Badge color="red" data-testid="xb-overdue">
          {t('xb.overdueSteps', { count: item.overdueSteps })}
        </Badge>
      ) : null}
      {item.isRestricted ? (
        <Badge color="orange" variant="outline">
          {t('xb.restricted')}
        </Badge>
      ) : null}
      {item.pendingMessages > 0 ? (
        <Badge color="yellow" variant="dot" data-testid="xb-pending">
          {t('xb.pendingMessages', { count: item.pendingMessages })}
        </Badge>
      ) : null}
    </Group>
  );
}
