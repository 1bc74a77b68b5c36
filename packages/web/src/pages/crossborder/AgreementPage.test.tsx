import {
  type AgreementDetail,
  DEFAULT_SHARING_POLICY,
  type Permission,
  type SessionInfo,
  type User,
} from '@ctip/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { diffPolicies, isNoChange } from '../../components/crossborder/agreement/policy-diff';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { AgreementPage } from './AgreementPage';
import { AgreementsPage } from './AgreementsPage';

const me: User = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'th.admin',
  displayName: 'Thai administrator',
  email: null,
  agencyId: '00000000-0000-4000-8000-0000000000a1',
  agencyName: 'MSDHS',
  countryCode: 'TH',
  roleIds: [],
  roleKeys: ['national_admin'],
  locale: 'en',
  calendar: 'gregory',
  isDisabled: false,
  hasMfa: true,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

function session(actions: Permission['action'][]) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: me,
    permissions: actions.map((action) => ({ resource: 'agreement', action, scope: 'country' })),
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-01T00:00:00Z',
  });
  return queryClient;
}

const ID = '00000000-0000-4000-8000-0000000000d1';
const draftPolicy = {
  ...DEFAULT_SHARING_POLICY,
  fields: DEFAULT_SHARING_POLICY.fields.filter((f) => f !== 'person.idDocumentNumber'),
  retentionDays: 180,
};
const agreement: AgreementDetail = {
  id: ID,
  code: 'MM-TH-2009-MOU-TIP',
  type: 'MoU',
  subject: 'Trafficking',
  title: 'MOU between Myanmar and Thailand on Cooperation to Combat Trafficking in Persons',
  status: 'Revising',
  parties: ['MM', 'TH'],
  signedOn: '2009-04-24',
  dateNote: null,
  place: null,
  periodFrom: null,
  periodTo: null,
  areas: null,
  meetingRhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
  reviewEveryMonths: 18,
  nextReviewOn: null,
  source: 'S004',
  revisions: [{ id: 'r1', revisedOn: null, note: 'mutual agreement on all provisions of draft' }],
  activePolicyVersion: 1,
  version: 1,
  updatedAt: '2026-12-01T00:00:00Z',
  policies: [
    {
      agreementId: ID,
      version: 2,
      status: 'Draft',
      policy: draftPolicy,
      createdAt: '2026-12-01T00:00:00Z',
      activatedAt: null,
    },
    {
      agreementId: ID,
      version: 1,
      status: 'Active',
      policy: DEFAULT_SHARING_POLICY,
      createdAt: '2026-11-01T00:00:00Z',
      activatedAt: '2026-11-01T00:00:00Z',
    },
  ],
};

function stubApi(posts: { url: string; body: unknown }[]) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname;
    if (init?.method === 'PATCH') {
      posts.push({ url: path, body: JSON.parse(String(init.body)) });
      return new Response(
        JSON.stringify({ error: { code: 'CONFLICT', message: 'changed by someone else' } }),
        { status: 409 },
      );
    }
    if (init?.method === 'POST') {
      posts.push({ url: path, body: init.body ? JSON.parse(String(init.body)) : null });
      return new Response(JSON.stringify(agreement.policies), { status: 200 });
    }
    if (path === '/api/agreements') {
      return new Response(JSON.stringify({ items: [agreement], total: 1, page: 1, pageSize: 25 }));
    }
    if (path === '/api/reference/countries') {
      const country = (code: string, name: string) => ({
        code,
        name,
        names: { en: name },
        isCommit: true,
      });
      return new Response(
        JSON.stringify({ items: [country('MM', 'Myanmar'), country('TH', 'Thailand')] }),
      );
    }
    if (path === '/api/border-points') {
      return new Response(JSON.stringify([]));
    }
    if (path === `/api/agreements/${ID}`) {
      return new Response(JSON.stringify(agreement));
    }
    return new Response(JSON.stringify([]));
  });
}

describe(diffPolicies.name, () => {
  it('names removed fields and the retention change; equal policies change nothing', () => {
    const c = diffPolicies(DEFAULT_SHARING_POLICY, draftPolicy);
    expect(c.removedFields).toEqual(['person.idDocumentNumber']);
    expect(c.retention).toEqual({ from: 365, to: 180 });
    expect(isNoChange(c)).toBe(false);
    expect(isNoChange(diffPolicies(DEFAULT_SHARING_POLICY, DEFAULT_SHARING_POLICY))).toBe(true);
  });
});

