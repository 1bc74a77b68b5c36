import {
  ConsentPurposeSchema,
  DomainError,
  HTCDS_COLUMNS,
  HTCDS_PSEUDONYMOUS_COLUMNS,
  htcdsJoinMulti,
} from '@ctip/domain';
import { z } from 'zod';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { openOptional, openPerson } from '../cases/person-crypto';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { caseExportableBy, caseHasConsentFor } from './export-consent';
import {
  CASE_FILE_FORMATS,
  CASE_FILE_MEDIA_TYPES,
  type CaseFileFormat,
  writeCsv,
  writeXlsx,
} from './htcds-file';

const Flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true');

/** What to export. */
export const CaseExportQuerySchema = z.strictObject({
  format: z.enum(CASE_FILE_FORMATS).default('csv'),
  /** Why the personal fields are exported: each case needs a covering consent for it. */
  purpose: ConsentPurposeSchema.optional(),
  /** Add names, birth date, document, contact (default: pseudonymous, coded fields only). */
  includePersonal: Flag.default(false),
});
export type CaseExportQuery = z.input<typeof CaseExportQuerySchema>;

/** An export file and what it holds. */
export type CaseExport = {
  format: CaseFileFormat;
  mediaType: string;
  fileName: string;
  body: Buffer;
  /** Cases written. */
  exported: number;
  /** Cases in scope left out (no covering consent for the purpose, or restricted). */
  leftOut: number;
  /** The human line naming what was left out, or null. */
  leftOutNote: string | null;
};

const PAGE = 2000;

const CASE_COLUMNS = [
  'case_record.id',
  'case_record.code',
  'case_record.status',
  'case_record.person_id',
  'case_record.gender',
  'case_record.age_at_identification',
  'case_record.nationality',
  'case_record.identification_status',
  'case_record.identification_date',
  'case_record.forms_of_exploitation',
  'case_record.recruitment_methods',
  'case_record.recruitment_apps',
  'case_record.methods_of_control',
  'case_record.labour_exploitation_types',
  'case_record.labour_industries',
  'case_record.sex_exploitation_types',
  'case_record.exploitation_apps',
  'case_record.vulnerabilities',
  'case_record.vulnerability_details_enc',
  'case_record.country_of_exploitation',
  'case_record.agreement_to_manage_data',
] as const;

/**
 * Export the cases in the caller's export scope as an HTCDS-headed CSV or XLSX file. Pseudonymous
 * by default (the case code and coded fields). With `includePersonal`, a `purpose` is required and
 * only cases holding a covering consent for it are written (restricted cases never are); the others
 * are counted as left out. Audited as `case.export` with counts only.
 * @throws INVALID_INPUT (includePersonal without purpose), FORBIDDEN without case:export (audited)
 */
