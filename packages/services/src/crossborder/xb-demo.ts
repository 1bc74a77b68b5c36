import { addDays, DomainError, SharingPolicySchema } from '@ctip/domain';
import { loadActor } from '../auth/load-actor';
import { createCase } from '../cases/create-case';
import { type AuthContext, type ServiceContext, systemMeta } from '../context';
import { deliverDue } from '../federation/deliver';
import { recordConsent } from '../referrals/consents';
import { acceptXbCase, updateXbStep } from './xb-actions';
import { todayIso } from './xb-common';
import { createXbReferral } from './xb-refer';

const SETTING_KEY = 'demo_crossborder_seeded';

async function authOf(ctx: ServiceContext, username: string): Promise<AuthContext | null> {
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  const actor = u ? await loadActor(ctx.db, u.id) : null;
  return actor ? { actor, sessionId: 'seed', meta: systemMeta('seed-demo-crossborder') } : null;
}

/** The agreement a demo referral travels under: a seeded one first, then by code; null if none. */
async function agreementCodeFor(ctx: ServiceContext, a: string, b: string): Promise<string | null> {
  const party = (country: string) =>
    ctx.db
      .selectFrom('agreement_party')
      .select('agreement_party.agreement_id')
      .where('agreement_party.country_code', '=', country);
  const rows = await ctx.db
    .selectFrom('agreement')
    .innerJoin('sharing_policy', 'sharing_policy.agreement_id', 'agreement.id')
    .select(['agreement.code', 'sharing_policy.policy'])
    .where('sharing_policy.status', '=', 'Active')
    .where('agreement.id', 'in', party(a))
    .where('agreement.id', 'in', party(b))
    .orderBy('agreement.is_seeded', 'desc')
    .orderBy('agreement.code')
    .execute();
  const row = rows.find((r) => {
    const p = SharingPolicySchema.safeParse(r.policy);
    return p.success && p.data.purposes.includes('Repatriation');
  });
  return row?.code ?? null;
}

/** A step update the policy may not have (its steps are configurable): skipped when absent. */
async function stepIfAny(args: Parameters<typeof updateXbStep>[0]): Promise<void> {
  try {
    await updateXbStep(args);
  } catch (err) {
    if (!(err instanceof DomainError && err.code === 'NOT_FOUND')) {
      throw err;
    }
  }
}

async function deliverAll(ctx: ServiceContext): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await deliverDue(ctx);
    if (r.delivered + r.rejected + r.failed === 0) {
      return;
    }
  }
}

/** A demo TH case of a nationality (the seeded one, or a new one for Laos). */
async function thCaseOf(
  ctx: ServiceContext,
  worker: AuthContext,
  nationality: string,
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('case_record')
    .select('id')
    .where('country_code', '=', 'TH')
    .where('nationality', '=', nationality)
    .orderBy('created_at')
    .executeTakeFirst();
  if (row) {
    return row.id;
  }
  const c = await createCase({
    ctx,
    auth: worker,
    input: {
      person: { givenName: 'Khamla', familyName: 'Vongsa', gender: 'Female', nationality },
      victim: {
        identificationStatus: 'Identified',
        formsOfExploitation: ['ForcedLabour'],
        countryOfExploitation: 'TH',
      },
      events: [{ type: 'Exploitation', country: 'TH', state: 'Chiang Rai', date: '2026-05-10' }],
      ignoreDuplicates: true,
    },
  });
  return c.id;
}

/**
 * Seed a few shared cases on the demo node through the real use cases and the real outbox/inbox:
 * TH→KH accepted and in progress with an overdue step, TH→MM offered, TH→LA handed over and
 * received. Skips quietly when no agreement with a policy in force is seeded, for countries this
 * node does not host, or once done.
 * @returns how many shared cases were created now
 */
