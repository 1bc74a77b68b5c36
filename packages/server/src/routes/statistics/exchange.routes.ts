import {
  IdSchema,
  ImportPreviewRequestSchema,
  ImportStartRequestSchema,
  SavedMappingInputSchema,
  StatExportQuerySchema,
} from '@ctip/domain';
import {
  createStatMapping,
  decodeUpload,
  deleteStatMapping,
  exportStatValues,
  getStatImportJob,
  importArgsOf,
  listStatMappings,
  previewStatImport,
  type ServiceContext,
  startStatImport,
  updateStatMapping,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

/** The largest upload (the file base64-encoded in JSON, as the case import receives files). */
const IMPORT_BODY_LIMIT = 96 * 1024 * 1024;

const IdParams = z.strictObject({ id: IdSchema });

/**
 * Statistics (exchange area), under /api: import preview and jobs, saved mappings, export.
 * Uploads are JSON `{ fileName, format?, sheet?, contentBase64 }` like the case import.
 */
export const statisticsExchangeRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['statistics'];

  app.post(
    '/statistics/imports/preview',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Preview a CSV, XLSX or ADX file: headers, first rows, suggested mapping',
        body: ImportPreviewRequestSchema,
      },
    },
    async (request) =>
      previewStatImport({ ctx, auth: authOf(request), file: decodeUpload(request.body) }),
  );

  app.post(
    '/statistics/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Start importing a statistics file (all or nothing); poll the job',
        body: ImportStartRequestSchema,
      },
    },
    async (request, reply) => {
      const job = await startStatImport({
        ctx,
        auth: authOf(request),
        ...importArgsOf(request.body),
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/statistics/imports/:id',
    { schema: { tags, summary: 'Progress, counts and row errors of an import', params: IdParams } },
    async (request) => getStatImportJob({ ctx, auth: authOf(request), id: request.params.id }),
  );

  app.get(
    '/statistics/mappings',
    { schema: { tags, summary: 'Saved column mappings' } },
    async (request) => listStatMappings({ ctx, auth: authOf(request) }),
  );

  app.post(
    '/statistics/mappings',
    { schema: { tags, summary: 'Save a column mapping', body: SavedMappingInputSchema } },
    async (request, reply) => {
      const saved = await createStatMapping({ ctx, auth: authOf(request), input: request.body });
      return reply.status(201).send(saved);
    },
  );

  app.put(
    '/statistics/mappings/:id',
    {
      schema: {
        tags,
        summary: 'Change a saved mapping',
        params: IdParams,
        body: SavedMappingInputSchema,
      },
    },
    async (request) =>
      updateStatMapping({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );

  app.delete(
    '/statistics/mappings/:id',
    { schema: { tags, summary: 'Delete a saved mapping', params: IdParams } },
    async (request, reply) => {
      await deleteStatMapping({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/statistics/export',
    {
      schema: {
        tags,
        summary:
          'Export raw values (long layout) as CSV, XLSX or ADX; disclosure-controlled unless internal',
        querystring: StatExportQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await exportStatValues({ ctx, auth: authOf(request), query: request.query });
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-ctip-exported', String(file.exported))
        .header('x-ctip-suppressed', String(file.suppressed))
        .header('x-ctip-internal', String(file.internal))
        .header(
          'access-control-expose-headers',
          'x-ctip-exported, x-ctip-suppressed, x-ctip-internal',
        )
        .send(file.body);
    },
  );
};
