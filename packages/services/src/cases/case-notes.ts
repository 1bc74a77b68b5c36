import { randomUUID } from 'node:crypto';
import { type CaseNote, type CaseNoteInput, CaseNoteInputSchema, IdSchema } from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { encryptSecret } from '../crypto/secret-box';
import { auditCaseRead, loadCaseForAccess, recordCaseHistory } from './case-access';
import { openOptional } from './person-crypto';

type CaseArgs = { ctx: ServiceContext; auth: AuthContext; caseId: string };

/**
 * Add a case note (sealed at rest). Audited as `case.note_add` without the text.
 * @throws INVALID_INPUT, FORBIDDEN (audited), NOT_FOUND
 */
export async function addCaseNote(args: CaseArgs & { input: CaseNoteInput }): Promise<CaseNote> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(CaseNoteInputSchema, args.input);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_note')
      .values({
        id,
        case_id: caseId,
        author_user_id: auth.actor.userId,
        body_enc: encryptSecret(ctx.config, input.body),
        created_at: now,
      })
      .execute();
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'note_add',
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'case.note_add', { type: 'case', id: caseId }, { noteId: id }),
      now,
    );
  });
  const author = await ctx.db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', auth.actor.userId)
    .executeTakeFirst();
  return {
    id,
    body: input.body,
    authorUserId: auth.actor.userId,
    authorName: author?.display_name ?? '',
    createdAt: now.toISOString(),
  };
}

/**
 * The notes of a case, newest first, decrypted. Audited as a read of the case.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function listCaseNotes(args: CaseArgs): Promise<{ items: CaseNote[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('case_note')
    .innerJoin('app_user', 'app_user.id', 'case_note.author_user_id')
    .select([
      'case_note.id',
      'case_note.body_enc',
      'case_note.author_user_id',
      'case_note.created_at',
      'app_user.display_name',
    ])
    .where('case_note.case_id', '=', caseId)
    .orderBy('case_note.created_at', 'desc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'notes');
  return {
    items: rows.map((r) => ({
      id: r.id,
      body: openOptional(ctx.config, r.body_enc) ?? '',
      authorUserId: r.author_user_id,
      authorName: r.display_name,
      createdAt: isoOf(r.created_at) as string,
    })),
  };
}
