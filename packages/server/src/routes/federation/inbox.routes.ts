import {
  FEDERATION_INBOX_PATH,
  FederationRefusal,
  JOSE_MEDIA_TYPE,
  receiveMessage,
  refusalStatus,
  type ServiceContext,
} from '@ctip/services';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** Largest message accepted (an offer with its sealed fields is a few kilobytes). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * The federation inbox: other nodes POST signed messages (compact JWS, `application/jose`). No
 * session: the signature of a registered peer is the authentication. 200 applied or duplicate,
 * 202 kept until earlier messages of its case arrive; 401 unknown peer, bad signature or stale
 * (the sender retries), 400/422 refused for good (malformed, outside the agreement or its policy).
 */
export async function federationInboxRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  app.addContentTypeParser(
    JOSE_MEDIA_TYPE,
    { parseAs: 'string', bodyLimit: MAX_MESSAGE_BYTES },
    (_req, body, done) => done(null, body),
  );
  app.post(
    FEDERATION_INBOX_PATH,
    {
      config: { auth: 'none', rateLimit: { max: 6000, timeWindow: 60_000 } },
      bodyLimit: MAX_MESSAGE_BYTES,
      schema: {
        tags: ['federation'],
        summary: 'Receive a signed message from a peer node (compact JWS)',
        consumes: [JOSE_MEDIA_TYPE],
        body: z.string().min(1).max(MAX_MESSAGE_BYTES),
      },
    },
    async (request, reply) => {
      try {
        const result = await receiveMessage(opts.ctx, request.body as string, {
          requestId: request.id,
          ip: request.ip,
          userAgent: 'federation',
        });
        return reply.code(result.status === 'pending' ? 202 : 200).send(result);
      } catch (err) {
        if (err instanceof FederationRefusal) {
          return reply.code(refusalStatus(err.refusal)).send({
            error: { code: err.refusal.toUpperCase(), message: err.message },
          });
        }
        throw err;
      }
    },
  );
}
