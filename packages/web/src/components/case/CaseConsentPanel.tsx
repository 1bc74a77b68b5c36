import type { ReactElement } from 'react';

export type CaseConsentPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseConsentPanel(_props: CaseConsentPanelProps): ReactElement {
  return <div data-testid="CaseConsentPanel" />;
}
