import type { CaseDetail, SessionInfo } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CaseOverviewPanel } from './CaseOverviewPanel';

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const USER = '00000000-0000-4000-8000-000000000001';
const CASE: CaseDetail = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'KH-2026-000004',
  status: 'Active',
  identificationStatus: 'Identified',
  gender: 'Female',
  ageAtIdentification: 24,
  isChild: false,
  nationality: 'KH',
  formsOfExploitation: ['ForcedMarriage'],
  isCrossBorder: true,
  countryCode: 'KH',
  agencyId: AGENCY,
  agencyName: 'MoSVY',
  ownerUserId: USER,
  ownerName: 'Case Worker',
  createdAt: '2026-11-02T03:00:00Z',
  version: 3,
  personId: '00000000-0000-4000-8000-0000000000p1'.replace('p', 'b'),
  person: {
    givenName: 'Srey Pov',
    familyName: 'Keo',
    otherNames: null,
    birthDate: '2001-11-30',
    birthYear: 2001,
    idDocumentNumber: null,
    contact: null,
    gender: 'Female',
    nationality: 'KH',
    ethnicity: null,
  },
  victim: {
    identificationStatus: 'Identified',
    identifiedByAgencyId: null,
    identificationDate: '2026-09-15',
    formsOfExploitation: ['ForcedMarriage'],
    recruitmentMethods: ['InternationalMarriageBroker'],
    recruitmentApps: [],
    methodsOfControl: [],
    labourExploitationTypes: [],
    labourIndustries: [],
    sexExploitationTypes: [],
    exploitationApps: [],
    vulnerabilities: ['Poverty'],
    vulnerabilityDetails: null,
    countryOfExploitation: 'CN',
    agreementToManagePersonalData: false,
  },
  reasonForClosure: null,
  reintegratedOn: null,
  closedAt: null,
  isRestricted: false,
  updatedAt: '2026-11-02T03:00:00Z',
  linkedCases: [],
};

function session() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(SESSION_QUERY_KEY, {
    user: {
      id: USER,
      username: 'kh.caseworker',
      displayName: 'Case Worker',
      email: null,
      agencyId: AGENCY,
      agencyName: 'MoSVY',
      countryCode: 'KH',
      roleIds: [],
      roleKeys: ['case_worker'],
      locale: 'en',
      calendar: 'gregory',
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions: [
      { resource: 'case', action: 'read', scope: 'agency' },
      { resource: 'case', action: 'update', scope: 'agency' },
    ],
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  } as SessionInfo);
  return queryClient;
}

describe(CaseOverviewPanel.name, () => {
  it('sends only the fields the user changed, at the version shown', async () => {
    const patches: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === `/api/cases/${CASE.id}` && init?.method === 'PATCH') {
        patches.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify({ ...CASE, version: 4 }));
      }
      if (path === `/api/cases/${CASE.id}`) {
        return new Response(JSON.stringify(CASE));
      }
      return new Response(JSON.stringify({ items: [] }));
    });
    renderWithProviders(<CaseOverviewPanel caseId={CASE.id} />, { queryClient: session() });
    fireEvent.click(await screen.findByTestId('case-edit'));
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: 'Keo Sok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({ version: 3, person: { familyName: 'Keo Sok' } });
  });
});
