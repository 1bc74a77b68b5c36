import type { ScreeningDetail } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { TOUCH_TARGET_PX } from './IndicatorGroup';
import { localInputToIso } from './local-time';
import { ScreeningForm } from './ScreeningForm';
import { emptyScreeningForm, screeningPayload } from './screening-form-values';

type Sent = { url: string; method: string; body: unknown };

function stubApi(sent: Sent[] = []): void {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url, 'http://x').pathname;
    if (init?.method === 'POST' && path === '/api/screenings') {
      const body = JSON.parse(String(init.body));
      sent.push({ url: path, method: 'POST', body });
      return new Response(JSON.stringify({ ...body, id: 's1' } as Partial<ScreeningDetail>), {
        status: 201,
      });
    }
    const items =
      path === '/api/reference/countries'
        ? [{ code: 'MM', name: 'Myanmar', names: {}, alpha3: 'MMR' }]
        : [];
    return new Response(JSON.stringify({ items, total: items.length, page: 1, pageSize: 200 }), {
      status: 200,
    });
  });
}

/** Phone-sized viewport: what the layout must hold on. */
function phone(): void {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: 375 });
  window.dispatchEvent(new Event('resize'));
}

describe(ScreeningForm.name, () => {
  it('works on a 375 px screen: one column, large targets, save bar in view', async () => {
    phone();
    stubApi();
    renderWithProviders(<ScreeningForm onSaved={() => {}} />);
    await screen.findByTestId('screening-form');
    expect(window.innerWidth).toBe(375);
    // Every indicator checkbox row is at least a thumb high.
    const act = screen.getByTestId('group-actIndicators');
    const boxes = act.querySelectorAll('input[type="checkbox"]');
    expect(boxes.length).toBe(5);
    for (const box of boxes) {
      const root = box.closest('.mantine-Checkbox-root') as HTMLElement | null;
      expect(root?.style.minHeight).toBe(`${TOUCH_TARGET_PX}px`);
    }
    // The save bar sticks to the bottom of the viewport and its button spans the width.
    const bar = screen.getByTestId('screening-save-bar');
    expect(bar.style.position).toBe('sticky');
    expect(bar.style.bottom).toBe('0px');
    const save = screen.getByRole('button', { name: 'Save screening' });
    expect(save.hasAttribute('data-block')).toBe(true);
    expect(save.style.minHeight).toBe(`${TOUCH_TARGET_PX}px`);
    // Indicator groups are one column below the `sm` breakpoint (Mantine SimpleGrid base: 1).
    const grid = act.querySelector('.mantine-SimpleGrid-root') as HTMLElement | null;
    expect(grid).toBeTruthy();
    // Every control is a native form control with a label, so the form works from the keyboard.
    expect(screen.getByLabelText('Recruitment')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Not a victim' })).toBeTruthy();
  });

  it('shows the assessment live: a child needs no means', async () => {
    stubApi();
    renderWithProviders(<ScreeningForm onSaved={() => {}} />);
    fireEvent.click(await screen.findByLabelText('The person is a child (under 18)'));
    fireEvent.click(screen.getByLabelText('Recruitment'));
    fireEvent.click(screen.getByLabelText('Forced begging'));
    await waitFor(() =>
      expect(screen.getByTestId('screening-assessment').textContent).toContain(
        'All required elements are met.',
      ),
    );
    expect(screen.getByTestId('assessment-means').textContent).toContain('not required');
    expect(screen.getByTestId('screening-assessment').textContent).toContain(
      'Suggested outcome: Victim of trafficking',
    );
  });

  it('hides and drops the name and notes for "not a victim", then saves', async () => {
    const sent: Sent[] = [];
    stubApi(sent);
    const onSaved = vi.fn();
    renderWithProviders(<ScreeningForm onSaved={onSaved} />);
    fireEvent.change(await screen.findByLabelText('Name as given'), {
      target: { value: 'Somebody' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Not a victim' }));
    expect(await screen.findByTestId('screening-minimal')).toBeTruthy();
    expect(screen.queryByLabelText('Name as given')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save screening' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent[0]?.body).toMatchObject({ outcome: 'NotAVictim', isChild: false });
    expect(sent[0]?.body).not.toHaveProperty('personName');
    expect(sent[0]?.body).not.toHaveProperty('notes');
  });

  it('warns when "victim of trafficking" lacks an element and does not send it', async () => {
    const sent: Sent[] = [];
    stubApi(sent);
    renderWithProviders(<ScreeningForm onSaved={() => {}} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Victim of trafficking' }));
    expect(await screen.findByTestId('screening-conflict')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save screening' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]);
  });
});

describe(screeningPayload.name, () => {
  it('converts the form to the API shape', () => {
    const v = {
      ...emptyScreeningForm(new Date(2026, 11, 1, 9, 30)),
      ageEstimate: '15',
      isChild: true,
      outcome: 'Possible' as const,
      notes: '  ',
    };
    expect(screeningPayload(v)).toMatchObject({
      screenedAt: localInputToIso('2026-12-01T09:30'),
      ageEstimate: 15,
      notes: undefined,
      outcome: 'Possible',
    });
  });
});
