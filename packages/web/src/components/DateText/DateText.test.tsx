import type { Calendar, SessionInfo } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { formatDisplayDate } from '../../i18n/dates';
import { i18n } from '../../i18n/i18n';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { DateText } from './DateText';

function clientWithCalendar(calendar: Calendar) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<Partial<SessionInfo>>(SESSION_QUERY_KEY, {
    stage: 'complete',
    csrfToken: 'x',
    permissions: [],
    user: { calendar, locale: 'en' } as SessionInfo['user'],
  });
  return queryClient;
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('formatDisplayDate', () => {
  it('shows Buddhist Era years (2569 for 2026)', () => {
    const text = formatDisplayDate('2026-03-05T10:00:00Z', { locale: 'en', calendar: 'buddhist' });
    expect(text).toContain('2569');
    expect(text).not.toContain('2026');
  });

  it('shows Gregorian years by default', () => {
    const text = formatDisplayDate('2026-03-05T10:00:00Z', { locale: 'en', calendar: 'gregory' });
    expect(text).toContain('2026');
  });

  it('shows Buddhist Era years in Thai', () => {
    const text = formatDisplayDate('2026-03-05T10:00:00Z', { locale: 'th', calendar: 'buddhist' });
    expect(text).toContain('2569');
  });

  it('gives an empty string for missing or invalid dates', () => {
    expect(formatDisplayDate(null, { locale: 'en', calendar: 'gregory' })).toBe('');
    expect(formatDisplayDate('not a date', { locale: 'en', calendar: 'gregory' })).toBe('');
  });
});

describe(DateText.name, () => {
  it("uses the user's Buddhist calendar", () => {
    renderWithProviders(<DateText value="2026-11-23T08:30:00Z" data-testid="d" />, {
      queryClient: clientWithCalendar('buddhist'),
    });
    const el = screen.getByTestId('d');
    expect(el.textContent).toContain('2569');
    expect(el.getAttribute('datetime')).toBe('2026-11-23T08:30:00Z');
  });

  it("uses the user's Gregorian calendar", () => {
    renderWithProviders(<DateText value="2026-11-23T08:30:00Z" data-testid="d" />, {
      queryClient: clientWithCalendar('gregory'),
    });
    expect(screen.getByTestId('d').textContent).toContain('2026');
  });

  it('shows the empty text when there is no date', () => {
    renderWithProviders(<DateText value={null} empty="never" data-testid="d" />, {
      queryClient: clientWithCalendar('gregory'),
    });
    expect(screen.getByTestId('d').textContent).toBe('never');
  });
});
