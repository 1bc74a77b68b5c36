import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n/i18n';
import '../../../test/render';
import { makeStatLabels } from './labels';

const country = (c: string) => `C:${c}`;

describe(makeStatLabels.name, () => {
  it('writes years, quarters and fiscal years in the Buddhist Era when the user chose it', () => {
    const be = makeStatLabels(i18n.t, 'en', 'buddhist', country);
    expect(be.period('2012')).toContain('2555');
    expect(be.period('2012Q3')).toMatch(/^Q3 2555/);
    // A fiscal year is named by the year it ends in (Thai budget year 2015 = BE 2558).
    expect(be.period('2014Oct')).toMatch(/^FY 2558.*\(Oct–Sep\)$/);
    const ce = makeStatLabels(i18n.t, 'en', 'gregory', country);
    expect(ce.period('2012')).toBe('2012');
    expect(ce.period('2014Oct')).toBe('FY 2015 (Oct–Sep)');
  });

  it('names options by axis: totals, countries, the region, translated codes', () => {
    const l = makeStatLabels(i18n.t, 'en', 'gregory', country);
    expect(l.option('sex', '')).toBe('Total');
    expect(l.option('sex', 'F')).toBe('Female');
    expect(l.option('age_group', 'U18')).toBe('Under 18');
    expect(l.option('country_to', 'TH')).toBe('C:TH');
    expect(l.option('country', 'XR')).toBe('Mekong region (all six countries)');
    expect(l.option('period', '2024')).toBe('2024');
    expect(l.element('VICTIMS_IDENTIFIED')).toBe('Victims identified');
    expect(l.element('CUSTOM_ONE')).toBe('CUSTOM_ONE');
  });

  it('formats numbers for the locale', () => {
    expect(makeStatLabels(i18n.t, 'en', 'gregory', country).number(12345.678, 2)).toBe('12,345.68');
    expect(makeStatLabels(i18n.t, 'vi', 'gregory', country).number(12345)).toBe('12.345');
  });

  it('reads in Thai once the Thai catalogue is loaded', async () => {
    await i18n.changeLanguage('th');
    try {
      const l = makeStatLabels(i18n.t, 'th', 'buddhist', country);
      expect(l.element('VICTIMS_IDENTIFIED')).toBe('ผู้เสียหายที่ได้รับการคัดแยก');
      expect(l.period('2012')).toContain('2555');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
