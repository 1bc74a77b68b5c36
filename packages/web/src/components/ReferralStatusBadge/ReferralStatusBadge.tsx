import type { ReferralStatus } from '@ctip/domain';
import { Badge, Group } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ReferralStatus, string> = {
  InProgress: 'blue',
  Accepted: 'teal',
  Rejected: 'orange',
  Revoked: 'gray',
  Done: 'green',
};

/** A referral's status, with an "overdue" badge when it is past due and still open. */
export function ReferralStatusBadge({
  status,
  isOverdue = false,
}: {
  status: ReferralStatus;
  isOverdue?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLORS[status]} miw="max-content">
        {t(`referrals.status.${status}`)}
      </Badge>
      {isOverdue ? (
        <Badge color="red" variant="filled" miw="max-content" data-testid="overdue-badge">
          {t('referrals.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}
