import {
  AgreementInputSchema,
  AgreementListQuerySchema,
  AgreementRevisionInputSchema,
  AgreementUpdateInputSchema,
  BorderPointListQuerySchema,
  IdSchema,
  SharingPolicyInputSchema,
} from '@ctip/domain';
import {
  activatePolicyVersion,
  addAgreementRevision,
  createAgreement,
  createPolicyDraft,
  findAgreements,
  getAgreement,
  listBorderPoints,
  listPolicyVersions,
  type ServiceContext,
  updateAgreement,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const AgreementParams = z.strictObject({ agreementId: IdSchema });
const PolicyParams = z.strictObject({
  agreementId: IdSchema,
  version: z.coerce.number().int().min(1).max(100_000),
});

/**
 * Agreements as policy: the registry of bilateral and multilateral instruments, their revisions,
 * versioned sharing policies (draft, put in force) and the border points. Registered under /api.
 */
export const agreementsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['agreements'];
  app.get(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'Instruments whose parties lie in the caller’s scope',
        querystring: AgreementListQuerySchema,
      },
    },
    async (request) => findAgreements({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/agreements',
    { schema: { tags, summary: 'Register an instrument', body: AgreementInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAgreement({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'An instrument with parties, revisions and policy versions',
        params: AgreementParams,
      },
    },
    async (request) => getAgreement({ ctx, auth: authOf(request), id: request.params.agreementId }),
  );
  app.patch(
    '/agreements/:agreementId',
    {
      schema: {
        tags,
        summary: 'Change an instrument (optimistic `version`: 409 when stale)',
        params: AgreementParams,
        body: AgreementUpdateInputSchema,
      },
    },
    async (request) =>
      updateAgreement({
        ctx,
        auth: authOf(request),
        id: request.params.agreementId,
        input: request.body,
      }),
  );
  app.post(
    '/agreements/:agreementId/revisions',
    {
      schema: {
        tags,
        summary: 'Record a revision or amendment',
        params: AgreementParams,
        body: AgreementRevisionInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addAgreementRevision({
          ctx,
          auth: authOf(request),
          id: request.params.agreementId,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/agreements/:agreementId/policies',
    {
      schema: { tags, summary: 'Sharing-policy versions, newest first', params: AgreementParams },
    },
    async (request) =>
      listPolicyVersions({ ctx, auth: authOf(request), agreementId: request.params.agreementId }),
  );
  app.post(
    '/agreements/:agreementId/policies',
    {
      schema: {
        tags,
        summary: 'Store a new draft version of the sharing policy',
        params: AgreementParams,
        body: SharingPolicyInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createPolicyDraft({
          ctx,
          auth: authOf(request),
          agreementId: request.params.agreementId,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/agreements/:agreementId/policies/:version/activate',
    {
      schema: {
        tags,
        summary: 'Put a policy version in force (the one in force before is superseded)',
        params: PolicyParams,
      },
    },
    async (request) =>
      activatePolicyVersion({
        ctx,
        auth: authOf(request),
        agreementId: request.params.agreementId,
        version: request.params.version,
      }),
  );
  app.get(
    '/border-points',
    {
      schema: {
        tags,
        summary: 'Cross-border offices and facilities in the caller’s scope',
        querystring: BorderPointListQuerySchema,
      },
    },
    async (request) => listBorderPoints({ ctx, auth: authOf(request), query: request.query }),
  );
};
