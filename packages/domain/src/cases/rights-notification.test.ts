import { describe, expect, it } from 'vitest';
import { LOCALES } from '../reference/locales';
import {
  RIGHTS_FORM_TEXT,
  RightsNotificationInputSchema,
  rightsFormText,
} from './rights-notification';

describe('RIGHTS_FORM_TEXT', () => {
  it('has every field in all seven languages, six rights each', () => {
    const keys = (o: object): string[] => Object.keys(o).sort();
    for (const lng of LOCALES) {
      const t = RIGHTS_FORM_TEXT[lng];
      expect(keys(t)).toEqual(keys(RIGHTS_FORM_TEXT.en));
      expect(t.rights).toHaveLength(6);
      for (const value of Object.values(t)) {
        if (typeof value === 'string') {
          expect(value.trim().length).toBeGreaterThan(0);
        }
      }
      if (lng !== 'en') {
        expect(t.formTitle).not.toBe(RIGHTS_FORM_TEXT.en.formTitle);
      }
    }
    expect(rightsFormText('xx')).toBe(RIGHTS_FORM_TEXT.en);
  });
});

describe('RightsNotificationInputSchema', () => {
  const base = { place: 'Ranong', notifiedOn: '2026-12-01', language: 'my', acknowledged: true };
  it('needs a shelter when protection is wished and a reason when declined', () => {
    expect(
      RightsNotificationInputSchema.safeParse({ ...base, wishesProtection: true }).success,
    ).toBe(false);
    expect(
      RightsNotificationInputSchema.safeParse({
        ...base,
        wishesProtection: true,
        shelterName: 'WPC',
      }).success,
    ).toBe(true);
    expect(
      RightsNotificationInputSchema.safeParse({ ...base, wishesProtection: false }).success,
    ).toBe(false);
  });
});
