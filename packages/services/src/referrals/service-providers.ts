import type { Database, Db } from '@ctip/db';
import {
  DomainError,
  type ServiceProvider,
  type ServiceProviderInput,
  ServiceProviderInputSchema,
  type ServiceProviderListQuery,
  ServiceProviderListQuerySchema,
  type ServiceProviderUpdateInput,
  ServiceProviderUpdateInputSchema,
} from '@ctip/domain';
import { type Selectable, sql, type Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize, requireScope } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { likePattern } from '../users/find-users';

type ProviderRow = Selectable<Database['service_provider']>;

/** A directory row for the API. */
export function providerRowToProvider(r: ProviderRow): ServiceProvider {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    agencyType: r.agency_type,
    countryCode: r.country_code,
    province: r.province,
    services: r.services,
    languages: r.languages,
    capacity: r.capacity,
    servesGenders: r.serves_genders,
    servesChildren: r.serves_children,
    servesAdults: r.serves_adults,
    phone: r.phone,
    email: r.email,
    address: r.address,
    isActive: r.is_active,
    updatedAt: isoOf(r.updated_at) as string,
  };
}

async function assertOrganisationType(db: Db | Transaction<Database>, code: string): Promise<void> {
  const row = await db
    .selectFrom('organisation_type')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('INVALID_INPUT', 'agencyType: no such organisation type', {
      field: 'agencyType',
    });
  }
}

/**
 * The directory, filtered by country (default: the caller's, unless region-wide), service and
 * language, by name. Holds no personal data of victims.
 * @throws FORBIDDEN (audited)
 */
export async function findServiceProviders(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: ServiceProviderListQuery;
}): Promise<ServiceProvider[]> {
  const { ctx, auth } = args;
  const query = parseInput(ServiceProviderListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'service_provider');
  const country = scope === 'region' ? query.country : auth.actor.countryCode;
  let q = ctx.db.selectFrom('service_provider').selectAll();
  if (country) {
    q = q.where('country_code', '=', country);
  }
  if (query.country && query.country !== country) {
    return [];
  }
  if (!query.includeInactive) {
    q = q.where('is_active', '=', true);
  }
  if (query.service) {
    const service = query.service;
    q = q.where(sql<boolean>`${service} = any(services)`);
  }
  if (query.language) {
    const language = query.language;
    q = q.where(sql<boolean>`${language} = any(languages)`);
  }
  if (query.q) {
    q = q.where((eb) =>
      eb(eb.fn('lower', ['name']), 'like', likePattern(query.q?.toLowerCase() ?? '')),
    );
  }
  const rows = await q.orderBy('country_code').orderBy('name').orderBy('id').limit(500).execute();
  return rows.map(providerRowToProvider);
}

/**
 * One provider.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getServiceProvider(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<ServiceProvider> {
  const { ctx, auth } = args;
  const row = await ctx.db
    .selectFrom('service_provider')
    .selectAll()
    .where('id', '=', args.id)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such service provider');
  }
  await authorize(ctx, auth, 'read', 'service_provider', {
    id: row.id,
    countryCode: row.country_code,
    agencyId: row.agency_id,
  });
  return providerRowToProvider(row);
}

function providerValues(input: ReturnType<typeof ServiceProviderUpdateInputSchema.parse>) {
  const v: Record<string, unknown> = {};
  const map: [keyof typeof input, string][] = [
    ['name', 'name'],
    ['agencyId', 'agency_id'],
    ['agencyType', 'agency_type'],
    ['countryCode', 'country_code'],
    ['province', 'province'],
    ['services', 'services'],
    ['languages', 'languages'],
    ['capacity', 'capacity'],
    ['servesGenders', 'serves_genders'],
    ['servesChildren', 'serves_children'],
    ['servesAdults', 'serves_adults'],
    ['phone', 'phone'],
    ['email', 'email'],
    ['address', 'address'],
    ['isActive', 'is_active'],
  ];
  for (const [k, col] of map) {
    if (input[k] !== undefined) {
      v[col] = input[k];
    }
  }
  return v;
}

/**
 * Add a provider to the directory (focal points and national administrators, in their country).
 * @throws FORBIDDEN (audited), INVALID_INPUT
 */
export async function createServiceProvider(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: ServiceProviderInput;
}): Promise<ServiceProvider> {
  const { ctx, auth } = args;
  const input = parseInput(ServiceProviderInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'service_provider', {
    countryCode: input.countryCode,
    agencyId: input.agencyId ?? null,
  });
  await assertOrganisationType(ctx.db, input.agencyType);
  if (input.agencyId) {
    const a = await loadActiveAgency(ctx.db, input.agencyId, 'agencyId');
    if (a.country_code !== input.countryCode) {
      throw new DomainError('INVALID_INPUT', 'agencyId: is in another country', {
        field: 'agencyId',
      });
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_provider')
      .values({
        id,
        ...(providerValues(input) as { name: string; agency_type: string; country_code: string }),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'provider.create',
        { type: 'service_provider', id },
        { countryCode: input.countryCode },
      ),
      now,
    );
  });
  return getServiceProvider({ ctx, auth, id });
}

/**
 * Change a provider.
 * @throws NOT_FOUND, FORBIDDEN (audited), INVALID_INPUT
 */
export async function updateServiceProvider(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: ServiceProviderUpdateInput;
}): Promise<ServiceProvider> {
  const { ctx, auth } = args;
  const input = parseInput(ServiceProviderUpdateInputSchema, args.input);
  const row = await ctx.db
    .selectFrom('service_provider')
    .selectAll()
    .where('id', '=', args.id)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such service provider');
  }
  await authorize(ctx, auth, 'update', 'service_provider', {
    id: row.id,
    countryCode: row.country_code,
    agencyId: row.agency_id,
  });
  if (input.countryCode && input.countryCode !== row.country_code) {
    await authorize(ctx, auth, 'update', 'service_provider', {
      id: row.id,
      countryCode: input.countryCode,
    });
  }
  if (input.agencyType) {
    await assertOrganisationType(ctx.db, input.agencyType);
  }
  if (input.agencyId) {
    const a = await loadActiveAgency(ctx.db, input.agencyId, 'agencyId');
    if (a.country_code !== (input.countryCode ?? row.country_code)) {
      throw new DomainError('INVALID_INPUT', 'agencyId: is in another country', {
        field: 'agencyId',
      });
    }
  }
  const now = ctx.now();
  const values = providerValues(input);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service_provider')
      .set({ ...values, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'provider.update',
        { type: 'service_provider', id: row.id },
        { fields: Object.keys(values) },
      ),
      now,
    );
  });
  return getServiceProvider({ ctx, auth, id: row.id });
}
