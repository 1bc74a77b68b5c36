import type { Database } from '@ctip/db';
import {
  DomainError,
  LOCALES,
  type Locale,
  type RightsNotification,
  type RightsNotificationInput,
  RightsNotificationInputSchema,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { openOptional, openPerson, sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceConfig, ServiceContext } from '../context';
import { type RightsFormData, renderRightsFormHtml } from './rights-form-html';

type Row = Selectable<Database['rights_notification']> & { official_name: string | null };

function rowToNotification(config: ServiceConfig, r: Row): RightsNotification {
  return {
    id: r.id,
    caseId: r.case_id,
    place: r.place,
    notifiedOn: r.notified_on,
    language: r.language as Locale,
    title: r.title as RightsNotification['title'],
    returningFrom: r.returning_from,
    identifiedByAgency: r.identified_by_agency,
    identifiedIn: r.identified_in,
    repatriatedBy: r.repatriated_by as RightsNotification['repatriatedBy'],
    repatriatedByOther: r.repatriated_by_other,
    returnType: r.return_type as RightsNotification['returnType'],
    acknowledged: r.acknowledged,
    wishesProtection: r.wishes_protection,
    shelterName: r.shelter_name,
    declineReason: r.decline_reason,
    contact: openOptional(config, r.contact_enc),
    officialUserId: r.official_user_id,
    officialName: r.official_name,
    witnessName: openOptional(config, r.witness_name_enc),
    interpreterName: openOptional(config, r.interpreter_name_enc),
    createdAt: isoOf(r.created_at) as string,
  };
}

function selectNotifications(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('rights_notification')
    .leftJoin('app_user', 'app_user.id', 'rights_notification.official_user_id')
    .selectAll('rights_notification')
    .select('app_user.display_name as official_name');
}

/**
 * Record that the person was informed of their rights (and their protection choice). Contact,
 * witness and interpreter names are sealed.
 * @throws FORBIDDEN (audited) without update access to the case; INVALID_INPUT
 */
export async function recordRightsNotification(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: RightsNotificationInput;
}): Promise<RightsNotification> {
  const { ctx, auth } = args;
  const input = parseInput(RightsNotificationInputSchema, args.input);
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'update');
  const officialId = input.officialUserId ?? auth.actor.userId;
  if (input.officialUserId) {
    const u = await ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', officialId)
      .executeTakeFirst();
    if (!u) {
      throw new DomainError('INVALID_INPUT', 'officialUserId: no such user', {
        field: 'officialUserId',
      });
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rights_notification')
      .values({
        id,
        case_id: kase.id,
        place: input.place,
        notified_on: input.notifiedOn,
        language: input.language,
        title: input.title ?? null,
        returning_from: input.returningFrom ?? null,
        identified_by_agency: input.identifiedByAgency ?? null,
        identified_in: input.identifiedIn ?? null,
        repatriated_by: input.repatriatedBy ?? null,
        repatriated_by_other:
          input.repatriatedBy === 'Agency' ? (input.repatriatedByOther ?? null) : null,
        return_type: input.returnType ?? null,
        acknowledged: input.acknowledged,
        wishes_protection: input.wishesProtection,
        shelter_name: input.wishesProtection ? (input.shelterName ?? null) : null,
        decline_reason: input.wishesProtection ? null : (input.declineReason ?? null),
        contact_enc: sealOptional(ctx.config, input.wishesProtection ? null : input.contact),
        official_user_id: officialId,
        witness_name_enc: sealOptional(ctx.config, input.witnessName),
        interpreter_name_enc: sealOptional(ctx.config, input.interpreterName),
        recorded_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    const change = {
      notificationId: id,
      language: input.language,
      wishesProtection: input.wishesProtection,
    };
    await recordCaseHistory(trx, {
      caseId: kase.id,
      userId: auth.actor.userId,
      action: 'rights.record',
      changes: change,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'rights.record',
        { type: 'rights_notification', id },
        { caseId: kase.id, ...change },
      ),
      now,
    );
  });
  const row = await selectNotifications(ctx)
    .where('rights_notification.id', '=', id)
    .executeTakeFirstOrThrow();
  return rowToNotification(ctx.config, row);
}

/**
 * The rights notifications of a case, newest first.
 * @throws FORBIDDEN (audited) without read access to the case
 */
export async function listRightsNotifications(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<RightsNotification[]> {
  const { ctx, auth } = args;
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const rows = await selectNotifications(ctx)
    .where('rights_notification.case_id', '=', kase.id)
    .orderBy('rights_notification.created_at', 'desc')
    .orderBy('rights_notification.id')
    .execute();
  return rows.map((r) => rowToNotification(ctx.config, r));
}

/**
 * The print-ready HTML of a rights notification in `language` (default: the person's), with the
 * person's details filled in. Audited as `rights.print`.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function renderRightsNotification(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  notificationId: string;
  language?: string;
  format: 'pdf' | 'html';
  printButton?: boolean;
  /** CSP nonce of the print button's script. */
  nonce?: string;
}): Promise<{ html: string; language: Locale }> {
  const { ctx, auth } = args;
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const row = await selectNotifications(ctx)
    .where('rights_notification.id', '=', args.notificationId)
    .where('rights_notification.case_id', '=', kase.id)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such rights notification on this case');
  }
  const n = rowToNotification(ctx.config, row);
  const language = (LOCALES as readonly string[]).includes(args.language ?? '')
    ? (args.language as Locale)
    : n.language;
  const person = await ctx.db
    .selectFrom('case_record')
    .innerJoin('person', 'person.id', 'case_record.person_id')
    .select([
      'person.given_name_enc',
      'person.family_name_enc',
      'person.other_names_enc',
      'person.birth_date_enc',
      'person.id_document_enc',
      'person.contact_enc',
      'person.nationality',
      'case_record.age_at_identification',
    ])
    .where('case_record.id', '=', kase.id)
    .executeTakeFirstOrThrow();
  const p = openPerson(ctx.config, person);
  const codes = [person.nationality, n.returningFrom, n.identifiedIn].filter((c): c is string =>
    Boolean(c),
  );
  const countries = codes.length
    ? await ctx.db
        .selectFrom('country')
        .select(['code', 'name', 'names'])
        .where('code', 'in', codes)
        .execute()
    : [];
  const countryName = (code: string | null): string | null => {
    if (!code) {
      return null;
    }
    const c = countries.find((x) => x.code === code);
    const names = (c?.names ?? {}) as Record<string, unknown>;
    return typeof names[language] === 'string' ? (names[language] as string) : (c?.name ?? code);
  };
  const data: RightsFormData = {
    notification: n,
    personName: [p.givenName, p.familyName].filter(Boolean).join(' ') || null,
    age: person.age_at_identification,
    nationality: countryName(person.nationality),
    idDocument: p.idDocumentNumber,
    returningFrom: countryName(n.returningFrom),
    identifiedIn: countryName(n.identifiedIn),
    caseCode: kase.code,
  };
  const now = ctx.now();
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'rights.print',
          { type: 'rights_notification', id: n.id },
          { caseId: kase.id, language, format: args.format },
        ),
        now,
      ),
    );
  return {
    html: renderRightsFormHtml(data, language, {
      printButton: args.printButton ?? false,
      nonce: args.nonce,
    }),
    language,
  };
}
