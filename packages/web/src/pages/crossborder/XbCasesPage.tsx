import type { ReactElement } from 'react';
import { ModulePage } from '../ModulePage';

/** Placeholder until the cross-border area lands this page. */
export function XbCasesPage(): ReactElement {
  return <ModulePage moduleKey="cross_border" />;
}
