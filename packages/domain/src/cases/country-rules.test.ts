import { describe, expect, it } from 'vitest';
import {
  type CountryRule,
  capMaxDays,
  capTimesPerYear,
  type DeadlineStepConfig,
  dateAddMonths,
  deadlineTasks,
  type FundEntitlementConfig,
  fundPaymentCheck,
  phaseMonths,
  type ShelterPhaseConfig,
  shelterPhase,
  timeLimitDays,
} from './country-rules';

const fund = (c: Partial<FundEntitlementConfig>): { config: FundEntitlementConfig } => ({
  config: {
    entitlement: 'Cost of living',
    amount: 3000,
    currency: 'THB',
    per: 'person',
    max_times_per_year: 3,
    max_days: null,
    cap_text_exact: '3,000 baht per person limited to 3 times a year',
    approval: 'Anti-Human Trafficking Fund Committee, case by case',
    ...c,
  },
});
const perDay = fund({
  entitlement: 'Compensation due to inability to work',
  amount: 300,
  per: 'day',
  max_times_per_year: null,
  max_days: 365,
  cap_text_exact: '300 baht per day limited to 1 year',
});

describe('parsing the source texts', () => {
  it('reads time limits in days', () => {
    expect(timeLimitDays('No longer than 1 week')).toBe(7);
    expect(timeLimitDays('In 15 Days')).toBe(15);
    expect(timeLimitDays('')).toBeNull();
    expect(timeLimitDays(null)).toBeNull();
  });
  it('reads caps', () => {
    expect(capTimesPerYear('3,000 baht per person limited to 3 times a year')).toBe(3);
    expect(capTimesPerYear('Limited to 20,000 baht')).toBeNull();
    expect(capMaxDays('300 baht per day limited to 1 year', 'day')).toBe(365);
    expect(capMaxDays('Limited to 20,000 baht', null)).toBeNull();
    expect(phaseMonths('0- 3 Month(s)')).toEqual([0, 3]);
    expect(phaseMonths('3- 6 Months')).toEqual([3, 6]);
  });
  it('adds months, clamping to the month end', () => {
    expect(dateAddMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(dateAddMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe(fundPaymentCheck.name, () => {
  it('allows the cap and refuses one baht more, naming the rule and its cap text', () => {
    expect(fundPaymentCheck(fund({}), [], { amount: 3000, paidOn: '2026-03-01' })).toEqual({
      ok: true,
      requiresApproval: false,
    });
    expect(fundPaymentCheck(fund({}), [], { amount: 3001, paidOn: '2026-03-01' })).toEqual({
      ok: false,
      violation: 'amount_cap',
      field: 'amount',
      message: 'Cost of living: 3,000 baht per person limited to 3 times a year',
    });
  });
  it('refuses a 4th payment in the calendar year, not in the next year', () => {
    const prior = ['2026-01-05', '2026-04-05', '2026-08-05'].map((paidOn) => ({
      amount: 1000,
      paidOn,
    }));
    expect(fundPaymentCheck(fund({}), prior, { amount: 100, paidOn: '2026-12-31' })).toMatchObject({
      ok: false,
      violation: 'times_per_year',
      field: 'entitlement',
    });
    expect(fundPaymentCheck(fund({}), prior, { amount: 100, paidOn: '2027-01-01' }).ok).toBe(true);
  });
  it('caps per-day compensation at rate × days and 365 days in total', () => {
    expect(fundPaymentCheck(perDay, [], { amount: 9000, days: 30, paidOn: '2026-01-01' }).ok).toBe(
      true,
    );
    expect(
      fundPaymentCheck(perDay, [], { amount: 9001, days: 30, paidOn: '2026-01-01' }),
    ).toMatchObject({ ok: false, violation: 'amount_cap' });
    expect(
      fundPaymentCheck(perDay, [{ amount: 1, days: 360, paidOn: '2025-01-01' }], {
        amount: 300,
        days: 6,
        paidOn: '2026-01-01',
      }),
    ).toMatchObject({
      ok: false,
      violation: 'max_days',
      field: 'days',
      message: 'Compensation due to inability to work: 300 baht per day limited to 1 year',
    });
    expect(fundPaymentCheck(perDay, [], { amount: 300, paidOn: '2026-01-01' })).toMatchObject({
      ok: false,
      violation: 'days_required',
    });
  });
  it('allows an uncapped entitlement but asks for the approval', () => {
    const open = fund({ amount: null, per: null, max_times_per_year: null });
    expect(fundPaymentCheck(open, [], { amount: 1_000_000, paidOn: '2026-01-01' })).toEqual({
      ok: true,
      requiresApproval: true,
    });
  });
});

const step = (n: number, days: number | null, appliesTo: 'all' | 'non_citizen') =>
  ({
    id: `r${n}`,
    key: `step_${n}`,
    sortOrder: n,
    config: {
      step_no: n,
      step: `Step ${n}`,
      time_limit_text: null,
      days,
      applies_to: appliesTo,
      applies_to_text: appliesTo,
    },
  }) satisfies CountryRule<DeadlineStepConfig>;
const TH_STEPS = [
  step(1, 7, 'all'),
  step(2, 7, 'non_citizen'),
  step(3, 15, 'all'),
  step(4, null, 'all'),
];

describe(deadlineTasks.name, () => {
  it('gives cumulative due dates, with the non-citizen step only for non-citizens', () => {
    expect(deadlineTasks(TH_STEPS, '2026-01-01', { isCitizen: false })).toEqual([
      { ruleId: 'r1', key: 'step_1', stepNo: 1, dueOn: '2026-01-08' },
      { ruleId: 'r2', key: 'step_2', stepNo: 2, dueOn: '2026-01-15' },
      { ruleId: 'r3', key: 'step_3', stepNo: 3, dueOn: '2026-01-30' },
      { ruleId: 'r4', key: 'step_4', stepNo: 4, dueOn: '2026-01-30' },
    ]);
    expect(
      deadlineTasks(TH_STEPS, '2026-01-01', { isCitizen: true }).map((t) => [t.key, t.dueOn]),
    ).toEqual([
      ['step_1', '2026-01-08'],
      ['step_3', '2026-01-23'],
      ['step_4', '2026-01-23'],
    ]);
  });
});

const phase = (n: number, from: number, to: number): CountryRule<ShelterPhaseConfig> => ({
  id: `p${n}`,
  key: `phase_${n}`,
  sortOrder: n,
  config: { phase: `${from}-${to}`, from_months: from, to_months: to, services: [`s${n}`] },
});

describe(shelterPhase.name, () => {
  const phases = [phase(2, 3, 6), phase(1, 0, 3)];
  it('finds the phase by whole months since admission', () => {
    expect(shelterPhase(phases, '2026-01-10', '2026-01-10')?.key).toBe('phase_1');
    expect(shelterPhase(phases, '2026-01-10', '2026-04-09')?.key).toBe('phase_1');
    expect(shelterPhase(phases, '2026-01-10', '2026-04-10')).toMatchObject({
      key: 'phase_2',
      services: ['s2'],
      endsOn: '2026-07-10',
      isPastLastPhase: false,
    });
    expect(shelterPhase(phases, '2026-01-10', '2026-09-01')).toMatchObject({
      key: 'phase_2',
      isPastLastPhase: true,
    });
    expect(shelterPhase(phases, '2026-01-10', '2026-01-09')).toBeNull();
  });
});
