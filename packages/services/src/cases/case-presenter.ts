import type { Database, Db } from '@ctip/db';
import type {
  CaseDetail,
  CaseListItem,
  CaseStatus,
  FormOfExploitation,
  Gender,
  IdentificationStatus,
  Scope,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { isoOf } from '../common/iso-date';
import type { AuthContext, ServiceConfig } from '../context';
import { caseReadableBy } from './case-read-filter';
import { openOptional, openPerson } from './person-crypto';

type Reader = Db | Transaction<Database>;

/** Case rows joined with their agency and owner names (for lists and the full view). */
export function selectCaseRows(db: Reader) {
  return db
    .selectFrom('case_record')
    .innerJoin('agency', 'agency.id', 'case_record.agency_id')
    .innerJoin('app_user as owner', 'owner.id', 'case_record.owner_user_id')
    .selectAll('case_record')
    .select(['agency.name as agency_name', 'owner.display_name as owner_name']);
}

type CaseJoinedRow = Selectable<Database['case_record']> & {
  agency_name: string;
  owner_name: string;
};

/** A joined case row as a list item (coded fields only). */
export function caseRowToListItem(row: CaseJoinedRow): CaseListItem {
  return {
    id: row.id,
    code: row.code,
    status: row.status as CaseStatus,
    identificationStatus: row.identification_status as IdentificationStatus,
    gender: row.gender as Gender,
    ageAtIdentification: row.age_at_identification,
    isChild: row.is_child,
    nationality: row.nationality,
    formsOfExploitation: row.forms_of_exploitation as FormOfExploitation[],
    isCrossBorder: row.is_cross_border,
    countryCode: row.country_code,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    createdAt: isoOf(row.created_at) as string,
  };
}

/**
 * Load a case in full, decrypted. No access check: callers have authorised already.
 * @returns null when there is no such case
 */
export async function loadCaseDetail(
  db: Reader,
  config: ServiceConfig,
  auth: AuthContext,
  scope: Scope | null,
  id: string,
): Promise<CaseDetail | null> {
  // One round trip for the case, its person and whether the person has other cases: opening a
  // case is the most frequent read, and on a loaded node every query costs a socket write.
  const row = await selectCaseRows(db)
    .innerJoin('person', 'person.id', 'case_record.person_id')
    .select([
      'person.given_name_enc',
      'person.family_name_enc',
      'person.other_names_enc',
      'person.birth_date_enc',
      'person.id_document_enc',
      'person.contact_enc',
      'person.birth_year as person_birth_year',
      'person.gender as person_gender',
      'person.nationality as person_nationality',
      'person.ethnicity as person_ethnicity',
    ])
    .select((eb) =>
      eb
        .selectFrom('case_record as other')
        .select((o) => o.lit(true).as('x'))
        .whereRef('other.person_id', '=', 'case_record.person_id')
        .whereRef('other.id', '!=', 'case_record.id')
        .limit(1)
        .as('has_other_cases'),
    )
    .where('case_record.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const person = {
    ...row,
    birth_year: row.person_birth_year,
    gender: row.person_gender,
    nationality: row.person_nationality,
    ethnicity: row.person_ethnicity,
  };
  const linked = row.has_other_cases
    ? await db
        .selectFrom('case_record')
        .select(['id', 'code'])
        .where('person_id', '=', row.person_id)
        .where('id', '!=', row.id)
        .where(caseReadableBy(auth, scope))
        .orderBy('created_at')
        .execute()
    : [];
  const opened = openPerson(config, person);
  return {
    ...caseRowToListItem(row),
    version: row.version,
    personId: row.person_id,
    person: {
      ...opened,
      birthYear: person.birth_year,
      gender: person.gender as Gender,
      nationality: person.nationality,
      ethnicity: person.ethnicity,
    },
    victim: {
      identificationStatus: row.identification_status as IdentificationStatus,
      identifiedByAgencyId: row.identified_by_agency_id,
      identificationDate: row.identification_date,
      formsOfExploitation: row.forms_of_exploitation as CaseDetail['victim']['formsOfExploitation'],
      recruitmentMethods: row.recruitment_methods as CaseDetail['victim']['recruitmentMethods'],
      recruitmentApps: row.recruitment_apps as CaseDetail['victim']['recruitmentApps'],
      methodsOfControl: row.methods_of_control as CaseDetail['victim']['methodsOfControl'],
      labourExploitationTypes:
        row.labour_exploitation_types as CaseDetail['victim']['labourExploitationTypes'],
      labourIndustries: row.labour_industries as CaseDetail['victim']['labourIndustries'],
      sexExploitationTypes:
        row.sex_exploitation_types as CaseDetail['victim']['sexExploitationTypes'],
      exploitationApps: row.exploitation_apps as CaseDetail['victim']['exploitationApps'],
      vulnerabilities: row.vulnerabilities as CaseDetail['victim']['vulnerabilities'],
      vulnerabilityDetails: openOptional(config, row.vulnerability_details_enc),
      countryOfExploitation: row.country_of_exploitation,
      agreementToManagePersonalData: row.agreement_to_manage_data,
    },
    reasonForClosure: openOptional(config, row.reason_for_closure_enc),
    reintegratedOn: row.reintegrated_on,
    closedAt: isoOf(row.closed_at),
    isRestricted: row.is_restricted,
    updatedAt: isoOf(row.updated_at) as string,
    linkedCases: linked,
  };
}

/**
 * Whether a case is cross-border: the person's nationality, the country of exploitation or any
 * trafficking event lies outside the country that holds the case.
 */
export function caseIsCrossBorder(
  caseCountry: string,
  countries: readonly (string | null | undefined)[],
): boolean {
  return countries.some((c) => c != null && c !== caseCountry);
}
