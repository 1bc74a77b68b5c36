import {
  EvidenceUploadInputSchema,
  IdSchema,
  PROGRESS_TRANSITIONS,
  ProgressCommentInputSchema,
  ProgressEntrySaveInputSchema,
  ProgressListQuerySchema,
  ProgressReportCreateInputSchema,
} from '@ctip/domain';
import {
  addProgressComment,
  addProgressEvidence,
  createProgressReport,
  deleteProgressEvidence,
  getProgressEvidence,
  getProgressReport,
  listProgressReports,
  listReviewQueue,
  type ServiceContext,
  saveProgressEntry,
  transitionProgressReport,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const Params = z.strictObject({ id: IdSchema });
const EntryParams = z.strictObject({ id: IdSchema, entryId: IdSchema });
const EvidenceParams = z.strictObject({ id: IdSchema, entryId: IdSchema, evidenceId: IdSchema });
/** A transition body: the report version, plus `comment` (return, approve) or `reason` (reopen). */
const TransitionBody = z.strictObject({
  version: z.number().int().min(1),
  comment: z.string().max(5000).optional(),
  reason: z.string().max(5000).optional(),
});

/** Room for a 5 MB evidence file in base64 plus its JSON envelope. */
const EVIDENCE_BODY_LIMIT = 8 * 1024 * 1024;

/** `Content-Disposition: attachment` with the file name encoded (RFC 6266 / 5987). */
function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Plans (progress area): progress reports with entries, evidence, comments, and the Secretariat's
 * review queue. Registered under /api.
 */
export const plansProgressRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/progress',
    {
      schema: {
        tags,
        summary: 'Progress reports the caller may read (filter by country, workplan, year, status)',
        querystring: ProgressListQuerySchema,
      },
    },
    async (request) => listProgressReports({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/plans/progress',
    {
      schema: {
        tags,
        summary: 'Start a progress report on a workplan for a period of its year',
        body: ProgressReportCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createProgressReport({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/review-queue',
    { schema: { tags, summary: 'Submitted progress reports awaiting the Secretariat' } },
    async (request) => listReviewQueue({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/plans/progress/:id',
    {
      schema: { tags, summary: 'A progress report with its entries and comments', params: Params },
    },
    async (request) => getProgressReport({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/progress/:id/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'Save one entry at its version (autosave)',
        params: EntryParams,
        body: ProgressEntrySaveInputSchema,
      },
    },
    async (request) =>
      saveProgressEntry({
        ctx,
        auth: authOf(request),
        reportId: request.params.id,
        entryId: request.params.entryId,
        input: request.body,
      }),
  );
  app.post(
    '/plans/progress/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on the report or one entry',
        params: Params,
        body: ProgressCommentInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addProgressComment({
          ctx,
          auth: authOf(request),
          id: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/plans/progress/:id/entries/:entryId/evidence',
    {
      bodyLimit: EVIDENCE_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Attach an evidence file (base64 in JSON, at most 5 MB)',
        params: EntryParams,
        body: EvidenceUploadInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addProgressEvidence({
          ctx,
          auth: authOf(request),
          reportId: request.params.id,
          entryId: request.params.entryId,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/plans/progress/:id/entries/:entryId/evidence/:evidenceId',
    { schema: { tags, summary: 'Download an evidence file (audited)', params: EvidenceParams } },
    async (request, reply) => {
      const file = await getProgressEvidence({
        ctx,
        auth: authOf(request),
        reportId: request.params.id,
        entryId: request.params.entryId,
        evidenceId: request.params.evidenceId,
      });
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
  app.delete(
    '/plans/progress/:id/entries/:entryId/evidence/:evidenceId',
    { schema: { tags, summary: 'Remove an evidence file', params: EvidenceParams } },
    async (request, reply) => {
      await deleteProgressEvidence({
        ctx,
        auth: authOf(request),
        reportId: request.params.id,
        entryId: request.params.entryId,
        evidenceId: request.params.evidenceId,
      });
      return reply.status(204).send();
    },
  );
  // One route per transition (not a `:transition` parameter, which would also catch paths such
  // as /plans/progress/:id/evidence and answer them with a field that is not theirs).
  const SUMMARY: Record<(typeof PROGRESS_TRANSITIONS)[number], string> = {
    submit: 'Submit the report to the Secretariat (the country)',
    return: 'Return the report with a comment (the Secretariat)',
    approve: 'Approve the report, which locks it (the Secretariat)',
    reopen: 'Reopen an approved report with a reason (the Secretariat)',
  };
  for (const transition of PROGRESS_TRANSITIONS) {
    app.post(
      `/plans/progress/:id/${transition}`,
      { schema: { tags, summary: SUMMARY[transition], params: Params, body: TransitionBody } },
      async (request) =>
        transitionProgressReport({
          ctx,
          auth: authOf(request),
          id: request.params.id,
          transition,
          input: Object.fromEntries(
            Object.entries(request.body).filter(([, v]) => v !== undefined),
          ),
        }),
    );
  }
};
