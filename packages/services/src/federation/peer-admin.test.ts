import { describe, expect, it } from 'vitest';
import { PEER_DEGRADED_QUEUE_SECONDS, PEER_DOWN_AFTER_FAILURES, peerHealthOf } from './peer-admin';

const base = {
  isActive: true,
  consecutiveFailures: 0,
  oldestPendingAgeSeconds: null,
  lastContactAt: '2026-12-01T10:00:00Z',
  lastSuccessAt: '2026-12-01T10:00:00Z',
};

describe(peerHealthOf.name, () => {
  it('colours a peer healthy, degraded, down, inactive or not yet contacted', () => {
    expect(peerHealthOf(base)).toBe('healthy');
    expect(peerHealthOf({ ...base, consecutiveFailures: 1 })).toBe('degraded');
    expect(
      peerHealthOf({ ...base, oldestPendingAgeSeconds: PEER_DEGRADED_QUEUE_SECONDS + 1 }),
    ).toBe('degraded');
    expect(peerHealthOf({ ...base, oldestPendingAgeSeconds: 10 })).toBe('healthy');
    expect(peerHealthOf({ ...base, consecutiveFailures: PEER_DOWN_AFTER_FAILURES })).toBe('down');
    expect(peerHealthOf({ ...base, isActive: false, consecutiveFailures: 9 })).toBe('inactive');
    expect(peerHealthOf({ ...base, lastContactAt: null, lastSuccessAt: null })).toBe('unknown');
  });
});
