import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n/i18n';
import '../../../test/render';
import { displayYear, periodShortText, periodText } from './labels';
import { defaultPeriod } from './PeriodPicker';

const t = i18n.t.bind(i18n);

describe(periodText.name, () => {
  it('names a fiscal year by the year it ends in, in the user’s calendar', () => {
    expect(periodText(t, '2014Oct', 'en', 'gregory')).toMatch(/^FY 2015 \(Oct 2014.Sep 2015\)$/);
    // Thai budget year 2558 (BE) = 1 October 2014 – 30 September 2015.
    expect(periodText(t, '2014Oct', 'en', 'buddhist')).toMatch(/^FY 2558 /);
    expect(periodText(t, '2024', 'en', 'buddhist')).toBe('2567');
    expect(periodText(t, '2024Q1', 'en', 'gregory')).toBe('Q1 2024');
    expect(periodText(t, '202403', 'en', 'gregory')).toBe('March 2024');
    expect(periodShortText(t, '202403', 'en', 'gregory')).toBe('Mar');
    expect(displayYear(2026, 'buddhist')).toBe(2569);
  });
});

describe(defaultPeriod.name, () => {
  it('starts on the latest finished period of the type', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(defaultPeriod('Yearly', now)).toBe('2025');
    expect(defaultPeriod('Quarterly', now)).toBe('2026Q3');
    expect(defaultPeriod('Monthly', now)).toBe('202611');
    // Thai fiscal year Oct 2025 – Sep 2026 has ended by December 2026.
    expect(defaultPeriod('FinancialYear', now, 10)).toBe('2025Oct');
  });
});
