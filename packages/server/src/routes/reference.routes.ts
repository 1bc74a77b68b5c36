import { listCountries, listLanguages, listOrganisationTypes } from '@ctip/db';
import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Reference data (public to every logged-in user; cached by the browser for an hour). */
export const referenceRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['reference'];
  const cache = 'private, max-age=3600';
  app.get(
    '/countries',
    { schema: { tags, summary: 'ISO 3166 countries' } },
    async (_request, reply) => {
      reply.header('cache-control', cache);
      return { items: await listCountries(ctx.db) };
    },
  );
  app.get(
    '/languages',
    { schema: { tags, summary: 'ISO 639 languages' } },
    async (_request, reply) => {
      reply.header('cache-control', cache);
      return { items: await listLanguages(ctx.db) };
    },
  );
  app.get(
    '/organisation-types',
    { schema: { tags, summary: 'Organisation types' } },
    async (_request, reply) => {
      reply.header('cache-control', cache);
      return { items: await listOrganisationTypes(ctx.db) };
    },
  );
};
