import {
  AgencyCreateInputSchema,
  AgencyUpdateInputSchema,
  AuditQuerySchema,
  IdSchema,
  RoleCreateInputSchema,
  RoleUpdateInputSchema,
} from '@ctip/domain';
import {
  AgencyListQuerySchema,
  createAgency,
  createRole,
  deleteAgency,
  deleteRole,
  exportAuditEvents,
  findAgencies,
  findAuditEvents,
  getAgencyById,
  getRoleById,
  listRoles,
  type ServiceContext,
  updateAgency,
  updateRole,
  verifyAuditChainAs,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/** Agencies. */
export const agencyRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['agencies'];
  app.get(
    '/',
    { schema: { tags, summary: 'List agencies', querystring: AgencyListQuerySchema } },
    async (request) => findAgencies({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/',
    { schema: { tags, summary: 'Register an agency', body: AgencyCreateInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAgency({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get('/:id', { schema: { tags, summary: 'One agency', params: IdParams } }, async (request) =>
    getAgencyById({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change an agency',
        params: IdParams,
        body: AgencyUpdateInputSchema,
      },
    },
    async (request) =>
      updateAgency({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/:id',
    { schema: { tags, summary: 'Retire an agency', params: IdParams } },
    async (request, reply) => {
      await deleteAgency({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
};

/** Roles. */
export const roleRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['roles'];
  app.get('/', { schema: { tags, summary: 'List roles' } }, async (request) => ({
    items: await listRoles({ ctx, auth: authOf(request) }),
  }));
  app.post(
    '/',
    { schema: { tags, summary: 'Define a role', body: RoleCreateInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await createRole({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get('/:id', { schema: { tags, summary: 'One role', params: IdParams } }, async (request) =>
    getRoleById({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/:id',
    { schema: { tags, summary: 'Change a role', params: IdParams, body: RoleUpdateInputSchema } },
    async (request) =>
      updateRole({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/:id',
    { schema: { tags, summary: 'Delete a custom role', params: IdParams } },
    async (request, reply) => {
      await deleteRole({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
};

/** The audit trail. */
export const auditRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['audit'];
  app.get(
    '/',
    { schema: { tags, summary: 'Search audit events', querystring: AuditQuerySchema } },
    async (request) => findAuditEvents({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'Export matching audit events as CSV',
        querystring: AuditQuerySchema,
      },
    },
    async (request, reply) => {
      const result = await exportAuditEvents({ ctx, auth: authOf(request), query: request.query });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-events.csv"')
        .header('x-export-rows', String(result.rows))
        .header('x-export-truncated', String(result.truncated))
        .send(result.csv);
    },
  );
  app.get('/verify', { schema: { tags, summary: 'Verify the hash chain' } }, async (request) =>
    verifyAuditChainAs({ ctx, auth: authOf(request) }),
  );
};
