import type { ReactElement } from 'react';

export type CaseOverviewPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseOverviewPanel(_props: CaseOverviewPanelProps): ReactElement {
  return <div data-testid="CaseOverviewPanel" />;
}
