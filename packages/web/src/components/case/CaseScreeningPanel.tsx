import type { ReactElement } from 'react';

export type CaseScreeningPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseScreeningPanel(_props: CaseScreeningPanelProps): ReactElement {
  return <div data-testid="CaseScreeningPanel" />;
}
