import { describe, expect, it } from 'vitest';
import {
  FollowUpRecordInputSchema,
  followUpIsOverdue,
  followUpSchedule,
  ReintegrationInputSchema,
} from './follow-up';

describe(followUpSchedule.name, () => {
  it('schedules at 3, 6 and 12 months by default', () => {
    expect(followUpSchedule('2026-01-31')).toEqual([
      { monthsAfter: 3, scheduledOn: '2026-04-30' },
      { monthsAfter: 6, scheduledOn: '2026-07-31' },
      { monthsAfter: 12, scheduledOn: '2027-01-31' },
    ]);
    expect(followUpSchedule('2026-01-15', [1, 24]).map((f) => f.scheduledOn)).toEqual([
      '2026-02-15',
      '2028-01-15',
    ]);
  });
  it('flags overdue follow-ups only when not done', () => {
    expect(followUpIsOverdue({ scheduledOn: '2026-01-01', doneOn: null }, '2026-01-02')).toBe(true);
    expect(
      followUpIsOverdue({ scheduledOn: '2026-01-01', doneOn: '2026-01-03' }, '2026-02-01'),
    ).toBe(false);
    expect(followUpIsOverdue({ scheduledOn: '2026-01-01', doneOn: null }, '2026-01-01')).toBe(
      false,
    );
  });
  it('validates inputs', () => {
    expect(ReintegrationInputSchema.parse({ date: '2026-01-01' }).months).toEqual([3, 6, 12]);
    expect(ReintegrationInputSchema.safeParse({ date: '2026-02-30' }).success).toBe(false);
    expect(
      FollowUpRecordInputSchema.safeParse({
        doneOn: '2026-01-01',
        method: 'Fax',
        wellbeing: 'Good',
      }).success,
    ).toBe(false);
  });
});
