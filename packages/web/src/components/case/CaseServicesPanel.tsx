import type { ReactElement } from 'react';

export type CaseServicesPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseServicesPanel(_props: CaseServicesPanelProps): ReactElement {
  return <div data-testid="CaseServicesPanel" />;
}
