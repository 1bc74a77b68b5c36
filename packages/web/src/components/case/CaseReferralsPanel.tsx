import type { ReactElement } from 'react';

export type CaseReferralsPanelProps = { caseId: string };

/** Tab of the case page (filled in by its area). */
export function CaseReferralsPanel(_props: CaseReferralsPanelProps): ReactElement {
  return <div data-testid="CaseReferralsPanel" />;
}
