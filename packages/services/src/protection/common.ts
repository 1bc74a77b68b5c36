import type { Database } from '@ctip/db';
import { DomainError } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../context';

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

export { auditCaseRead } from '../cases/case-access';
