import { randomBytes } from 'node:crypto';
import {
  ConsentRecordInputSchema,
  ConsentWithdrawInputSchema,
  IdSchema,
  LOCALES,
  ReferralCreateInputSchema,
  ReferralListQuerySchema,
  RightsNotificationInputSchema,
  ServiceProviderInputSchema,
  ServiceProviderListQuerySchema,
  ServiceProviderUpdateInputSchema,
} from '@ctip/domain';
import {
  canRenderPdf,
  createReferral,
  createServiceProvider,
  findNotifications,
  findOverdueReferrals,
  findReferralAssignees,
  findReferrals,
  findServiceProviders,
  getReferral,
  getServiceProvider,
  listCaseReferrals,
  listConsents,
  listRightsNotifications,
  markNotificationRead,
  NotificationListQuerySchema,
  recordConsent,
  recordRightsNotification,
  renderPdf,
  renderRightsNotification,
  type ServiceContext,
  transitionReferral,
  updateServiceProvider,
  withdrawConsent,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const CaseParams = z.strictObject({ id: IdSchema });
const ConsentParams = z.strictObject({ id: IdSchema, consentId: IdSchema });
const RightsParams = z.strictObject({ id: IdSchema, nid: IdSchema });
const RefParams = z.strictObject({ rid: IdSchema });
const IdParams = z.strictObject({ id: IdSchema });
const PrintQuery = z.strictObject({
  /** Language of the printed form (default: the person's language recorded on it). */
  lang: z.enum(LOCALES).optional(),
  /** pdf (default) or html (print-ready page with a print button). */
  format: z.enum(['pdf', 'html']).default('pdf'),
});
const TransitionBody = z
  .strictObject({
    reason: z.string().optional(),
    outcome: z.string().optional(),
    ownerUserId: IdSchema.optional(),
    overrideReason: z.string().optional(),
  })
  .default({});

/**
 * Consent ledger, rights notifications (with PDF), national referrals, the service-provider
 * directory and notifications. Registered under /api.
 */
export const referralsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  // ---- consent ledger ----
  const consentTags = ['consent'];
  app.get(
    '/cases/:id/consents',
    { schema: { tags: consentTags, summary: 'Consent ledger of a case', params: CaseParams } },
    async (request) => listConsents({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/consents',
    {
      schema: {
        tags: consentTags,
        summary: 'Record a consent or refusal',
        params: CaseParams,
        body: ConsentRecordInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordConsent({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/cases/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags: consentTags,
        summary: 'Withdraw a consent (revokes the referrals it covered)',
        params: ConsentParams,
        body: ConsentWithdrawInputSchema,
      },
    },
    async (request) =>
      withdrawConsent({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        consentId: request.params.consentId,
        input: request.body,
      }),
  );

  // ---- rights notification ----
  const rightsTags = ['rights'];
  app.get(
    '/cases/:id/rights-notifications',
    { schema: { tags: rightsTags, summary: 'Rights notifications of a case', params: CaseParams } },
    async (request) =>
      listRightsNotifications({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/rights-notifications',
    {
      schema: {
        tags: rightsTags,
        summary: 'Record a rights notification',
        params: CaseParams,
        body: RightsNotificationInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordRightsNotification({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/cases/:id/rights-notifications/:nid/pdf',
    {
      schema: {
        tags: rightsTags,
        summary:
          'The form, printed in the person’s language (PDF, or HTML when ?format=html or no Chromium)',
        params: RightsParams,
        querystring: PrintQuery,
      },
    },
    async (request, reply) => {
      const wantsPdf = request.query.format === 'pdf' && canRenderPdf();
      const nonce = randomBytes(16).toString('base64');
      const { html, language } = await renderRightsNotification({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        notificationId: request.params.nid,
        language: request.query.lang,
        format: wantsPdf ? 'pdf' : 'html',
        printButton: !wantsPdf,
        nonce,
      });
      reply.header('cache-control', 'no-store');
      reply.header('content-language', language);
      if (wantsPdf) {
        try {
          const pdf = await renderPdf(html);
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="rights-notification-${language}.pdf"`)
            .send(pdf);
        } catch (err) {
          // Chromium failed to start or print: serve the printable page rather than an error.
          request.log.warn({ err: (err as Error).name }, 'pdf rendering failed; serving html');
        }
      }
      // Without Chromium (or on request) the print-ready page itself, with a print button whose
      // script the CSP allows by nonce; the header says which rendering was served.
      reply.header('x-ctip-rendering', request.query.format === 'pdf' ? 'html-fallback' : 'html');
      reply.header(
        'content-security-policy',
        `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  // ---- referrals ----
  const refTags = ['referrals'];
  app.get(
    '/cases/:id/referrals',
    { schema: { tags: refTags, summary: 'Referrals of a case', params: CaseParams } },
    async (request) => listCaseReferrals({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/referrals',
    {
      schema: {
        tags: refTags,
        summary: 'Assign, refer, transfer or request a transfer (consent-checked)',
        params: CaseParams,
        body: ReferralCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createReferral({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/referrals',
    {
      schema: { tags: refTags, summary: 'My referral inbox', querystring: ReferralListQuerySchema },
    },
    async (request) => findReferrals({ ctx, auth: authOf(request), query: request.query as never }),
  );
  app.get(
    '/referrals/overdue',
    { schema: { tags: refTags, summary: 'Overdue referrals (notifies newly overdue ones)' } },
    async (request) => findOverdueReferrals({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/referrals/assignees',
    {
      schema: {
        tags: refTags,
        summary: 'Users of an agency a referral can name',
        querystring: z.strictObject({ agencyId: IdSchema }),
      },
    },
    async (request) =>
      findReferralAssignees({ ctx, auth: authOf(request), agencyId: request.query.agencyId }),
  );
  app.get(
    '/referrals/:rid',
    { schema: { tags: refTags, summary: 'One referral', params: RefParams } },
    async (request) => getReferral({ ctx, auth: authOf(request), referralId: request.params.rid }),
  );
  for (const action of ['accept', 'reject', 'revoke', 'complete'] as const) {
    app.post(
      `/referrals/:rid/${action}`,
      {
        schema: {
          tags: refTags,
          summary: `${action[0]?.toUpperCase()}${action.slice(1)} a referral`,
          params: RefParams,
          body: TransitionBody,
        },
      },
      async (request) =>
        transitionReferral({
          ctx,
          auth: authOf(request),
          referralId: request.params.rid,
          action,
          input: request.body ?? {},
        }),
    );
  }

  // ---- service-provider directory ----
  const provTags = ['service providers'];
  app.get(
    '/service-providers',
    {
      schema: {
        tags: provTags,
        summary: 'Service-provider directory',
        querystring: ServiceProviderListQuerySchema,
      },
    },
    async (request) =>
      findServiceProviders({ ctx, auth: authOf(request), query: request.query as never }),
  );
  app.post(
    '/service-providers',
    { schema: { tags: provTags, summary: 'Add a provider', body: ServiceProviderInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createServiceProvider({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/service-providers/:id',
    { schema: { tags: provTags, summary: 'One provider', params: IdParams } },
    async (request) => getServiceProvider({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/service-providers/:id',
    {
      schema: {
        tags: provTags,
        summary: 'Change a provider',
        params: IdParams,
        body: ServiceProviderUpdateInputSchema,
      },
    },
    async (request) =>
      updateServiceProvider({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        input: request.body,
      }),
  );

  // ---- notifications ----
  const noteTags = ['notifications'];
  app.get(
    '/notifications',
    {
      schema: {
        tags: noteTags,
        summary: 'My notifications',
        querystring: NotificationListQuerySchema,
      },
    },
    async (request) =>
      findNotifications({ ctx, auth: authOf(request), query: request.query as never }),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags: noteTags, summary: 'Mark a notification read', params: IdParams } },
    async (request, reply) => {
      await markNotificationRead({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
};
