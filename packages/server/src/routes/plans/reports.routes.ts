import {
  IdSchema,
  ReportFinaliseInputSchema,
  ReportInputSchema,
  ReportReopenInputSchema,
  ReportUpdateInputSchema,
} from '@ctip/domain';
import {
  createReport,
  downloadReportOutput,
  finaliseReport,
  getReport,
  getReportRun,
  listReportRuns,
  listReports,
  reopenReport,
  reportOptions,
  type ServiceContext,
  startReportRun,
  updateReport,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const ReportParams = z.strictObject({ id: IdSchema });
const RunParams = z.strictObject({ id: IdSchema, runId: IdSchema });
const OutputParams = z.strictObject({
  id: IdSchema,
  runId: IdSchema,
  output: z.enum(['pdf', 'xlsx', 'html']),
});

function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Plans (report area): monitoring reports, their background generation runs with progress, the
 * generated HTML/PDF/XLSX, finalise (lock) and reopen. Registered under /api.
 */
export const plansReportsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/reports',
    { schema: { tags, summary: 'Monitoring reports the caller may see' } },
    async (request) => listReports({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/plans/reports/options',
    { schema: { tags, summary: 'Frameworks and countries the report builder offers' } },
    async (request) => reportOptions({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/plans/reports',
    { schema: { tags, summary: 'Create a monitoring report (Draft)', body: ReportInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createReport({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/reports/:id',
    {
      schema: { tags, summary: 'One monitoring report with its latest run', params: ReportParams },
    },
    async (request) => getReport({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/reports/:id',
    {
      schema: {
        tags,
        summary: 'Change a Draft report (version)',
        params: ReportParams,
        body: ReportUpdateInputSchema,
      },
    },
    async (request) =>
      updateReport({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/plans/reports/:id/finalise',
    {
      schema: {
        tags,
        summary: 'Finalise (lock) the report',
        params: ReportParams,
        body: ReportFinaliseInputSchema,
      },
    },
    async (request) =>
      finaliseReport({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/plans/reports/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a final report (reason)',
        params: ReportParams,
        body: ReportReopenInputSchema,
      },
    },
    async (request) =>
      reopenReport({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.get(
    '/plans/reports/:id/runs',
    { schema: { tags, summary: 'Generation runs of a report', params: ReportParams } },
    async (request) => listReportRuns({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.post(
    '/plans/reports/:id/runs',
    { schema: { tags, summary: 'Start a generation run (background)', params: ReportParams } },
    async (request, reply) =>
      reply
        .status(202)
        .send(await startReportRun({ ctx, auth: authOf(request), id: request.params.id })),
  );
  app.get(
    '/plans/reports/:id/runs/:runId',
    { schema: { tags, summary: 'A run: status, progress %, stage', params: RunParams } },
    async (request) =>
      getReportRun({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        runId: request.params.runId,
      }),
  );
  app.get(
    '/plans/reports/:id/runs/:runId/:output',
    { schema: { tags, summary: 'The PDF, XLSX or HTML of a finished run', params: OutputParams } },
    async (request, reply) => {
      const file = await downloadReportOutput({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        runId: request.params.runId,
        output: request.params.output,
      });
      reply.header('cache-control', 'no-store');
      if (request.params.output === 'html') {
        // The preview is static: no script at all, styles inline, charts inline SVG.
        reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
        );
        return reply
          .type(file.mediaType)
          .header('content-disposition', disposition('inline', file.fileName))
          .send(file.body);
      }
      return reply
        .type(file.mediaType)
        .header(
          'content-disposition',
          disposition(request.params.output === 'pdf' ? 'inline' : 'attachment', file.fileName),
        )
        .send(file.body);
    },
  );
};
