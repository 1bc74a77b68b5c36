import type { Database } from '@ctip/db';
import { DomainError } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';

/**
 * Require an active service provider of the case's country for a `providerId` field.
 * @throws INVALID_INPUT naming the field
 */
export async function requireProvider(
  db: Transaction<Database> | ServiceContext['db'],
  providerId: string | undefined,
  countryCode: string,
  field = 'providerId',
): Promise<void> {
  if (!providerId) {
    return;
  }
  const p = await db
    .selectFrom('service_provider')
    .select(['id'])
    .where('id', '=', providerId)
    .where('country_code', '=', countryCode)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!p) {
    throw new DomainError('INVALID_INPUT', `${field}: no such active service provider`, { field });
  }
}

/** Audit that the caller read a part of a case (reads of victim records are audited). */
export async function auditCaseRead(
  ctx: ServiceContext,
  auth: AuthContext,
  caseId: string,
  view: string,
): Promise<void> {
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'case.read', { type: 'case', id: caseId }, { view }),
    ctx.now(),
  );
}
