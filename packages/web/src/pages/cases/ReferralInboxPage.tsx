import type { ReactElement } from 'react';

/** Page of the cases module (filled in by its area). */
export function ReferralInboxPage(): ReactElement {
  return <div data-testid="ReferralInboxPage" />;
}
