import { randomUUID } from 'node:crypto';
import type { Database } from '@ctip/db';
import {
  ageOn,
  type CaseCreateInput,
  CaseCreateInputSchema,
  type CaseDetail,
  DomainError,
  isChildAge,
  widestScope,
} from '@ctip/domain';
import { sql, type Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { recordCaseHistory } from './case-access';
import { caseIsCrossBorder, loadCaseDetail } from './case-presenter';
import { caseReadableBy } from './case-read-filter';
import { findDuplicateCases } from './find-duplicate-cases';
import { caseCodeFrom, openOptional, sealOptional, sealPerson } from './person-crypto';

/** Next case code from the node-wide sequence (inside the creating transaction). */
export async function nextCaseCode(
  trx: Transaction<Database>,
  countryCode: string,
  now: Date,
): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`select nextval('case_code_seq') as n`.execute(
    trx,
  );
  return caseCodeFrom(countryCode, now.getUTCFullYear(), Number(rows[0]?.n ?? 0));
}

/**
 * Open a case for a person, in the caller's agency and country. Before writing, likely duplicates
 * among the cases the caller may read are proposed: unless `ignoreDuplicates`, they answer CONFLICT
 * with their codes (never names). `existingPersonId` links the case to an already registered person
 * instead (audited as `case.link_duplicate`).
 * @throws INVALID_INPUT, FORBIDDEN (no create on cases, or the linked person is out of reach),
 *   CONFLICT (likely duplicates; `details.duplicates`)
 */
