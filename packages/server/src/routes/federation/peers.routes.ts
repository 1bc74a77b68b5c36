import { IdSchema, NodeIdSchema } from '@ctip/domain';
import {
  addPeer,
  type FederationMessageQuerySchema,
  getNodeIdentity,
  listFederationMessages,
  listPeers,
  PeerInputSchema,
  PeerUpdateInputSchema,
  pingPeer,
  retryMessage,
  type ServiceContext,
  updatePeer,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const PeerParams = z.strictObject({ nodeId: NodeIdSchema });
const MessageParams = z.strictObject({ messageId: IdSchema });

/**
 * Federation operations of this node: its public identity, its peers with their health (ping, add,
 * change, deactivate) and the recent outbox/inbox messages (retry). Registered under /api.
 */
export const federationRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['federation'];
  app.get(
    '/federation/node',
    {
      schema: {
        tags,
        summary: "This node's public identity (for the other side's peer registration)",
      },
    },
    async (request) => getNodeIdentity({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/federation/peers',
    { schema: { tags, summary: 'Peers of this node with their health' } },
    async (request) => listPeers({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/federation/peers',
    {
      schema: {
        tags,
        summary: 'Register a peer node (its public identity)',
        body: PeerInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPeer({ ctx, auth: authOf(request), input: request.body })),
  );
  app.patch(
    '/federation/peers/:nodeId',
    {
      schema: {
        tags,
        summary: 'Change a peer: URL, name, countries, active, key rotation',
        params: PeerParams,
        body: PeerUpdateInputSchema,
      },
    },
    async (request) =>
      updatePeer({
        ctx,
        auth: authOf(request),
        nodeId: request.params.nodeId,
        input: request.body,
      }),
  );
  app.post(
    '/federation/peers/:nodeId/ping',
    { schema: { tags, summary: 'Send a signed ping to a peer', params: PeerParams } },
    async (request, reply) =>
      reply
        .status(202)
        .send(await pingPeer({ ctx, auth: authOf(request), nodeId: request.params.nodeId })),
  );
  app.get(
    '/federation/messages',
    {
      schema: {
        tags,
        summary: 'Recent outbox and inbox messages (no payloads)',
        querystring: z.record(z.string(), z.string()),
      },
    },
    async (request) =>
      listFederationMessages({
        ctx,
        auth: authOf(request),
        query: request.query as z.input<typeof FederationMessageQuerySchema>,
      }),
  );
  app.post(
    '/federation/messages/:messageId/retry',
    {
      schema: {
        tags,
        summary: 'Retry a failed or rejected outgoing message now',
        params: MessageParams,
      },
    },
    async (request) =>
      retryMessage({ ctx, auth: authOf(request), messageId: request.params.messageId }),
  );
};
