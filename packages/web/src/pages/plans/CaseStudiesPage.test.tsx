import type { CaseStudy, Permission } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CaseStudiesPage } from './CaseStudiesPage';

function caseStudy(over: Partial<CaseStudy>): CaseStudy {
  return {
    id: '00000000-0000-4000-8000-000000000201',
    frameworkId: 'SPA3',
    countryCode: 'TH',
    year: 2014,
    areaNodeId: null,
    areaCode: null,
    areaTitle: null,
    heading: 'VICTIM PROTECTION IN THE CRIMINAL JUSTICE RESPONSE',
    bodyEn: 'One of the key challenges in prosecuting perpetrators…',
    bodyLocal: null,
    localLang: null,
    attribution: null,
    status: 'Approved',
    isSeeded: true,
    version: 1,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
    ...over,
  };
}

const SEEDED = caseStudy({});
const SUBMITTED = caseStudy({
  id: '00000000-0000-4000-8000-000000000202',
  heading: 'Returning home with support',
  bodyEn: 'A provincial social worker accompanied the returnees.',
  bodyLocal: 'เจ้าหน้าที่สังคมสงเคราะห์จังหวัด',
  localLang: 'th',
  attribution: 'Provincial social worker, Thailand',
  status: 'Submitted',
  isSeeded: false,
  version: 3,
  year: 2013,
});

const FOCAL: Permission[] = (['read', 'create', 'update', 'export'] as const).map((action) => ({
  resource: 'plan',
  action,
  scope: 'country',
}));
const SECRETARIAT: Permission[] = (
  ['read', 'create', 'update', 'delete', 'approve', 'export'] as const
).map((action) => ({ resource: 'plan', action, scope: 'region' }));

function render(permissions: Permission[]) {
  const calls = stubApi([
    { method: 'GET', path: /^\/api\/plans\/case-studies$/, reply: () => [SEEDED, SUBMITTED] },
    {
      method: 'GET',
      path: /^\/api\/plans\/case-studies\/areas$/,
      reply: () => [
        {
          id: '00000000-0000-4000-8000-000000000301',
          frameworkId: 'SPA3',
          code: '3',
          title: 'Protection, Recovery & (Re)Integration',
        },
      ],
    },
    {
      method: 'POST',
      path: /^\/api\/plans\/case-studies$/,
      reply: (c) => ({ status: 201, body: caseStudy({ ...(c.body as object), status: 'Draft' }) }),
    },
    {
      method: 'POST',
      path: /^\/api\/plans\/case-studies\/[\w-]+\/(approve|return)$/,
      reply: () => ({ ...SUBMITTED, status: 'Approved', version: 4 }),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, permissions);
  renderWithProviders(<CaseStudiesPage />, { queryClient });
  return calls;
}

describe(CaseStudiesPage.name, () => {
  it('shows the no-victim warning and the texts side by side; a focal point cannot approve', async () => {
    render(FOCAL);
    expect(
      await screen.findByText('VICTIM PROTECTION IN THE CRIMINAL JUSTICE RESPONSE'),
    ).toBeTruthy();
    expect(screen.getByTestId('no-victim-warning').textContent).toMatch(/roles only/);
    const card = screen.getByTestId(`case-study-${SUBMITTED.id}`);
    expect(card.textContent).toContain('เจ้าหน้าที่สังคมสงเคราะห์จังหวัด');
    expect(card.textContent).toContain('Provincial social worker, Thailand');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getAllByText('A submitted or approved case study is read-only.')).toHaveLength(2);
  });

  it('the Secretariat approves a submitted case study at its version', async () => {
    const calls = render(SECRETARIAT);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/approve'))).toBe(true));
    const post = calls.find((c) => c.url.endsWith('/approve'));
    expect(post?.url).toContain(SUBMITTED.id);
    expect(post?.body).toEqual({ version: 3 });
  });

  it('returns only with a reason', async () => {
    const calls = render(SECRETARIAT);
    const returnButtons = await screen.findAllByRole('button', { name: 'Return to the country' });
    fireEvent.click(returnButtons[0] as HTMLElement);
    const submit = (await screen.findByTestId('return-submit')) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Reason for returning/), {
      target: { value: 'Say which province' },
    });
    fireEvent.click(submit);
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/return'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/return'))?.body).toEqual({
      version: 1,
      reason: 'Say which province',
    });
  });

  it('writes a draft only after confirming it names no victim', async () => {
    const calls = render(FOCAL);
    fireEvent.click(await screen.findByRole('button', { name: 'Write a case study' }));
    fireEvent.change(await screen.findByLabelText(/Heading/), {
      target: { value: 'Coming home' },
    });
    fireEvent.change(screen.getByLabelText(/Text \(English\)/), {
      target: { value: 'A social worker accompanied the returnees.' },
    });
    const save = screen.getByTestId('case-study-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I confirm the text names no victim or witness'));
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === '/api/plans/case-studies')).toBe(
        true,
      ),
    );
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/plans/case-studies');
    expect(post?.body).toMatchObject({
      frameworkId: 'SPA3',
      countryCode: 'TH',
      heading: 'Coming home',
      noVictimNames: true,
    });
  });
});
