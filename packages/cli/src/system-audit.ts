import { userInfo } from 'node:os';
import type { AuditAction, AuditEventInput } from '@ctip/domain';
import { systemMeta } from '@ctip/services';

/** The user agent stamped on audit events written by the CLI: there is no logged-in actor. */
export const CLI_SOURCE = 'cli';

function operatingSystemUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/**
 * An audit event for a change made from the command line. The actor is null (no application user is
 * logged in); `userAgent` is `cli` and `details.osUser` names the operating-system account that ran
 * the command, so the trail still says who acted.
 * @param action - what happened
 * @param target - the record acted on
 * @param details - extra facts (never personal data of victims)
 */
export function cliAuditEvent(
  action: AuditAction,
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): AuditEventInput {
  const meta = systemMeta(CLI_SOURCE);
  return {
    action,
    outcome: 'success',
    actorUserId: null,
    actorAgencyId: null,
    actorCountry: null,
    targetType: target.type,
    targetId: target.id,
    requestId: meta.requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { ...details, osUser: operatingSystemUser() },
  };
}
