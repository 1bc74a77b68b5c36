import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ScreeningPage } from './ScreeningPage';

const CALL = '00000000-0000-4000-8000-0000000000c1';
const SCREENING = '00000000-0000-4000-8000-0000000000b1';

function stubApi(sent: unknown[]): void {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname;
    if (init?.method === 'POST' && path === '/api/screenings') {
      const body = JSON.parse(String(init.body));
      sent.push(body);
      return new Response(JSON.stringify({ ...body, id: SCREENING }), { status: 201 });
    }
    return new Response(JSON.stringify({ items: [] }), { status: 200 });
  });
}

describe(ScreeningPage.name, () => {
  it('saves without a case, then offers to open a case from the screening', async () => {
    const sent: Record<string, unknown>[] = [];
    stubApi(sent);
    renderWithProviders(<ScreeningPage />, { route: `/screenings/new?hotlineCallId=${CALL}` });
    expect(await screen.findByText('This screening follows a hotline call.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Cannot leave the workplace or home freely'));
    fireEvent.click(screen.getByRole('radio', { name: 'Possible victim' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save screening' }));
    const link = await screen.findByTestId('screening-open-case');
    expect(link.getAttribute('href')).toBe(`/cases/new?screeningId=${SCREENING}`);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ hotlineCallId: CALL, redFlags: ['CannotLeave'] });
    expect(screen.getByText('No case has been opened.')).toBeTruthy();
  });
});
