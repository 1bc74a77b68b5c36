import type { Database } from '@ctip/db';
import {
  ageOn,
  type CaseDetail,
  type CaseUpdateInput,
  CaseUpdateInputSchema,
  DomainError,
  IdSchema,
  isChildAge,
  type PersonInput,
  widestScope,
} from '@ctip/domain';
import type { Updateable } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { loadCaseForAccess, recordCaseHistory } from './case-access';
import { caseIsCrossBorder, loadCaseDetail } from './case-presenter';
import { openPerson, personKeyRows, sealOptional } from './person-crypto';

/** Victim-context fields and their columns; `personal` ones record only that they changed. */
const VICTIM_COLUMNS = {
  identificationStatus: 'identification_status',
  identifiedByAgencyId: 'identified_by_agency_id',
  identificationDate: 'identification_date',
  formsOfExploitation: 'forms_of_exploitation',
  recruitmentMethods: 'recruitment_methods',
  recruitmentApps: 'recruitment_apps',
  methodsOfControl: 'methods_of_control',
  labourExploitationTypes: 'labour_exploitation_types',
  labourIndustries: 'labour_industries',
  sexExploitationTypes: 'sex_exploitation_types',
  exploitationApps: 'exploitation_apps',
  vulnerabilities: 'vulnerabilities',
  countryOfExploitation: 'country_of_exploitation',
  agreementToManagePersonalData: 'agreement_to_manage_data',
} as const;

/** Personal fields of the person (sealed); the coded ones are gender, nationality. */
const PERSON_SEALED = {
  givenName: 'given_name_enc',
  familyName: 'family_name_enc',
  otherNames: 'other_names_enc',
  birthDate: 'birth_date_enc',
  idDocumentNumber: 'id_document_enc',
  contact: 'contact_enc',
} as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Change a case (coded fields, victim context, the person) at the version the user edited. Person
 * changes re-seal the fields and recompute the search keys. Each change is written to the history
 * ({from,to} for coded fields, {changed:true} for personal ones) and audited without values.
 * @throws INVALID_INPUT, FORBIDDEN (audited), NOT_FOUND, CONFLICT (stale version)
 */
