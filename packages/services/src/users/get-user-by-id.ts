import { DomainError, IdSchema, type User } from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { findUserById } from './user-presenter';

/** Where a user record sits, for scope checks. */
export function userRecordScope(user: User): {
  id: string;
  ownerUserId: string;
  agencyId: string;
  countryCode: string;
} {
  return {
    id: user.id,
    ownerUserId: user.id,
    agencyId: user.agencyId,
    countryCode: user.countryCode,
  };
}

/**
 * Load a user the caller may read, or throw NOT_FOUND. Audited.
 * @throws NOT_FOUND, FORBIDDEN
 */
export async function getUserById(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<User> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const user = await findUserById(ctx.db, id);
  if (!user) {
    throw new DomainError('NOT_FOUND', 'No such user');
  }
  await authorize(ctx, auth, 'read', 'user', userRecordScope(user));
  await appendAuditEventNow(ctx.db, auditEvent(auth, 'user.read', { type: 'user', id }), ctx.now());
  return user;
}
