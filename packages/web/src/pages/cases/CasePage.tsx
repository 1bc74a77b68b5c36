import type { ReactElement } from 'react';

/** Page of the cases module (filled in by its area). */
export function CasePage(): ReactElement {
  return <div data-testid="CasePage" />;
}
