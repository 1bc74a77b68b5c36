import type { ReactElement } from 'react';

export type CaseEventsPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseEventsPanel(_props: CaseEventsPanelProps): ReactElement {
  return <div data-testid="CaseEventsPanel" />;
}
