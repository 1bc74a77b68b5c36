import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { HotlineCallForm } from './HotlineCallForm';

type Sent = { path: string; body: Record<string, unknown> };

function stubApi(sent: Sent[]): void {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname;
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      sent.push({ path, body });
      return new Response(JSON.stringify({ ...body, id: 'c1' }), { status: 201 });
    }
    const items =
      path === '/api/reference/languages'
        ? [
            { code: 'th', name: 'Thai', nativeName: 'ไทย' },
            { code: 'my', name: 'Burmese', nativeName: 'မြန်မာ' },
          ]
        : [];
    return new Response(JSON.stringify({ items }), { status: 200 });
  });
}

describe(HotlineCallForm.name, () => {
  it('starts with sensible defaults and focus on the category', async () => {
    stubApi([]);
    renderWithProviders(<HotlineCallForm defaultLanguage="th" onSaved={() => {}} />);
    const category = (await screen.findByLabelText(/Category/)) as HTMLSelectElement;
    expect(document.activeElement).toBe(category);
    expect((screen.getByLabelText('Channel') as HTMLSelectElement).value).toBe('Phone');
    expect((screen.getByLabelText('Urgency') as HTMLSelectElement).value).toBe('Medium');
    await waitFor(() =>
      expect((screen.getByLabelText(/Language/) as HTMLSelectElement).value).toBe('th'),
    );
    const received = screen.getByLabelText(/Received/) as HTMLInputElement;
    expect(received.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('logs a call with Ctrl+Enter, in seconds, then clears for the next call', async () => {
    const sent: Sent[] = [];
    stubApi(sent);
    const onSaved = vi.fn();
    renderWithProviders(<HotlineCallForm defaultLanguage="th" onSaved={onSaved} />);
    const category = await screen.findByLabelText(/Category/);
    fireEvent.change(category, { target: { value: 'LabourRights' } });
    fireEvent.change(screen.getByLabelText('Duration (minutes)'), { target: { value: '2.5' } });
    fireEvent.change(screen.getByLabelText(/Summary/), { target: { value: 'Unpaid wages' } });
    fireEvent.keyDown(category, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent[0]?.path).toBe('/api/hotline/calls');
    expect(sent[0]?.body).toMatchObject({
      category: 'LabourRights',
      channel: 'Phone',
      urgency: 'Medium',
      language: 'th',
      durationSeconds: 150,
      summary: 'Unpaid wages',
    });
    await waitFor(() => expect((category as HTMLSelectElement).value).toBe(''));
  });

  it('refuses to log a call without a category', async () => {
    const sent: Sent[] = [];
    stubApi(sent);
    renderWithProviders(<HotlineCallForm defaultLanguage="en" onSaved={() => {}} />);
    fireEvent.click(await screen.findByTestId('hotline-save'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
