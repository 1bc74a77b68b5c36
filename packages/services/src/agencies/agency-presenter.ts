import type { AgencyRow } from '@ctip/db';
import type { Agency } from '@ctip/domain';

/** Map an agency row to the API shape. */
export function agencyRowToAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    type: row.type,
    countryCode: row.country_code,
    parentId: row.parent_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** Where an agency record sits, for scope checks. */
export function agencyRecordScope(row: Pick<AgencyRow, 'id' | 'country_code'>) {
  return { id: row.id, agencyId: row.id, countryCode: row.country_code };
}
