import { randomUUID } from 'node:crypto';
import {
  CASE_ATTACHMENT_MAX_BYTES,
  type CaseAttachment,
  type CaseAttachmentInput,
  CaseAttachmentInputSchema,
  DomainError,
  IdSchema,
} from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { decryptSecret, encryptSecret } from '../crypto/secret-box';
import { auditCaseRead, loadCaseForAccess, recordCaseHistory } from './case-access';

type CaseArgs = { ctx: ServiceContext; auth: AuthContext; caseId: string };

/**
 * Attach a file (sent as base64 JSON, at most 5 MB) to a case; name and content are sealed.
 * Audited as `case.attachment_add` with the media type and size only.
 * @throws INVALID_INPUT, PAYLOAD_TOO_LARGE, FORBIDDEN (audited), NOT_FOUND
 */
export async function addCaseAttachment(
  args: CaseArgs & { input: CaseAttachmentInput },
): Promise<CaseAttachment> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(CaseAttachmentInputSchema, args.input);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) {
    throw new DomainError('INVALID_INPUT', 'contentBase64: the file is empty', {
      field: 'contentBase64',
    });
  }
  if (bytes.length > CASE_ATTACHMENT_MAX_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', 'contentBase64: the file is larger than 5 MB', {
      field: 'contentBase64',
    });
  }
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_attachment')
      .values({
        id,
        case_id: caseId,
        uploaded_by: auth.actor.userId,
        file_name_enc: encryptSecret(ctx.config, input.fileName),
        media_type: input.mediaType.toLowerCase(),
        size_bytes: bytes.length,
        content_enc: encryptSecret(ctx.config, bytes.toString('base64')),
        created_at: now,
      })
      .execute();
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'attachment_add',
      changes: { mediaType: input.mediaType.toLowerCase(), sizeBytes: bytes.length },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'case.attachment_add',
        { type: 'case', id: caseId },
        { attachmentId: id, mediaType: input.mediaType.toLowerCase(), sizeBytes: bytes.length },
      ),
      now,
    );
  });
  const uploader = await ctx.db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', auth.actor.userId)
    .executeTakeFirst();
  return {
    id,
    fileName: input.fileName,
    mediaType: input.mediaType.toLowerCase(),
    sizeBytes: bytes.length,
    uploadedBy: auth.actor.userId,
    uploadedByName: uploader?.display_name ?? '',
    createdAt: now.toISOString(),
  };
}

/**
 * The attachments of a case (without content). Audited as a read of the case.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function listCaseAttachments(args: CaseArgs): Promise<{ items: CaseAttachment[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('case_attachment')
    .innerJoin('app_user', 'app_user.id', 'case_attachment.uploaded_by')
    .select([
      'case_attachment.id',
      'case_attachment.file_name_enc',
      'case_attachment.media_type',
      'case_attachment.size_bytes',
      'case_attachment.uploaded_by',
      'case_attachment.created_at',
      'app_user.display_name',
    ])
    .where('case_attachment.case_id', '=', caseId)
    .orderBy('case_attachment.created_at', 'desc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'attachments');
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileName: decryptSecret(ctx.config, r.file_name_enc),
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      uploadedBy: r.uploaded_by,
      uploadedByName: r.display_name,
      createdAt: isoOf(r.created_at) as string,
    })),
  };
}

/**
 * One attachment with its bytes, for download. Audited as `case.attachment_read`.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function getCaseAttachment(
  args: CaseArgs & { attachmentId: string },
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const attachmentId = parseInput(IdSchema, args.attachmentId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const row = await ctx.db
    .selectFrom('case_attachment')
    .select(['file_name_enc', 'media_type', 'content_enc'])
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such attachment on this case');
  }
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'case.attachment_read', { type: 'case', id: caseId }, { attachmentId }),
    ctx.now(),
  );
  return {
    fileName: decryptSecret(ctx.config, row.file_name_enc),
    mediaType: row.media_type,
    content: Buffer.from(decryptSecret(ctx.config, row.content_enc), 'base64'),
  };
}
