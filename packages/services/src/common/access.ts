import {
  type Action,
  type AuditAction,
  type AuditEventInput,
  can,
  canGrantPermissions,
  DomainError,
  type RecordScope,
  type Resource,
  type Scope,
  widestScope,
} from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { loadUserPermissions } from '../auth/load-actor';
import type { AuthContext, ServiceContext } from '../context';

/** Actor and request fields of an audit event for an authenticated caller. */
export function auditBase(
  auth: AuthContext,
): Pick<
  AuditEventInput,
  'actorUserId' | 'actorAgencyId' | 'actorCountry' | 'requestId' | 'ip' | 'userAgent'
> {
  return {
    actorUserId: auth.actor.userId,
    actorAgencyId: auth.actor.agencyId,
    actorCountry: auth.actor.countryCode,
    requestId: auth.meta.requestId,
    ip: auth.meta.ip,
    userAgent: auth.meta.userAgent,
  };
}

/** An audit event of a successful action by the caller. */
export function auditEvent(
  auth: AuthContext,
  action: AuditAction,
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): AuditEventInput {
  return {
    ...auditBase(auth),
    action,
    outcome: 'success',
    targetType: target.type,
    targetId: target.id,
    details,
  };
}

/**
 * Require a permission; on refusal audit `access.denied` (in its own transaction, so it survives the
 * caller's rollback) and throw.
 * @param record - where the record sits; omit to require the action at any scope
 * @throws FORBIDDEN
 */
export async function authorize(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  resource: Resource,
  record?: RecordScope & { id?: string | null },
): Promise<void> {
  if (can(auth.actor, action, resource, record)) {
    return;
  }
  await denyAccess(ctx, auth, action, resource, record?.id ?? null);
}

/**
 * Audit a refusal (in its own transaction, so it survives the caller's rollback) and throw.
 * @throws FORBIDDEN always
 */
export async function denyAccess(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  resource: Resource,
  targetId: string | null,
): Promise<never> {
  await appendAuditEventNow(
    ctx.db,
    {
      ...auditBase(auth),
      action: 'access.denied',
      outcome: 'denied',
      targetType: resource,
      targetId,
      details: { action },
    },
    ctx.now(),
  );
  throw new DomainError('FORBIDDEN', `You may not ${action} this ${resource.replace('_', ' ')}`);
}

/**
 * Refuse to manage (change, reset, disable) another user who holds grants the caller could not give:
 * otherwise an administrator could take over a more powerful account (such as a system administrator
 * whose agency lies in the caller's country) by resetting its password. Managing yourself is exempt.
 * @throws FORBIDDEN, audited
 */
export async function authorizeManageHolder(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  userId: string,
): Promise<void> {
  if (userId === auth.actor.userId) {
    return;
  }
  if (!canGrantPermissions(auth.actor, await loadUserPermissions(ctx.db, userId))) {
    await denyAccess(ctx, auth, action, 'user', userId);
  }
}

/**
 * The widest scope the caller holds for a list/search, after authorising.
 * @throws FORBIDDEN when the caller holds the action at no scope
 */
export async function requireScope(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  resource: Resource,
): Promise<Scope> {
  await authorize(ctx, auth, action, resource);
  return widestScope(auth.actor, action, resource) as Scope;
}