export async function updateCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: CaseUpdateInput;
}): Promise<CaseDetail> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(CaseUpdateInputSchema, args.input);
  const access = await loadCaseForAccess(ctx, auth, id, 'update');
  if (input.victim?.identifiedByAgencyId) {
    await loadActiveAgency(
      ctx.db,
      input.victim.identifiedByAgencyId,
      'victim.identifiedByAgencyId',
    );
  }
  if (access.version !== input.version) {
    throw new DomainError('CONFLICT', 'The case was changed by someone else; reload it', {
      field: 'version',
    });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('case_record')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const person = await trx
      .selectFrom('person')
      .selectAll()
      .where('id', '=', current.person_id)
      .executeTakeFirstOrThrow();
    const changes: Record<string, unknown> = {};
    const set: Updateable<Database['case_record']> = {};

    for (const [field, column] of Object.entries(VICTIM_COLUMNS)) {
      const next = input.victim?.[field as keyof typeof VICTIM_COLUMNS];
      if (next === undefined) {
        continue;
      }
      const prev = current[column];
      if (!same(prev, next)) {
        changes[field] = { from: prev ?? null, to: next };
        (set as Record<string, unknown>)[column] = next;
      }
    }
    if (input.victim?.vulnerabilityDetails !== undefined) {
      set.vulnerability_details_enc = sealOptional(ctx.config, input.victim.vulnerabilityDetails);
      changes.vulnerabilityDetails = { changed: true };
    }
    if (input.status !== undefined && input.status !== current.status) {
      changes.status = { from: current.status, to: input.status };
      set.status = input.status;
      set.closed_at = input.status.startsWith('Closed') ? now : null;
    }
    if (input.reasonForClosure !== undefined) {
      set.reason_for_closure_enc = sealOptional(ctx.config, input.reasonForClosure);
      changes.reasonForClosure = { changed: true };
    }
    if (input.reintegratedOn !== undefined && input.reintegratedOn !== current.reintegrated_on) {
      changes.reintegratedOn = { from: current.reintegrated_on, to: input.reintegratedOn };
      set.reintegrated_on = input.reintegratedOn;
    }

    // The person: personal fields re-sealed, keys recomputed, coded fields copied to the case.
    const p = input.person ?? {};
    const personSet: Updateable<Database['person']> = {};
    let keysChanged = false;
    for (const [field, column] of Object.entries(PERSON_SEALED)) {
      const next = p[field as keyof typeof PERSON_SEALED];
      if (next !== undefined) {
        personSet[column] = sealOptional(ctx.config, next);
        changes[field] = { changed: true };
        keysChanged ||= field !== 'otherNames' && field !== 'contact';
      }
    }
    if (p.ethnicity !== undefined) {
      personSet.ethnicity = p.ethnicity;
      changes.ethnicity = { changed: true };
    }
    if (p.birthDate !== undefined) {
      personSet.birth_year = Number(p.birthDate.slice(0, 4));
    }
    if (p.gender !== undefined && p.gender !== person.gender) {
      changes.gender = { from: person.gender, to: p.gender };
      personSet.gender = p.gender;
      set.gender = p.gender;
    }
    if (p.nationality !== undefined && p.nationality !== person.nationality) {
      changes.nationality = { from: person.nationality, to: p.nationality };
      personSet.nationality = p.nationality;
      set.nationality = p.nationality;
    }
    const opened = openPerson(ctx.config, person);
    if (p.birthDate !== undefined || p.estimatedAge !== undefined || set.identification_date) {
      const birthDate = p.birthDate ?? opened.birthDate;
      const on = (set.identification_date as string | undefined) ?? current.identification_date;
      const age = birthDate
        ? ageOn(birthDate, on ?? current.created_at.toISOString().slice(0, 10))
        : (p.estimatedAge ?? current.age_at_identification);
      if (age !== current.age_at_identification) {
        changes.ageAtIdentification = { from: current.age_at_identification, to: age };
        set.age_at_identification = age;
        set.is_child = isChildAge(age);
      }
    }
    if (Object.keys(personSet).length > 0) {
      await trx
        .updateTable('person')
        .set({ ...personSet, updated_at: now })
        .where('id', '=', person.id)
        .execute();
    }
    if (keysChanged) {
      const merged: Pick<
        PersonInput,
        'givenName' | 'familyName' | 'birthDate' | 'idDocumentNumber'
      > = {
        givenName: p.givenName ?? opened.givenName ?? undefined,
        familyName: p.familyName ?? opened.familyName ?? undefined,
        birthDate: p.birthDate ?? opened.birthDate ?? undefined,
        idDocumentNumber: p.idDocumentNumber ?? opened.idDocumentNumber ?? undefined,
      };
      await trx.deleteFrom('person_key').where('person_id', '=', person.id).execute();
      const rows = personKeyRows(ctx.config, person.id, merged);
      if (rows.length > 0) {
        await trx.insertInto('person_key').values(rows).execute();
      }
    }
    const events = await trx
      .selectFrom('case_event')
      .select('country')
      .where('case_id', '=', id)
      .execute();
    set.is_cross_border = caseIsCrossBorder(current.country_code, [
      (set.nationality as string | null | undefined) ?? current.nationality,
      (set.country_of_exploitation as string | null | undefined) ?? current.country_of_exploitation,
      ...events.map((e) => e.country),
    ]);

    const updated = await trx
      .updateTable('case_record')
      .set({ ...set, version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new DomainError('CONFLICT', 'The case was changed by someone else; reload it', {
        field: 'version',
      });
    }
    await recordCaseHistory(trx, {
      caseId: id,
      userId: auth.actor.userId,
      action: 'update',
      changes,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'case.update',
        { type: 'case', id },
        { fields: Object.keys(changes).sort() },
      ),
      now,
    );
  });
  return (await loadCaseDetail(
    ctx.db,
    ctx.config,
    auth,
    widestScope(auth.actor, 'read', 'case'),
    id,
  )) as CaseDetail;
}
