import {
  ageGroupOf,
  applySharingPolicy,
  can,
  DomainError,
  REPATRIATION_STEPS,
  type ShareableField,
  SharingPolicySchema,
  stepDueDates,
  type XbCaseDetail,
  type XbReferralCreateInput,
  XbReferralCreateInputSchema,
} from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { caseRecordScope, loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { openOptional, openPerson } from '../cases/person-crypto';
import { auditEvent, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { enqueueMessage, kickOutbox } from '../federation/outbox';
import { resolveCountryNode } from '../federation/routing';
import { assertShareAllowed, preflightShare } from '../referrals/assert-share-allowed';
import { findAgreementForPair } from './agreement-lookup';
import { sealJson, todayIso } from './xb-common';
import { getXbCase } from './xb-read';

/**
 * Refer a local case to another country under an agreement (a repatriation: to the country of
 * origin). Checks read access to the case and `crossborder_case:create` where it sits, the route to
 * the receiving country, the agreement in force for the purpose, the person's ShareCountry consent
 * (or an audited override) and that the case did not itself come in under a policy that forbids
 * onward sharing. Only the fields the policy allows travel (sealed); the names of the others are
 * audited. One transaction: the shared case, its steps, the offer message, history and audit.
 * @throws INVALID_INPUT (toCountry, agreementCode), CONSENT_REQUIRED, FORBIDDEN (audited)
 */
export async function createXbReferral(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: XbReferralCreateInput;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const { actor } = auth;
  const input = parseInput(XbReferralCreateInputSchema, args.input);
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  if (!can(actor, 'create', 'crossborder_case', caseRecordScope(kase))) {
    await denyAccess(ctx, auth, 'create', 'crossborder_case', kase.id);
  }
  if (input.toCountry === kase.country_code) {
    throw new DomainError('INVALID_INPUT', 'toCountry: must be another country than the case’s', {
      field: 'toCountry',
    });
  }
  const route = await resolveCountryNode(ctx.db, ctx, input.toCountry);
  if (!route) {
    throw new DomainError('INVALID_INPUT', `toCountry: no node is known for ${input.toCountry}`, {
      field: 'toCountry',
    });
  }
  // Onward sharing: a case that came in under a policy forbidding it does not travel on.
  const incoming = await ctx.db
    .selectFrom('xb_case')
    .innerJoin('sharing_policy', (j) =>
      j
        .onRef('sharing_policy.agreement_id', '=', 'xb_case.agreement_id')
        .onRef('sharing_policy.version', '=', 'xb_case.policy_version'),
    )
    .select(['sharing_policy.policy'])
    .where('xb_case.case_id', '=', kase.id)
    .where('xb_case.role', '=', 'Receiver')
    .execute();
  if (incoming.some((r) => !SharingPolicySchema.parse(r.policy).onwardSharing)) {
    await appendAuditEventNow(
      ctx.db,
      {
        ...auditEvent(
          auth,
          'access.denied',
          { type: 'crossborder_case', id: kase.id },
          { action: 'create', reason: 'onward_sharing' },
        ),
        outcome: 'denied',
      },
      ctx.now(),
    );
    throw new DomainError(
      'FORBIDDEN',
      'This case came in under an agreement that does not allow onward sharing',
      { details: { reason: 'onward_sharing' } },
    );
  }
  const inForce = await findAgreementForPair(ctx.db, kase.country_code, input.toCountry, {
    code: input.agreementCode,
    purpose: input.purpose,
  });
  const share = {
    ctx,
    auth,
    caseId: kase.id,
    purpose: 'ShareCountry' as const,
    recipient: input.toCountry,
    overrideReason: input.overrideReason,
  };
  await preflightShare(share);

  // The full shareable map, then only what the policy allows.
  const c = await ctx.db
    .selectFrom('case_record')
    .innerJoin('person', 'person.id', 'case_record.person_id')
    .select([
      'case_record.identification_status',
      'case_record.identification_date',
      'case_record.forms_of_exploitation',
      'case_record.recruitment_methods',
      'case_record.methods_of_control',
      'case_record.labour_industries',
      'case_record.vulnerabilities',
      'case_record.country_of_exploitation',
      'case_record.age_at_identification',
      'case_record.gender as case_gender',
      'person.given_name_enc',
      'person.family_name_enc',
      'person.other_names_enc',
      'person.birth_date_enc',
      'person.id_document_enc',
      'person.contact_enc',
      'person.gender',
      'person.nationality',
      'person.ethnicity',
    ])
    .where('case_record.id', '=', kase.id)
    .executeTakeFirstOrThrow();
  const events = await ctx.db
    .selectFrom('case_event')
    .selectAll()
    .where('case_id', '=', kase.id)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .execute();
  const rights = await ctx.db
    .selectFrom('rights_notification')
    .select(['return_type', 'wishes_protection', 'contact_enc'])
    .where('case_id', '=', kase.id)
    .orderBy('notified_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const person = openPerson(ctx.config, c);
  const full: Partial<Record<ShareableField, unknown>> = {
    'person.givenName': person.givenName,
    'person.familyName': person.familyName,
    'person.otherNames': person.otherNames,
    'person.birthDate': person.birthDate,
    'person.estimatedAge': c.age_at_identification,
    'person.gender': c.gender,
    'person.nationality': c.nationality,
    'person.ethnicity': c.ethnicity,
    'person.idDocumentNumber': person.idDocumentNumber,
    'person.contact': person.contact,
    'victim.identificationStatus': c.identification_status,
    'victim.identificationDate': c.identification_date,
    'victim.formsOfExploitation': c.forms_of_exploitation,
    'victim.recruitmentMethods': c.recruitment_methods,
    'victim.methodsOfControl': c.methods_of_control,
    'victim.labourIndustries': c.labour_industries,
    'victim.vulnerabilities': c.vulnerabilities,
    'victim.countryOfExploitation': c.country_of_exploitation,
    'case.events': events.map((e) => ({
      type: e.type,
      country: e.country,
      state: e.state,
      city: e.city,
      date: e.occurred_on,
      description: openOptional(ctx.config, e.description_enc),
    })),
    'case.supportNeeds': input.supportNeeds,
    'rights.returnChoice': input.returnChoice ?? rights?.return_type ?? undefined,
    'rights.wishesProtection': input.wishesProtection ?? rights?.wishes_protection ?? undefined,
    'rights.contactAt':
      input.contactAt ?? openOptional(ctx.config, rights?.contact_enc) ?? undefined,
  };
  const { policy, policyVersion, agreement } = inForce;
  const { shared, withheld } = applySharingPolicy(full, policy);

  const id = crypto.randomUUID();
  const ref = crypto.randomUUID();
  const now = ctx.now();
  const today = todayIso(ctx);
  const origin = input.toCountry;
  const destination = kase.country_code;
  const returnChoice = (input.returnChoice ?? rights?.return_type ?? null) as string | null;
  const ageGroup = ageGroupOf(c.age_at_identification);
  const sex = c.case_gender ?? c.gender ?? 'Unknown';
  await ctx.db.transaction().execute(async (trx) => {
    const basis = await assertShareAllowed({ ...share, trx });
    await trx
      .insertInto('xb_case')
      .values({
        id,
        ref,
        role: 'Sender',
        peer_node: route.nodeId,
        local_country: kase.country_code,
        peer_country: input.toCountry,
        origin_country: origin,
        destination_country: destination,
        agreement_id: agreement.id,
        policy_version: policyVersion,
        purpose: input.purpose,
        status: 'Offered',
        case_id: kase.id,
        agency_id: kase.agency_id,
        case_code: kase.code,
        sex,
        age_group: ageGroup,
        return_choice: returnChoice,
        shared_enc: sealJson(ctx.config, shared),
        offered_at: now,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const due = stepDueDates(policy.steps, today, null);
    const stepRows =
      input.purpose === 'Repatriation'
        ? [...policy.steps]
            .sort((a, b) => REPATRIATION_STEPS.indexOf(a.step) - REPATRIATION_STEPS.indexOf(b.step))
            .map((s) => ({
              xb_case_id: id,
              step: s.step,
              position: REPATRIATION_STEPS.indexOf(s.step),
              owner: s.owner,
              owner_country: s.owner === 'origin' ? origin : destination,
              due_date: due.get(s.step) ?? null,
              status: 'Pending',
              updated_at: now,
            }))
        : [];
    if (stepRows.length > 0) {
      await trx.insertInto('xb_step').values(stepRows).execute();
    }
    await enqueueMessage(trx, ctx, {
      to: route,
      kind: 'referral.offer',
      ref,
      xbCaseId: id,
      fromRole: 'Sender',
      fromCountry: kase.country_code,
      toCountry: input.toCountry,
      agreement: agreement.code,
      policyVersion,
      body: {
        purpose: input.purpose,
        senderCaseCode: kase.code,
        originCountry: origin,
        destinationCountry: destination,
        offeredOn: today,
        steps: stepRows.map((s) => ({ step: s.step, owner: s.owner, dueDate: s.due_date })),
        sex,
        ageGroup,
      },
      sealed: { fields: shared },
    });
    await trx
      .updateTable('case_record')
      .set({ is_cross_border: true })
      .where('id', '=', kase.id)
      .execute();
    const change = {
      xbCaseId: id,
      toCountry: input.toCountry,
      agreement: agreement.code,
      purpose: input.purpose,
      overridden: basis.overridden,
    };
    await recordCaseHistory(trx, {
      caseId: kase.id,
      userId: actor.userId,
      action: 'crossborder.refer',
      changes: change,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'crossborder.refer',
        { type: 'crossborder_case', id },
        {
          caseId: kase.id,
          ...change,
          ref,
          policyVersion,
          consentId: basis.consentId,
          sharedFields: Object.keys(shared),
          withheldCount: withheld.length,
          withheldFields: withheld,
        },
      ),
      now,
    );
  });
  kickOutbox(ctx);
  return getXbCase({ ctx, auth, xbCaseId: id, audit: false });
}
