import { Badge } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerHealthState } from './federation.api';

const COLOURS: Record<PeerHealthState, string> = {
  healthy: 'green',
  degraded: 'yellow',
  down: 'red',
  inactive: 'gray',
  unknown: 'gray',
};

/** A peer's state, coloured: healthy green, degraded yellow, down red. */
export function HealthBadge({ state }: { state: PeerHealthState }): ReactElement {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOURS[state]}
      variant={state === 'unknown' ? 'outline' : 'light'}
      data-testid={`health-${state}`}
    >
      {t(`federation.health.${state}`)}
    </Badge>
  );
}
