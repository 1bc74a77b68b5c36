import type { ReactElement } from 'react';

/** Page of the cases module (filled in by its area). */
export function HotlinePage(): ReactElement {
  return <div data-testid="HotlinePage" />;
}
