import type { ReactElement } from 'react';

export type CaseNotesPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseNotesPanel(_props: CaseNotesPanelProps): ReactElement {
  return <div data-testid="CaseNotesPanel" />;
}
