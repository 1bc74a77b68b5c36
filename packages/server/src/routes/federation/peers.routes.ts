import type { ServiceContext } from '@ctip/services';
import type { FastifyInstance } from 'fastify';

/** Routes of this cross-border area (filled by the area). */
export async function federationRoutes(
  _app: FastifyInstance,
  _opts: { ctx: ServiceContext },
): Promise<void> {}
