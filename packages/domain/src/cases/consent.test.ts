import { describe, expect, it } from 'vitest';
import {
  type ConsentLike,
  ConsentRecordInputSchema,
  consentCovers,
  consentPurposeForAgency,
} from './consent';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function grant(over: Partial<ConsentLike> = {}): ConsentLike {
  return {
    purpose: 'Services',
    isGranted: true,
    recipients: [],
    givenOn: '2026-01-01',
    expiresOn: null,
    withdrawnAt: null,
    ...over,
  };
}

describe(consentCovers.name, () => {
  it('covers any recipient when the consent names none', () => {
    expect(consentCovers([grant()], 'Services', A, '2026-02-01')).toBe(true);
  });
  it('covers only the named recipients', () => {
    const c = [grant({ recipients: [A] })];
    expect(consentCovers(c, 'Services', A, '2026-02-01')).toBe(true);
    expect(consentCovers(c, 'Services', B, '2026-02-01')).toBe(false);
  });
  it('does not cover another purpose', () => {
    expect(consentCovers([grant()], 'SharePolice', A, '2026-02-01')).toBe(false);
  });
  it('honours expiry (inclusive) and the given date', () => {
    const c = [grant({ expiresOn: '2026-01-31' })];
    expect(consentCovers(c, 'Services', A, '2026-01-31')).toBe(true);
    expect(consentCovers(c, 'Services', A, '2026-02-01')).toBe(false);
    expect(consentCovers([grant({ givenOn: '2026-03-01' })], 'Services', A, '2026-02-01')).toBe(
      false,
    );
  });
  it('ignores withdrawn consents and refusals', () => {
    expect(
      consentCovers([grant({ withdrawnAt: '2026-01-05T00:00:00Z' })], 'Services', A, '2026-02-01'),
    ).toBe(false);
    expect(consentCovers([grant({ isGranted: false })], 'Services', A, '2026-02-01')).toBe(false);
  });
  it('lets a later refusal override an earlier grant', () => {
    const c = [grant(), grant({ isGranted: false, givenOn: '2026-01-10' })];
    expect(consentCovers(c, 'Services', A, '2026-02-01')).toBe(false);
  });
  it('matches countries for ShareCountry', () => {
    const c = [grant({ purpose: 'ShareCountry', recipients: ['KH'] })];
    expect(consentCovers(c, 'ShareCountry', 'KH', '2026-02-01')).toBe(true);
    expect(consentCovers(c, 'ShareCountry', 'MM', '2026-02-01')).toBe(false);
  });
});

describe('ConsentRecordInputSchema', () => {
  it('checks recipients by purpose and the expiry order', () => {
    const base = { isGranted: true, givenOn: '2026-01-01', explainedIn: 'th' };
    expect(
      ConsentRecordInputSchema.safeParse({ ...base, purpose: 'ShareCountry', recipients: ['KH'] })
        .success,
    ).toBe(true);
    expect(
      ConsentRecordInputSchema.safeParse({ ...base, purpose: 'Services', recipients: ['KH'] })
        .success,
    ).toBe(false);
    expect(
      ConsentRecordInputSchema.safeParse({ ...base, purpose: 'Services', expiresOn: '2025-12-31' })
        .success,
    ).toBe(false);
  });
});

describe(consentPurposeForAgency.name, () => {
  it('asks SharePolice for law enforcement', () => {
    expect(consentPurposeForAgency('law_enforcement')).toBe('SharePolice');
    expect(consentPurposeForAgency('shelter')).toBe('Services');
  });
});
