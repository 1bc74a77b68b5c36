import { describe, expect, it } from 'vitest';
import {
  ReferralCreateInputSchema,
  referralAllowedActions,
  referralDueDate,
  referralIsOverdue,
  referralNextStatus,
} from './referral';

describe(referralNextStatus.name, () => {
  it('follows InProgress → Accepted | Rejected | Revoked; Accepted → Done | Revoked', () => {
    expect(referralNextStatus('InProgress', 'accept')).toBe('Accepted');
    expect(referralNextStatus('InProgress', 'reject')).toBe('Rejected');
    expect(referralNextStatus('InProgress', 'revoke')).toBe('Revoked');
    expect(referralNextStatus('InProgress', 'complete')).toBeNull();
    expect(referralNextStatus('Accepted', 'complete')).toBe('Done');
    expect(referralNextStatus('Accepted', 'revoke')).toBe('Revoked');
    expect(referralNextStatus('Accepted', 'reject')).toBeNull();
    for (const final of ['Rejected', 'Revoked', 'Done'] as const) {
      for (const a of ['accept', 'reject', 'revoke', 'complete'] as const) {
        expect(referralNextStatus(final, a)).toBeNull();
      }
    }
  });
});

describe(referralAllowedActions.name, () => {
  it('gives the receiver accept/reject, then complete; the sender revoke', () => {
    expect(referralAllowedActions({ status: 'InProgress', kind: 'Refer' }, 'receiver')).toEqual([
      'accept',
      'reject',
    ]);
    expect(referralAllowedActions({ status: 'Accepted', kind: 'Refer' }, 'receiver')).toEqual([
      'complete',
    ]);
    expect(referralAllowedActions({ status: 'Accepted', kind: 'Transfer' }, 'receiver')).toEqual(
      [],
    );
    expect(referralAllowedActions({ status: 'InProgress', kind: 'Refer' }, 'sender')).toEqual([
      'revoke',
    ]);
  });
});

describe(referralIsOverdue.name, () => {
  it('is overdue only when open and past due', () => {
    expect(referralIsOverdue({ status: 'InProgress', dueOn: '2026-01-01' }, '2026-01-02')).toBe(
      true,
    );
    expect(referralIsOverdue({ status: 'Accepted', dueOn: '2026-01-02' }, '2026-01-02')).toBe(
      false,
    );
    expect(referralIsOverdue({ status: 'Done', dueOn: '2026-01-01' }, '2026-01-05')).toBe(false);
    expect(referralIsOverdue({ status: 'InProgress', dueOn: null }, '2026-01-05')).toBe(false);
  });
  it('defaults the due date to a week later', () => {
    expect(referralDueDate('2026-12-28')).toBe('2027-01-04');
  });
});

describe('ReferralCreateInputSchema', () => {
  it('needs a user for Assign and an agency for Refer', () => {
    expect(ReferralCreateInputSchema.safeParse({ kind: 'Assign' }).success).toBe(false);
    expect(ReferralCreateInputSchema.safeParse({ kind: 'Refer' }).success).toBe(false);
    expect(
      ReferralCreateInputSchema.safeParse({
        kind: 'Refer',
        toAgencyId: '11111111-1111-4111-8111-111111111111',
      }).success,
    ).toBe(true);
  });
});