export async function createCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: CaseCreateInput;
}): Promise<CaseDetail> {
  const { ctx, auth } = args;
  const input = parseInput(CaseCreateInputSchema, args.input);
  if (input.victim.identifiedByAgencyId) {
    await loadActiveAgency(
      ctx.db,
      input.victim.identifiedByAgencyId,
      'victim.identifiedByAgencyId',
    );
  }
  const { actor } = auth;
  await authorize(ctx, auth, 'create', 'case', {
    ownerUserId: actor.userId,
    agencyId: actor.agencyId,
    countryCode: actor.countryCode,
  });
  const scope = widestScope(actor, 'read', 'case');
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);

  // Person: either a linked one (opened to derive the age) or a new one, checked for duplicates.
  let linkedPerson: {
    id: string;
    gender: string;
    nationality: string | null;
    birthDate: string | null;
  } | null = null;
  if (input.existingPersonId) {
    const reachable = await ctx.db
      .selectFrom('case_record')
      .select('id')
      .where('person_id', '=', input.existingPersonId)
      .where(caseReadableBy(auth, scope))
      .executeTakeFirst();
    if (!reachable) {
      await denyAccess(ctx, auth, 'read', 'case', null);
    }
    const p = await ctx.db
      .selectFrom('person')
      .select(['id', 'gender', 'nationality', 'birth_date_enc'])
      .where('id', '=', input.existingPersonId)
      .executeTakeFirstOrThrow();
    linkedPerson = {
      id: p.id,
      gender: p.gender,
      nationality: p.nationality,
      birthDate: openOptional(ctx.config, p.birth_date_enc),
    };
  } else if (!input.ignoreDuplicates) {
    const duplicates = await findDuplicateCases(ctx.db, ctx.config, auth, scope, input.person);
    if (duplicates.length > 0) {
      throw new DomainError(
        'CONFLICT',
        'Likely duplicates exist: link, open one, or create anyway',
        {
          details: { duplicates },
        },
      );
    }
  }

  const victim = input.victim;
  const birthDate = linkedPerson ? linkedPerson.birthDate : (input.person.birthDate ?? null);
  const age = birthDate
    ? ageOn(birthDate, victim.identificationDate ?? today)
    : (input.person.estimatedAge ?? null);
  const gender = linkedPerson?.gender ?? input.person.gender ?? 'Unknown';
  const nationality = linkedPerson ? linkedPerson.nationality : (input.person.nationality ?? null);
  const caseId = randomUUID();
  const personId = linkedPerson?.id ?? randomUUID();

  await ctx.db.transaction().execute(async (trx) => {
    if (!linkedPerson) {
      const sealed = sealPerson(ctx.config, personId, actor.countryCode, input.person);
      await trx.insertInto('person').values(sealed.row).execute();
      if (sealed.keys.length > 0) {
        await trx.insertInto('person_key').values(sealed.keys).execute();
      }
    }
    const code = await nextCaseCode(trx, actor.countryCode, now);
    await trx
      .insertInto('case_record')
      .values({
        id: caseId,
        code,
        person_id: personId,
        country_code: actor.countryCode,
        agency_id: actor.agencyId,
        owner_user_id: actor.userId,
        status: 'Active',
        identification_status: victim.identificationStatus,
        identified_by_agency_id: victim.identifiedByAgencyId ?? null,
        identification_date: victim.identificationDate ?? null,
        gender,
        age_at_identification: age,
        is_child: isChildAge(age),
        nationality,
        forms_of_exploitation: victim.formsOfExploitation,
        recruitment_methods: victim.recruitmentMethods,
        recruitment_apps: victim.recruitmentApps,
        methods_of_control: victim.methodsOfControl,
        labour_exploitation_types: victim.labourExploitationTypes,
        labour_industries: victim.labourIndustries,
        sex_exploitation_types: victim.sexExploitationTypes,
        exploitation_apps: victim.exploitationApps,
        vulnerabilities: victim.vulnerabilities,
        vulnerability_details_enc: sealOptional(ctx.config, victim.vulnerabilityDetails),
        country_of_exploitation: victim.countryOfExploitation ?? null,
        is_cross_border: caseIsCrossBorder(actor.countryCode, [
          nationality,
          victim.countryOfExploitation,
          ...input.events.map((e) => e.country),
        ]),
        agreement_to_manage_data: victim.agreementToManagePersonalData,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.events.length > 0) {
      await trx
        .insertInto('case_event')
        .values(
          input.events.map((e) => ({
            id: randomUUID(),
            case_id: caseId,
            type: e.type,
            country: e.country ?? null,
            state: e.state ?? null,
            city: e.city ?? null,
            occurred_on: e.date ?? null,
            description_enc: sealOptional(ctx.config, e.description),
            created_at: now,
          })),
        )
        .execute();
    }
    if (input.hotlineCallId) {
      await linkSource(trx, 'hotline_call', input.hotlineCallId, caseId, actor.agencyId);
    }
    if (input.screeningId) {
      await linkSource(trx, 'screening', input.screeningId, caseId, actor.agencyId);
    }
    await recordCaseHistory(trx, {
      caseId,
      userId: actor.userId,
      action: 'create',
      changes: {
        events: input.events.length,
        ...(linkedPerson ? { linkedPerson: true } : {}),
      },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'case.create',
        { type: 'case', id: caseId },
        {
          events: input.events.length,
          linked: Boolean(linkedPerson),
          ignoredDuplicates: input.ignoreDuplicates,
        },
      ),
      now,
    );
    if (linkedPerson) {
      await appendAuditEvent(
        trx,
        auditEvent(auth, 'case.link_duplicate', { type: 'case', id: caseId }, { personId }),
        now,
      );
    }
  });
  return (await loadCaseDetail(ctx.db, ctx.config, auth, scope, caseId)) as CaseDetail;
}

/** Point the hotline call or screening that led to the case at it (same agency only). */
async function linkSource(
  trx: Transaction<Database>,
  table: 'hotline_call' | 'screening',
  id: string,
  caseId: string,
  agencyId: string,
): Promise<void> {
  const field = table === 'hotline_call' ? 'hotlineCallId' : 'screeningId';
  const res = await trx
    .updateTable(table)
    .set({ case_id: caseId })
    .where('id', '=', id)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new DomainError('INVALID_INPUT', `${field}: no such record in your agency`, { field });
  }
}