export async function exportCases(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: CaseExportQuery;
}): Promise<CaseExport> {
  const { ctx, auth } = args;
  const query = parseInput(CaseExportQuerySchema, args.query);
  if (query.includePersonal && !query.purpose) {
    throw new DomainError('INVALID_INPUT', 'purpose: required to include personal fields', {
      field: 'purpose',
    });
  }
  const scope = await requireScope(ctx, auth, 'export', 'case');
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);
  const inScope = ctx.db.selectFrom('case_record').where(caseExportableBy(auth, scope));
  const selected =
    query.includePersonal && query.purpose
      ? inScope
          .where('case_record.is_restricted', '=', false)
          .where(caseHasConsentFor(auth, query.purpose, today))
      : inScope;
  const columns = query.includePersonal ? HTCDS_COLUMNS : HTCDS_PSEUDONYMOUS_COLUMNS;
  const headers = columns.map((c) => c.name);
  const rows: string[][] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await selected
      .select(CASE_COLUMNS)
      .where('case_record.id', '>', after)
      .orderBy('case_record.id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) {
      break;
    }
    after = (page[page.length - 1] as { id: string }).id;
    const ids = page.map((c) => c.id);
    const events = await ctx.db
      .selectFrom('case_event')
      .select(['case_id', 'type', 'country', 'occurred_on'])
      .where('case_id', 'in', ids)
      .where('type', 'in', ['Recruitment', 'Exploitation'])
      .orderBy('created_at')
      .execute();
    const firstEvent = new Map<string, { country: string | null; occurred_on: string | null }>();
    for (const e of events) {
      const key = `${e.case_id}:${e.type}`;
      if (!firstEvent.has(key)) {
        firstEvent.set(key, e);
      }
    }
    const persons = query.includePersonal
      ? new Map(
          (
            await ctx.db
              .selectFrom('person')
              .selectAll()
              .where(
                'id',
                'in',
                page.map((c) => c.person_id),
              )
              .execute()
          ).map((p) => [p.id, p]),
        )
      : null;
    for (const c of page) {
      const p = persons?.get(c.person_id);
      const opened = p ? openPerson(ctx.config, p) : null;
      const rec = firstEvent.get(`${c.id}:Recruitment`);
      const exp = firstEvent.get(`${c.id}:Exploitation`);
      const cell: Record<string, string | null | undefined> = {
        cas_Code: c.code,
        cas_Status: c.status,
        prs_FirstName: opened?.givenName,
        prs_SecondName: opened?.familyName,
        prs_OtherNames: opened?.otherNames,
        prs_Birthdate: opened?.birthDate,
        prs_EstimatedAge: c.age_at_identification == null ? '' : String(c.age_at_identification),
        prs_Gender: c.gender,
        prs_Nationality: c.nationality,
        prs_Ethnicity: p?.ethnicity,
        prs_IdentityDocument: opened?.idDocumentNumber,
        prs_Contact: opened?.contact,
        vic_IdentificationStatus: c.identification_status,
        vic_IdentificationDate: c.identification_date,
        vic_FormOfExploitation: htcdsJoinMulti(c.forms_of_exploitation),
        vic_MethodOfRecruitment: htcdsJoinMulti(c.recruitment_methods),
        vic_RecruitmentWebsitesAndApps: htcdsJoinMulti(c.recruitment_apps),
        vic_MethodsOfControl: htcdsJoinMulti(c.methods_of_control),
        vic_TypeOfLabourExploitation: htcdsJoinMulti(c.labour_exploitation_types),
        vic_LabourIndustry: htcdsJoinMulti(c.labour_industries),
        vic_TypeOfSexExploitation: htcdsJoinMulti(c.sex_exploitation_types),
        vic_ExploitationWebsitesAndApps: htcdsJoinMulti(c.exploitation_apps),
        vic_Vulnerabilities: htcdsJoinMulti(c.vulnerabilities),
        vic_DetailsOfVulnerabilities: query.includePersonal
          ? openOptional(ctx.config, c.vulnerability_details_enc)
          : null,
        vic_CountryOfExploitation: c.country_of_exploitation,
        vic_AgreementToManagePersonalData: c.agreement_to_manage_data ? 'true' : 'false',
        hte_RecruitmentCountry: rec?.country,
        hte_RecruitmentDate: rec?.occurred_on,
        hte_ExploitationCountry: exp?.country,
        hte_ExploitationDate: exp?.occurred_on,
      };
      rows.push(headers.map((h) => cell[h] ?? ''));
    }
    if (page.length < PAGE) {
      break;
    }
  }
  let leftOut = 0;
  if (query.includePersonal) {
    const total = await inScope
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    leftOut = Number(total.n) - rows.length;
  }
  const leftOutNote =
    leftOut > 0 ? `${leftOut} cases left out: no consent for ${query.purpose}` : null;
  const body =
    query.format === 'csv'
      ? writeCsv(headers, rows)
      : await writeXlsx(headers, rows, [
          ['exported', rows.length],
          ['includePersonal', String(query.includePersonal)],
          ['purpose', query.purpose ?? ''],
          ['leftOut', leftOut],
          ...(leftOutNote ? ([['note', leftOutNote]] as [string, string][]) : []),
        ]);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'case.export',
      { type: 'case', id: null },
      {
        format: query.format,
        includePersonal: query.includePersonal,
        purpose: query.purpose ?? null,
        scope,
        exported: rows.length,
        leftOut,
      },
    ),
    now,
  );
  const stamp = today.replaceAll('-', '');
  return {
    format: query.format,
    mediaType: CASE_FILE_MEDIA_TYPES[query.format],
    fileName: `cases-${auth.actor.countryCode.toLowerCase()}-${stamp}.${query.format}`,
    body,
    exported: rows.length,
    leftOut,
    leftOutNote,
  };
}
