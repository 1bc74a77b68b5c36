import type { ReactElement } from 'react';

export type CaseHistoryPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseHistoryPanel(_props: CaseHistoryPanelProps): ReactElement {
  return <div data-testid="CaseHistoryPanel" />;
}
