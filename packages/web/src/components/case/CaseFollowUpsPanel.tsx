import type { ReactElement } from 'react';

export type CaseFollowUpsPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseFollowUpsPanel(_props: CaseFollowUpsPanelProps): ReactElement {
  return <div data-testid="CaseFollowUpsPanel" />;
}