export async function seedDemoCrossBorder(ctx: ServiceContext): Promise<{ created: number }> {
  const done = await ctx.db
    .selectFrom('setting')
    .select('key')
    .where('key', '=', SETTING_KEY)
    .executeTakeFirst();
  if (done) {
    return { created: 0 };
  }
  const [worker, th] = [await authOf(ctx, 'th.caseworker'), await authOf(ctx, 'th.focal')];
  if (!worker || !th) {
    return { created: 0 };
  }
  const today = todayIso(ctx);
  let created = 0;
  const hosted = ctx.config.federation.countries;
  const refer = async (country: string) => {
    // The demo exchanges with itself: only between countries this node hosts.
    if (!hosted.includes('TH') || !hosted.includes(country)) {
      return null;
    }
    const agreementCode = await agreementCodeFor(ctx, 'TH', country);
    if (!agreementCode) {
      return null;
    }
    const caseId = await thCaseOf(ctx, worker, country);
    if (!caseId) {
      return null;
    }
    await recordConsent({
      ctx,
      auth: worker,
      caseId,
      input: {
        purpose: 'ShareCountry',
        isGranted: true,
        recipients: [country],
        givenOn: today,
        explainedIn: 'th',
      },
    });
    const xb = await createXbReferral({
      ctx,
      auth: th,
      caseId,
      input: {
        toCountry: country,
        agreementCode,
        purpose: 'Repatriation',
        returnChoice: 'Voluntary',
      },
    });
    created += 1;
    await deliverAll(ctx);
    return xb;
  };
  const receiverOf = async (ref: string) =>
    ctx.db
      .selectFrom('xb_case')
      .select('id')
      .where('ref', '=', ref)
      .where('role', '=', 'Receiver')
      .executeTakeFirst();

  const kh = await refer('KH');
  const khFocal = await authOf(ctx, 'kh.focal');
  if (kh && khFocal) {
    const r = await receiverOf(kh.ref);
    if (r) {
      await acceptXbCase({ ctx, auth: khFocal, xbCaseId: r.id, input: {} });
      await stepIfAny({
        ctx,
        auth: th,
        xbCaseId: kh.id,
        step: 'identification',
        input: { status: 'Done', completedOn: today },
      });
      await stepIfAny({
        ctx,
        auth: khFocal,
        xbCaseId: r.id,
        step: 'family_tracing',
        input: { status: 'InProgress' },
      });
      await deliverAll(ctx);
      // Demo only: nationality verification ran late (its due date moved into the past on both sides).
      await ctx.db
        .updateTable('xb_step')
        .set({ due_date: addDays(today, -12) })
        .where('step', '=', 'nationality_verification')
        .where('xb_case_id', 'in', [kh.id, r.id])
        .execute();
    }
  }
  await refer('MM');
  const la = await refer('LA');
  const laFocal = await authOf(ctx, 'la.focal');
  if (la && laFocal) {
    const r = await receiverOf(la.ref);
    if (r) {
      await acceptXbCase({ ctx, auth: laFocal, xbCaseId: r.id, input: {} });
      for (const s of ['nationality_verification', 'family_tracing', 'travel_documents']) {
        await stepIfAny({
          ctx,
          auth: laFocal,
          xbCaseId: r.id,
          step: s,
          input: { status: 'Done', completedOn: today },
        });
      }
      const bp = await ctx.db
        .selectFrom('border_point')
        .select('id')
        .where((eb) => eb(eb.val('LA'), '=', eb.fn.any('countries')))
        .orderBy('code')
        .executeTakeFirst();
      for (const s of ['identification', 'handover']) {
        await stepIfAny({
          ctx,
          auth: th,
          xbCaseId: la.id,
          step: s,
          input: {
            status: 'Done',
            completedOn: today,
            ...(s === 'handover' && bp ? { borderPointId: bp.id } : {}),
          },
        });
      }
      await stepIfAny({
        ctx,
        auth: laFocal,
        xbCaseId: r.id,
        step: 'reception',
        input: { status: 'Done', completedOn: today },
      });
      await deliverAll(ctx);
    }
  }
  if (created > 0) {
    await ctx.db
      .insertInto('setting')
      .values({ key: SETTING_KEY, value: JSON.stringify({ version: 1, created }) })
      .execute();
  }
  return { created };
}
