import type { ReactElement } from 'react';

export type CaseRightsPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseRightsPanel(_props: CaseRightsPanelProps): ReactElement {
  return <div data-testid="CaseRightsPanel" />;
}