describe(AgreementsPage.name, () => {
  it('lists instruments with parties by name and the policy in force; offers registering', async () => {
    stubApi([]);
    renderWithProviders(<AgreementsPage />, { queryClient: session(['read', 'create']) });
    expect(await screen.findByText(agreement.title)).toBeTruthy();
    expect(screen.getByTestId('policy-badge').textContent).toContain('v1');
    expect(await screen.findByText('Myanmar – Thailand')).toBeTruthy();
    expect(screen.getByTestId('agreement-create')).toBeTruthy();
  });

  it('names the fields in error when registering and sends nothing', async () => {
    const posts: { url: string; body: unknown }[] = [];
    stubApi(posts);
    renderWithProviders(<AgreementsPage />, { queryClient: session(['read', 'create']) });
    fireEvent.click(await screen.findByTestId('agreement-create'));
    const form = await screen.findByTestId('agreement-form');
    fireEvent.change(within(form).getByLabelText(/^Code/), { target: { value: 'bad code' } });
    fireEvent.click(within(form).getByTestId('agreement-submit'));
    await waitFor(() =>
      expect(within(form).getAllByText('This field is required.').length).toBeGreaterThan(0),
    );
    const code = within(form).getByLabelText(/^Code/);
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toHaveLength(0);
  });
});

describe(AgreementPage.name, () => {
  it('shows the rhythm and the policy, and confirms what putting a draft in force changes', async () => {
    const posts: { url: string; body: unknown }[] = [];
    stubApi(posts);
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/agreements/:agreementId" element={<AgreementPage />} />
      </Routes>,
      {
        queryClient: session(['read', 'update', 'approve']),
        route: `/cross-border/agreements/${ID}`,
      },
    );
    expect((await screen.findByTestId('meeting-rhythm')).textContent).toContain('8 months');
    fireEvent.click(screen.getByRole('tab', { name: 'Sharing policy' }));
    expect(await screen.findByTestId('policy-view')).toBeTruthy();
    fireEvent.click(screen.getByTestId('policy-activate-2'));
    const dialog = await screen.findByTestId('activate-confirm');
    expect(dialog.textContent).toContain('version 1, in force now, becomes superseded');
    expect(dialog.textContent).toContain('Identity document number');
    expect(dialog.textContent).toContain('from 365 to 180 days');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Put version 2 in force' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]?.url).toBe(`/api/agreements/${ID}/policies/2/activate`);
  });

  it('hides putting in force without the approve permission', async () => {
    stubApi([]);
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/agreements/:agreementId" element={<AgreementPage />} />
      </Routes>,
      { queryClient: session(['read', 'update']), route: `/cross-border/agreements/${ID}` },
    );
    await screen.findByTestId('meeting-rhythm');
    fireEvent.click(screen.getByRole('tab', { name: 'Sharing policy' }));
    await screen.findByTestId('policy-view');
    expect(screen.queryByTestId('policy-activate-2')).toBeNull();
    expect(screen.getByTestId('policy-new-draft')).toBeTruthy();
  });

  it('drafts a new version from the one in force, naming the field in error', async () => {
    const posts: { url: string; body: unknown }[] = [];
    stubApi(posts);
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/agreements/:agreementId" element={<AgreementPage />} />
      </Routes>,
      { queryClient: session(['read', 'update']), route: `/cross-border/agreements/${ID}` },
    );
    await screen.findByTestId('meeting-rhythm');
    fireEvent.click(screen.getByRole('tab', { name: 'Sharing policy' }));
    fireEvent.click(await screen.findByTestId('policy-new-draft'));
    const purposes = await screen.findByTestId('policy-purposes');
    for (const box of within(purposes).getAllByRole('checkbox')) {
      if ((box as HTMLInputElement).checked) {
        fireEvent.click(box);
      }
    }
    fireEvent.click(screen.getByTestId('policy-save-draft'));
    expect(await within(purposes).findByText('This value is not valid.')).toBeTruthy();
    expect(posts).toHaveLength(0);
    fireEvent.click(within(purposes).getByRole('checkbox', { name: 'Investigation' }));
    fireEvent.click(screen.getByTestId('policy-save-draft'));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]?.url).toBe(`/api/agreements/${ID}/policies`);
    expect(posts[0]?.body).toMatchObject({
      policy: { purposes: ['Investigation'], retentionDays: 365, onwardSharing: false },
    });
  });

  it('edits the details with the version read and shows a conflict when it is stale', async () => {
    const posts: { url: string; body: unknown }[] = [];
    stubApi(posts);
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/agreements/:agreementId" element={<AgreementPage />} />
      </Routes>,
      { queryClient: session(['read', 'update']), route: `/cross-border/agreements/${ID}` },
    );
    await screen.findByTestId('meeting-rhythm');
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('agreement-edit-form');
    fireEvent.change(within(form).getByLabelText(/^Place/), { target: { value: 'Yangon' } });
    fireEvent.click(within(form).getByTestId('agreement-edit-submit'));
    expect(await within(form).findByText('This conflicts with existing data.')).toBeTruthy();
    expect(posts[0]).toMatchObject({
      url: `/api/agreements/${ID}`,
      body: {
        version: 1,
        place: 'Yangon',
        status: 'Revising',
        meetingRhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
      },
    });
  });
});
