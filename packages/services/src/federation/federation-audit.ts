import type { AuditAction, AuditEventInput, AuditOutcome } from '@ctip/domain';

/**
 * An audit event of the federation itself (no user): the peer node and message in `details`, never
 * any payload.
 */
export function federationAuditEvent(
  action: AuditAction,
  outcome: AuditOutcome,
  target: { type: string; id: string | null },
  details: Record<string, unknown>,
  requestId: string | null = null,
  ip: string | null = null,
): AuditEventInput {
  return {
    action,
    outcome,
    actorUserId: null,
    actorAgencyId: null,
    actorCountry: null,
    targetType: target.type,
    targetId: target.id,
    requestId,
    ip,
    userAgent: 'federation',
    details,
  };
}
