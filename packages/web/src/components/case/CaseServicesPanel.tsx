import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useCaseQuery } from '../../api/cases.api';
import { protectionApi } from '../../api/protection.api';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { FundPaymentsSection } from '../ProtectionServices/FundPaymentsSection';
import { ServicesSection } from '../ProtectionServices/ServicesSection';
import { ShelterStaysSection } from '../ProtectionServices/ShelterStaysSection';
import { SupportPlanSection } from '../ProtectionServices/SupportPlanSection';

export type CaseServicesPanelProps = { caseId: string };

/** Whether the caller may change this case (the server decides; this only hides the forms). */
export function useCanUpdateCase(caseId: string): { canEdit: boolean; countryCode?: string } {
  const can = useCan();
  const detail = useCaseQuery(caseId);
  const c = detail.data;
  return c
    ? {
        canEdit: can('update', 'case', {
          ownerUserId: c.ownerUserId,
          agencyId: c.agencyId,
          countryCode: c.countryCode,
        }),
        countryCode: c.countryCode,
      }
    : { canEdit: can('update', 'case') };
}

/** Tab of the case page: support plan, services, shelter stays and fund payments. */
export function CaseServicesPanel({ caseId }: CaseServicesPanelProps): ReactElement {
  const { canEdit, countryCode } = useCanUpdateCase(caseId);
  const services = useQuery({
    queryKey: ['case-services', caseId],
    queryFn: () => protectionApi.services(caseId),
  });
  const plans = services.data?.plans ?? [];
  const activePlan = plans.find((p) => p.status === 'Active') ?? null;
  return (
    <Stack data-testid="CaseServicesPanel">
      <ErrorAlert error={services.error} />
      <SupportPlanSection caseId={caseId} plans={plans} canEdit={canEdit} />
      <ServicesSection
        caseId={caseId}
        planId={activePlan?.id ?? null}
        services={services.data?.services ?? []}
        canEdit={canEdit}
      />
      <ShelterStaysSection caseId={caseId} canEdit={canEdit} />
      <FundPaymentsSection caseId={caseId} countryCode={countryCode} canEdit={canEdit} />
    </Stack>
  );
}
