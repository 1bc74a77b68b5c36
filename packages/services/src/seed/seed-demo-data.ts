import { randomUUID } from 'node:crypto';
import type { Db } from '@ctip/db';
import { hashPassword } from '../auth/passwords';
import { seedDemoProviders } from '../referrals/seed-demo-providers';
import { ensureBuiltInRoles } from '../roles/role-use-cases';
import { seedDemoStatistics } from '../statistics/core/demo';
import { insertUser } from '../users/insert-user';

/** The password of every demo account (printed at start; demo installs only). */
export const DEMO_PASSWORD = 'mekong-demo-2026';

type DemoAgency = { key: string; name: string; shortName: string; type: string; country: string };
type DemoUser = { username: string; displayName: string; agency: string; role: string };

// Agencies named in the seed documents (REQUIREMENTS.md §1.3), a few per country.
const AGENCIES: DemoAgency[] = [
  {
    key: 'secretariat',
    name: 'COMMIT Regional Secretariat',
    shortName: 'UN-ACT',
    type: 'international_organisation',
    country: 'TH',
  },
  {
    key: 'th_msdhs',
    name: 'Division of Anti-Trafficking in Persons, MSDHS',
    shortName: 'DATIP',
    type: 'social_welfare',
    country: 'TH',
  },
  {
    key: 'th_rtp',
    name: 'Royal Thai Police, Anti-Trafficking in Persons Division',
    shortName: 'AHTD',
    type: 'law_enforcement',
    country: 'TH',
  },
  {
    key: 'th_shelter',
    name: 'Welfare Protection Center for Victims of Trafficking, Ranong',
    shortName: 'WPC Ranong',
    type: 'shelter',
    country: 'TH',
  },
  {
    key: 'th_hotline',
    name: 'Social Assistance Center 1300',
    shortName: '1300',
    type: 'hotline',
    country: 'TH',
  },
  {
    key: 'kh_mosvy',
    name: 'MoSVY Department of Anti-Human Trafficking and Reintegration',
    shortName: 'MoSVY',
    type: 'social_welfare',
    country: 'KH',
  },
  {
    key: 'kh_police',
    name: 'Anti-Human Trafficking and Juvenile Protection Department',
    shortName: 'AHTJP',
    type: 'law_enforcement',
    country: 'KH',
  },
  {
    key: 'la_mps',
    name: 'MPS Department of Anti-Human Trafficking',
    shortName: 'DAHT',
    type: 'law_enforcement',
    country: 'LA',
  },
  {
    key: 'la_mlsw',
    name: 'MLSW Department of Social Welfare',
    shortName: 'MLSW',
    type: 'social_welfare',
    country: 'LA',
  },
  {
    key: 'mm_atipd',
    name: 'Anti-Trafficking in Persons Division, Myanmar Police Force',
    shortName: 'ATIPD',
    type: 'law_enforcement',
    country: 'MM',
  },
  {
    key: 'mm_dsw',
    name: 'Department of Social Welfare, MSWRR',
    shortName: 'DSW',
    type: 'social_welfare',
    country: 'MM',
  },
  {
    key: 'vn_molisa',
    name: 'MOLISA Hotline 111',
    shortName: '111',
    type: 'hotline',
    country: 'VN',
  },
  {
    key: 'vn_mps',
    name: 'MPS Department of Criminal Police',
    shortName: 'C02',
    type: 'law_enforcement',
    country: 'VN',
  },
  {
    key: 'cn_mps',
    name: 'MPS Material Evidence Identification Center',
    shortName: 'MPS-MEIC',
    type: 'law_enforcement',
    country: 'CN',
  },
  {
    key: 'cn_mca',
    name: 'Ministry of Civil Affairs',
    shortName: 'MCA',
    type: 'social_welfare',
    country: 'CN',
  },
];

const USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: 'Node Administrator',
    agency: 'secretariat',
    role: 'system_admin',
  },
  {
    username: 'secretariat',
    displayName: 'Regional Secretariat Officer',
    agency: 'secretariat',
    role: 'secretariat',
  },
  {
    username: 'th.admin',
    displayName: 'Thailand Administrator',
    agency: 'th_msdhs',
    role: 'national_admin',
  },
  {
    username: 'th.caseworker',
    displayName: 'Thailand Case Worker',
    agency: 'th_msdhs',
    role: 'case_worker',
  },
  {
    username: 'th.police',
    displayName: 'Thailand Police Officer',
    agency: 'th_rtp',
    role: 'frontline_officer',
  },
  {
    username: 'th.focal',
    displayName: 'Thailand Task-Force Focal Point',
    agency: 'th_msdhs',
    role: 'taskforce_focal_point',
  },
  {
    username: 'th.hotline',
    displayName: 'Thailand Hotline Operator',
    agency: 'th_hotline',
    role: 'hotline_operator',
  },
  {
    username: 'kh.admin',
    displayName: 'Cambodia Administrator',
    agency: 'kh_mosvy',
    role: 'national_admin',
  },
  {
    username: 'kh.caseworker',
    displayName: 'Cambodia Case Worker',
    agency: 'kh_mosvy',
    role: 'case_worker',
  },
  {
    username: 'kh.focal',
    displayName: 'Cambodia Task-Force Focal Point',
    agency: 'kh_mosvy',
    role: 'taskforce_focal_point',
  },
  {
    username: 'la.focal',
    displayName: 'Lao PDR Task-Force Focal Point',
    agency: 'la_mps',
    role: 'taskforce_focal_point',
  },
  {
    username: 'mm.focal',
    displayName: 'Myanmar Task-Force Focal Point',
    agency: 'mm_atipd',
    role: 'taskforce_focal_point',
  },
  {
    username: 'vn.hotline',
    displayName: 'Viet Nam Hotline Operator',
    agency: 'vn_molisa',
    role: 'hotline_operator',
  },
  {
    username: 'cn.forensic',
    displayName: 'China Forensic Focal Point',
    agency: 'cn_mps',
    role: 'forensic_focal_point',
  },
  {
    username: 'th.researcher',
    displayName: 'Thailand Researcher',
    agency: 'th_msdhs',
    role: 'researcher',
  },
];

/** A demo login for the start-up banner. */
export type DemoLogin = { username: string; role: string; country: string };

/**
 * Seed demo agencies and users once (marked by the `demo_seeded` setting); also makes sure the built-in
 * roles exist. Safe to call on every start.
 * @returns the demo logins (whether created now or earlier)
 */
export async function seedDemoData(db: Db): Promise<{ created: boolean; logins: DemoLogin[] }> {
  await ensureBuiltInRoles(db);
  await seedDemoStatistics(db); // demonstration population figures (idempotent)
  const logins = USERS.map((u) => ({
    username: u.username,
    role: u.role,
    country: AGENCIES.find((a) => a.key === u.agency)?.country ?? '',
  }));
  const done = await db
    .selectFrom('setting')
    .select('key')
    .where('key', '=', 'demo_seeded')
    .executeTakeFirst();
  if (done) {
    await seedDemoProviders(db);
    return { created: false, logins };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roles = new Map(
    (await db.selectFrom('role').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
  );
  await db.transaction().execute(async (trx) => {
    const agencyIds = new Map<string, string>();
    for (const a of AGENCIES) {
      const id = randomUUID();
      agencyIds.set(a.key, id);
      await trx
        .insertInto('agency')
        .values({
          id,
          name: a.name,
          short_name: a.shortName,
          type: a.type,
          country_code: a.country,
          parent_id: null,
          deleted_at: null,
        })
        .execute();
    }
    for (const u of USERS) {
      await insertUser(trx, {
        id: randomUUID(),
        username: u.username,
        displayName: u.displayName,
        email: null,
        passwordHash,
        agencyId: agencyIds.get(u.agency) as string,
        locale: 'en',
        roleIds: [roles.get(u.role) as string],
      });
    }
    await trx
      .insertInto('setting')
      .values({ key: 'demo_seeded', value: JSON.stringify({ version: 1 }) })
      .execute();
  });
  // The service-provider directory of the demo agencies (idempotent; older demo nodes get it too).
  await seedDemoProviders(db);
  return { created: true, logins };
}
