import { ConsentPurposeSchema, IdSchema } from '@ctip/domain';
import {
  CASE_FILE_FORMATS,
  CASE_FILE_MEDIA_TYPES,
  type CaseFileFormat,
  exportCases,
  getImportJob,
  type ServiceContext,
  startCaseImport,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

/** The largest upload (raw file, or its base64 in JSON). */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const XLSX_TYPE = CASE_FILE_MEDIA_TYPES.xlsx;

/**
 * The upload, as JSON or as what the raw-body parsers below turn a raw file into. Raw bytes become
 * base64 text so that one documented schema validates every form, and the input guard (which walks
 * the body) sees one string rather than every byte of a Buffer.
 */
const UploadSchema = z.strictObject({
  format: z.enum(CASE_FILE_FORMATS),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1),
});

const rawUpload = (format: CaseFileFormat) => async (_request: unknown, body: Buffer) => ({
  format,
  contentBase64: body.toString('base64'),
});

const JobParams = z.strictObject({ id: IdSchema });

const ExportQuery = z.strictObject({
  format: z.enum(CASE_FILE_FORMATS).default('csv'),
  purpose: ConsentPurposeSchema.optional(),
  includePersonal: z.enum(['true', 'false']).default('false'),
});

/**
 * HTCDS case import and export: upload a CSV or XLSX file (raw `text/csv` or XLSX body, or JSON
 * `{ format, contentBase64 }`), poll the import job, download an export.
 */
export const caseTransferRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['cases'];
  // Raw file bodies, for this plugin's routes only.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    rawUpload('csv'),
  );
  app.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    rawUpload('xlsx'),
  );

  app.post(
    '/cases/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Start importing an HTCDS case file (CSV or XLSX); poll the job',
        description:
          'Body: JSON { format, contentBase64 }, or the raw file as text/csv or as ' +
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
        body: UploadSchema,
      },
    },
    async (request, reply) => {
      const file = {
        format: request.body.format,
        data: Buffer.from(request.body.contentBase64, 'base64'),
      };
      const job = await startCaseImport({ ctx, auth: authOf(request), file });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/cases/import/:id',
    { schema: { tags, summary: 'Progress and error report of an import', params: JobParams } },
    async (request) => getImportJob({ ctx, auth: authOf(request), id: request.params.id }),
  );

  app.get(
    '/cases/export',
    {
      schema: {
        tags,
        summary: 'Export cases as an HTCDS CSV or XLSX file (pseudonymous unless includePersonal)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const file = await exportCases({ ctx, auth: authOf(request), query: request.query });
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-ctip-exported', String(file.exported))
        .header('x-ctip-left-out', String(file.leftOut))
        .header('access-control-expose-headers', 'x-ctip-exported, x-ctip-left-out')
        .send(file.body);
    },
  );
};
