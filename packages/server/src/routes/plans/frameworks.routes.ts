import {
  FrameworkCreateInputSchema,
  FrameworkIdSchema,
  FrameworkImportInputSchema,
  FrameworkUpdateInputSchema,
  IdSchema,
  NodeCreateInputSchema,
  NodeDeleteInputSchema,
  NodeUpdateInputSchema,
  PublishInputSchema,
} from '@ctip/domain';
import {
  addFrameworkNode,
  createFramework,
  deleteFrameworkNode,
  diffFrameworkRevisions,
  getFramework,
  getFrameworkRevision,
  importFramework,
  listFrameworkRevisions,
  listFrameworks,
  publishFramework,
  type ServiceContext,
  updateFramework,
  updateFrameworkNode,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const FrameworkParams = z.strictObject({ id: FrameworkIdSchema });
const NodeParams = z.strictObject({ id: FrameworkIdSchema, nodeId: IdSchema });
const RevisionParams = z.strictObject({
  id: FrameworkIdSchema,
  revision: z.coerce.number().int().min(1),
});
const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.union([z.literal('live'), z.coerce.number().int().min(1)]),
});

/**
 * Plans (frameworks area): SPA frameworks as trees; nodes, links and MoU articles edited in place,
 * published as numbered revisions, diffed, created by form or imported whole. Registered under /api.
 */
export const plansFrameworksRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/frameworks',
    { schema: { tags, summary: 'Plan frameworks (SPA I-IV, …) with node counts' } },
    async (request) => listFrameworks({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/plans/frameworks',
    {
      schema: {
        tags,
        summary: 'Create a framework (empty Draft tree)',
        body: FrameworkCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createFramework({ ctx, auth: authOf(request), input: request.body })),
  );
  app.post(
    '/plans/frameworks/import',
    {
      schema: {
        tags,
        summary: 'Import a whole framework from JSON or CSV (dryRun = validation report only)',
        body: FrameworkImportInputSchema,
      },
    },
    async (request, reply) => {
      const report = await importFramework({ ctx, auth: authOf(request), input: request.body });
      return reply.status(report.dryRun ? 200 : 201).send(report);
    },
  );
  app.get(
    '/plans/frameworks/:id',
    { schema: { tags, summary: 'A framework with its live tree', params: FrameworkParams } },
    async (request) => getFramework({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/frameworks/:id',
    {
      schema: {
        tags,
        summary: 'Change a framework header',
        params: FrameworkParams,
        body: FrameworkUpdateInputSchema,
      },
    },
    async (request) =>
      updateFramework({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/plans/frameworks/:id/nodes',
    {
      schema: { tags, summary: 'Add a node', params: FrameworkParams, body: NodeCreateInputSchema },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addFrameworkNode({
          ctx,
          auth: authOf(request),
          frameworkId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.put(
    '/plans/frameworks/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Edit or move a node',
        params: NodeParams,
        body: NodeUpdateInputSchema,
      },
    },
    async (request) =>
      updateFrameworkNode({
        ctx,
        auth: authOf(request),
        frameworkId: request.params.id,
        nodeId: request.params.nodeId,
        input: request.body,
      }),
  );
  app.delete(
    '/plans/frameworks/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Delete a node and its children',
        params: NodeParams,
        querystring: z.strictObject({ version: z.coerce.number().int().min(1) }),
      },
    },
    async (request) =>
      deleteFrameworkNode({
        ctx,
        auth: authOf(request),
        frameworkId: request.params.id,
        nodeId: request.params.nodeId,
        input: NodeDeleteInputSchema.parse({ version: request.query.version }),
      }),
  );
  app.post(
    '/plans/frameworks/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the live tree as a revision',
        params: FrameworkParams,
        body: PublishInputSchema,
      },
    },
    async (request) =>
      publishFramework({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.get(
    '/plans/frameworks/:id/revisions',
    { schema: { tags, summary: 'Published revisions, newest first', params: FrameworkParams } },
    async (request) =>
      listFrameworkRevisions({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.get(
    '/plans/frameworks/:id/revisions/diff',
    {
      schema: {
        tags,
        summary: 'Differences between two revisions (to=live: the unpublished tree)',
        params: FrameworkParams,
        querystring: DiffQuery,
      },
    },
    async (request) =>
      diffFrameworkRevisions({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        from: request.query.from,
        to: request.query.to,
      }),
  );
  app.get(
    '/plans/frameworks/:id/revisions/:revision',
    { schema: { tags, summary: 'One published revision', params: RevisionParams } },
    async (request) =>
      getFrameworkRevision({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        revision: request.params.revision,
      }),
  );
};
