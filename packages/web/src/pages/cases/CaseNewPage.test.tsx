import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CaseNewPage } from './CaseNewPage';

// happy-dom has no FontFaceSet; Mantine's autosizing textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const DUPLICATE = {
  caseId: '00000000-0000-4000-8000-0000000000c1',
  code: 'TH-2026-000007',
  reasons: ['name_dob'],
};

describe(CaseNewPage.name, () => {
  it('shows proposed duplicates by code, keeps what was typed, and can create anyway', async () => {
    const bodies: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === '/api/cases' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as Record<string, unknown>;
        bodies.push(body);
        return body.ignoreDuplicates
          ? new Response(JSON.stringify({ id: 'new', code: 'TH-2026-000008' }), { status: 201 })
          : new Response(
              JSON.stringify({
                error: { code: 'CONFLICT', message: 'x', details: { duplicates: [DUPLICATE] } },
              }),
              { status: 409 },
            );
      }
      return new Response(JSON.stringify({ items: [] }), { status: 200 });
    });
    renderWithProviders(<CaseNewPage />, { route: '/cases/new' });

    const given = screen.getByLabelText('Given name') as HTMLInputElement;
    fireEvent.change(given, { target: { value: 'Somchai' } });
    fireEvent.click(screen.getByTestId('case-create-submit'));

    expect(await screen.findByTestId('case-duplicates')).toBeTruthy();
    expect(screen.getByText('TH-2026-000007')).toBeTruthy();
    expect(screen.getByText('Same name and birth date')).toBeTruthy();
    expect((screen.getByLabelText('Given name') as HTMLInputElement).value).toBe('Somchai');
    expect(bodies[0]?.person).toMatchObject({ givenName: 'Somchai' });

    fireEvent.click(screen.getByTestId('case-create-anyway'));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]?.ignoreDuplicates).toBe(true);
  });

  it('puts a server error on the field it names and keeps the input', async () => {
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) =>
      new URL(url, 'http://x').pathname === '/api/cases' && init?.method === 'POST'
        ? new Response(
            JSON.stringify({
              error: { code: 'INVALID_INPUT', message: 'x', field: 'person.birthDate' },
            }),
            { status: 400 },
          )
        : new Response(JSON.stringify({ items: [] }), { status: 200 }),
    );
    renderWithProviders(<CaseNewPage />, { route: '/cases/new' });
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: 'Keo' } });
    fireEvent.click(screen.getByTestId('case-create-submit'));
    await waitFor(() =>
      expect(screen.getByLabelText('Date of birth').getAttribute('aria-invalid')).toBe('true'),
    );
    expect((screen.getByLabelText('Family name') as HTMLInputElement).value).toBe('Keo');
  });
});
