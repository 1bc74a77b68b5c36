import {
  CaseAttachmentInputSchema,
  CaseCreateInputSchema,
  CaseListQuerySchema,
  CaseNoteInputSchema,
  CaseUpdateInputSchema,
  DomainError,
  IdSchema,
  PerpetratorInputSchema,
  SavedSearchInputSchema,
  TraffickingEventInputSchema,
} from '@ctip/domain';
import {
  addCaseAttachment,
  addCaseEvent,
  addCaseNote,
  addPerpetrator,
  createCase,
  createSavedSearch,
  deleteCaseEvent,
  deleteSavedSearch,
  findCases,
  getCase,
  getCaseAttachment,
  listCaseAttachments,
  listCaseEvents,
  listCaseHistory,
  listCaseNotes,
  listPerpetrators,
  listSavedSearches,
  type ServiceContext,
  updateCase,
  updateSavedSearch,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });
const EventParams = z.strictObject({ id: IdSchema, eventId: IdSchema });
const AttachmentParams = z.strictObject({ id: IdSchema, attachmentId: IdSchema });

/** Room for a 5 MB file in base64 plus its JSON envelope. */
const ATTACHMENT_BODY_LIMIT = 8 * 1024 * 1024;

/** `Content-Disposition: attachment` with the file name encoded (RFC 6266 / 5987). */
function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Cases core: the case record, its events, perpetrators, notes, attachments, history, searches. */
export const casesRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['cases'];

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Find cases (no name: see POST /cases/search)',
        querystring: CaseListQuerySchema,
      },
    },
    async (request) => {
      // A name never travels in a URL (proxies and browsers keep URLs): name searches are POSTed.
      if (request.query.name) {
        throw new DomainError('INVALID_INPUT', 'name: search by name with POST /api/cases/search', {
          field: 'name',
        });
      }
      return findCases({ ctx, auth: authOf(request), query: request.query });
    },
  );
  app.post(
    '/cases/search',
    {
      schema: {
        tags,
        summary: 'Find cases, filters in the body (for name searches)',
        body: CaseListQuerySchema,
      },
    },
    async (request) => findCases({ ctx, auth: authOf(request), query: request.body }),
  );
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a case (proposes likely duplicates first: 409 with their codes)',
        body: CaseCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCase({ ctx, auth: authOf(request), input: request.body })),
  );

  // Saved searches: static paths, matched before `/cases/:id`.
  app.get(
    '/cases/saved-searches',
    { schema: { tags, summary: 'My saved case searches' } },
    async (request) => listSavedSearches({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/cases/saved-searches',
    { schema: { tags, summary: 'Save a case search', body: SavedSearchInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSavedSearch({ ctx, auth: authOf(request), input: request.body })),
  );
  app.put(
    '/cases/saved-searches/:id',
    {
      schema: {
        tags,
        summary: 'Change a saved case search',
        params: IdParams,
        body: SavedSearchInputSchema,
      },
    },
    async (request) =>
      updateSavedSearch({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/cases/saved-searches/:id',
    { schema: { tags, summary: 'Delete a saved case search', params: IdParams } },
    async (request, reply) => {
      await deleteSavedSearch({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/cases/:id',
    { schema: { tags, summary: 'One case in full', params: IdParams } },
    async (request) => getCase({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'Change a case (at the version edited; stale is 409)',
        params: IdParams,
        body: CaseUpdateInputSchema,
      },
    },
    async (request) =>
      updateCase({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );

  app.get(
    '/cases/:id/events',
    { schema: { tags, summary: 'Trafficking events of a case', params: IdParams } },
    async (request) => listCaseEvents({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/events',
    {
      schema: {
        tags,
        summary: 'Add a trafficking event',
        params: IdParams,
        body: TraffickingEventInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addCaseEvent({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.delete(
    '/cases/:id/events/:eventId',
    { schema: { tags, summary: 'Remove a trafficking event', params: EventParams } },
    async (request, reply) => {
      await deleteCaseEvent({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        eventId: request.params.eventId,
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/cases/:id/perpetrators',
    { schema: { tags, summary: 'Perpetrators of a case', params: IdParams } },
    async (request) => listPerpetrators({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/perpetrators',
    {
      schema: {
        tags,
        summary: 'Add a perpetrator',
        params: IdParams,
        body: PerpetratorInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addPerpetrator({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.get(
    '/cases/:id/notes',
    { schema: { tags, summary: 'Notes of a case', params: IdParams } },
    async (request) => listCaseNotes({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/notes',
    { schema: { tags, summary: 'Add a note', params: IdParams, body: CaseNoteInputSchema } },
    async (request, reply) =>
      reply.status(201).send(
        await addCaseNote({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.get(
    '/cases/:id/attachments',
    { schema: { tags, summary: 'Attachments of a case', params: IdParams } },
    async (request) =>
      listCaseAttachments({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/attachments',
    {
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Attach a file (JSON, base64, at most 5 MB)',
        params: IdParams,
        body: CaseAttachmentInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addCaseAttachment({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/cases/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an attachment (audited)', params: AttachmentParams } },
    async (request, reply) => {
      const file = await getCaseAttachment({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );

  app.get(
    '/cases/:id/history',
    { schema: { tags, summary: 'Change history of a case', params: IdParams } },
    async (request) => listCaseHistory({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
};
