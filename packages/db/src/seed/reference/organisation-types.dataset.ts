import type { Insertable } from 'kysely';
import type { OrganisationTypeTable } from '../../tables/database';
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/**
 * Organisation / agency types.
 *
 * Source: HTCDS (IOM, github.com/UNMigration/HTCDS, "HTCDS Field Reference.md") has one organisation
 * picklist, the DRAFT field `org_Type`: NGO, LawEnforcement, HealthServiceOrganisation,
 * CentralGovernmentOrganisation, LocalGovernmentOrganisation, ImmigrationService, LegalService,
 * CorporateBusiness. HTCDS 2.0 adds referral fields (`cas_ReferringOrganisation`,
 * `cas_ReferredOrganisation`) but they are free text, with no type list. So this list keeps every
 * HTCDS value (`htcds` below) and adds, in the same style, the agencies the COMMIT MoU and SPA III
 * name (prosecution, courts, labour inspection, shelters, hotlines, embassies, UN agencies, …).
 *
 * Codes are stable identifiers (agency.type references them): add new ones, never rename or
 * remove. `government`, `law_enforcement`, `social_welfare`, `ngo`, `shelter`, `hotline`,
 * `international_organisation`, `court` and `prosecution` are used by other code.
 */
const ORGANISATION_TYPES: readonly {
  code: string;
  name: string;
  description: string;
  /** The HTCDS `org_Type` value this code corresponds to, where there is one (not stored). */
  htcds?: string;
}[] = [
  {
    code: 'government',
    name: 'Government ministry or department',
    description: 'National ministry, department or other central government body.',
    htcds: 'CentralGovernmentOrganisation',
  },
  {
    code: 'local_government',
    name: 'Local government',
    description: 'Provincial, district or commune authority.',
    htcds: 'LocalGovernmentOrganisation',
  },
  {
    code: 'law_enforcement',
    name: 'Law enforcement (police)',
    description: 'Police, including specialist anti-trafficking units.',
    htcds: 'LawEnforcement',
  },
  {
    code: 'border_immigration',
    name: 'Border and immigration',
    description: 'Immigration service, border police, border checkpoint or Border Liaison Office.',
    htcds: 'ImmigrationService',
  },
  {
    code: 'labour_inspection',
    name: 'Labour inspection',
    description: 'Labour inspectorate or regulator of labour recruitment.',
  },
  {
    code: 'prosecution',
    name: 'Prosecution',
    description: "Public prosecutor's office or procuracy.",
  },
  {
    code: 'court',
    name: 'Court or judiciary',
    description: 'Court or other judicial body.',
  },
  {
    code: 'social_welfare',
    name: 'Social welfare',
    description: 'Government social welfare service, e.g. MSDHS, MoSVY, MOLISA.',
  },
  {
    code: 'shelter',
    name: 'Shelter (government)',
    description: 'Government-run shelter or reception centre for victims of trafficking.',
  },
  {
    code: 'shelter_ngo',
    name: 'Shelter (NGO)',
    description: 'Shelter for victims of trafficking run by a non-governmental organisation.',
  },
  {
    code: 'ngo',
    name: 'Non-governmental organisation',
    description: 'National or international NGO or other civil-society organisation.',
    htcds: 'NGO',
  },
  {
    code: 'community_based_organisation',
    name: 'Community-based organisation',
    description: 'Local community group, village network or faith-based group.',
  },
  {
    code: 'international_organisation',
    name: 'International organisation',
    description: 'Inter-governmental organisation other than a UN agency.',
  },
  {
    code: 'un_agency',
    name: 'UN agency',
    description: 'United Nations agency, fund or programme, e.g. UN-ACT, UNODC, UNICEF, IOM.',
  },
  {
    code: 'hotline',
    name: 'Hotline',
    description: 'Telephone or online hotline receiving reports and requests for help.',
  },
  {
    code: 'embassy_consulate',
    name: 'Embassy or consulate',
    description: 'Diplomatic or consular mission assisting its nationals abroad.',
  },
  {
    code: 'health_service',
    name: 'Health service',
    description: 'Hospital, clinic or other health service.',
    htcds: 'HealthServiceOrganisation',
  },
  {
    code: 'legal_aid',
    name: 'Legal aid',
    description: 'Legal aid provider, lawyer or bar association.',
    htcds: 'LegalService',
  },
  {
    code: 'research_institution',
    name: 'Research institution',
    description: 'University, research institute or think tank.',
  },
  {
    code: 'private_sector',
    name: 'Private sector',
    description: 'Business, employer, recruitment agency or industry body.',
    htcds: 'CorporateBusiness',
  },
  {
    code: 'other',
    name: 'Other',
    description: 'Any organisation not covered by another type.',
  },
];

/** Gap between sort_order values, so a later type can go between two existing ones. */
const SORT_ORDER_STEP = 10;

/**
 * Build the `organisation_type` rows in display order.
 * @returns Rows with sort_order 10, 20, 30, …
 */
export function buildOrganisationTypeRows(): Insertable<OrganisationTypeTable>[] {
  return ORGANISATION_TYPES.map((t, i) => ({
    code: t.code,
    name: t.name,
    description: t.description,
    sort_order: (i + 1) * SORT_ORDER_STEP,
  }));
}

/**
 * The `organisation_types` dataset: the agency types an agency record is classified by.
 * @returns The dataset with its rows, content version and loader.
 */
export function organisationTypesDataset(): ReferenceDataset {
  const rows = buildOrganisationTypeRows();
  return {
    name: 'organisation_types',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('organisation_type')
          .values(batch)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              description: eb.ref('excluded.description'),
              sort_order: eb.ref('excluded.sort_order'),
            })),
          )
          .execute();
      }
    },
  };
}
