import type { CaseCreateInput } from '@ctip/domain';
import { loadActor } from '../auth/load-actor';
import { type AuthContext, type ServiceContext, systemMeta } from '../context';
import { addCaseNote } from './case-notes';
import { createCase } from './create-case';

const SETTING_KEY = 'demo_cases_seeded';

/** Fictitious cases for the demo node: invented people, realistic shapes. */
const DEMO_CASES: { username: string; input: CaseCreateInput; note?: string }[] = [
  {
    username: 'th.caseworker',
    input: {
      person: {
        givenName: 'Mya',
        familyName: 'Thandar',
        birthDate: '2009-03-14',
        gender: 'Female',
        nationality: 'MM',
      },
      victim: {
        identificationStatus: 'Identified',
        identificationDate: '2026-10-02',
        formsOfExploitation: ['SexualExploitation'],
        recruitmentMethods: ['JobOfferAdvertisement'],
        recruitmentApps: ['Facebook'],
        methodsOfControl: ['DebtBondage', 'WithholdsDocuments'],
        sexExploitationTypes: ['Prostitution'],
        vulnerabilities: ['Poverty', 'Migration'],
        countryOfExploitation: 'TH',
        agreementToManagePersonalData: true,
      },
      events: [
        { type: 'Recruitment', country: 'MM', city: 'Myawaddy', date: '2026-06-01' },
        { type: 'Transit', country: 'TH', city: 'Mae Sot', date: '2026-06-10' },
        { type: 'Exploitation', country: 'TH', city: 'Bangkok', date: '2026-07-01' },
      ],
    },
    note: 'Interview held with an interpreter; shelter placement requested.',
  },
  {
    username: 'th.caseworker',
    input: {
      person: {
        givenName: 'Sokha',
        familyName: 'Chan',
        estimatedAge: 34,
        gender: 'Male',
        nationality: 'KH',
      },
      victim: {
        identificationStatus: 'Possible',
        formsOfExploitation: ['ForcedLabour'],
        recruitmentMethods: ['Familial'],
        methodsOfControl: ['TakesEarnings', 'ExcessiveWorkingHours', 'Threats'],
        labourExploitationTypes: ['Aquafarming'],
        labourIndustries: ['A_AgricultureForestryAndFishing'],
        vulnerabilities: ['Poverty'],
        countryOfExploitation: 'TH',
      },
      events: [{ type: 'Exploitation', country: 'TH', state: 'Songkhla', date: '2026-02-01' }],
    },
  },
  {
    username: 'th.police',
    input: {
      person: { givenName: 'Noi', familyName: 'Kaewmanee', gender: 'Female', nationality: 'TH' },
      victim: {
        identificationStatus: 'Possible',
        formsOfExploitation: ['ForcedCriminality'],
        recruitmentMethods: ['Internet'],
        recruitmentApps: ['Telegram'],
        methodsOfControl: ['RestrictsMovement', 'WithholdsDocuments'],
        labourExploitationTypes: ['IllicitActivities'],
        countryOfExploitation: 'MM',
      },
      events: [{ type: 'Exploitation', country: 'MM', city: 'Shwe Kokko', date: '2026-05-20' }],
    },
  },
  {
    username: 'kh.caseworker',
    input: {
      person: {
        givenName: 'Srey Pov',
        familyName: 'Keo',
        birthDate: '2001-11-30',
        gender: 'Female',
        nationality: 'KH',
      },
      victim: {
        identificationStatus: 'Identified',
        identificationDate: '2026-09-15',
        formsOfExploitation: ['ForcedMarriage'],
        recruitmentMethods: ['InternationalMarriageBroker'],
        vulnerabilities: ['Poverty', 'Education'],
        countryOfExploitation: 'CN',
      },
      events: [
        { type: 'Recruitment', country: 'KH', state: 'Kampong Cham', date: '2025-12-01' },
        { type: 'Exploitation', country: 'CN', state: 'Henan', date: '2026-01-15' },
      ],
    },
  },
];

/**
 * Seed a handful of fictitious demo cases once (marked by the `demo_cases_seeded` setting), through
 * the real use cases so they are sealed, keyed and audited like any other. Needs the demo users.
 * @returns how many cases were created now
 */
export async function seedDemoCases(ctx: ServiceContext): Promise<{ created: number }> {
  const done = await ctx.db
    .selectFrom('setting')
    .select('key')
    .where('key', '=', SETTING_KEY)
    .executeTakeFirst();
  if (done) {
    return { created: 0 };
  }
  let created = 0;
  for (const demo of DEMO_CASES) {
    const user = await ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', demo.username)
      .executeTakeFirst();
    const actor = user ? await loadActor(ctx.db, user.id) : null;
    if (!actor) {
      continue;
    }
    const auth: AuthContext = { actor, sessionId: 'seed', meta: systemMeta('seed-demo-cases') };
    const c = await createCase({ ctx, auth, input: { ...demo.input, ignoreDuplicates: true } });
    if (demo.note) {
      await addCaseNote({ ctx, auth, caseId: c.id, input: { body: demo.note } });
    }
    created += 1;
  }
  await ctx.db
    .insertInto('setting')
    .values({ key: SETTING_KEY, value: JSON.stringify({ version: 1, created }) })
    .execute();
  return { created };
}
