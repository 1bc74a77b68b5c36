import type { Db } from '@ctip/db';

type DemoProvider = {
  name: string;
  /** Name of the system agency that runs it (linked when present, so referrals can reach it). */
  agencyName?: string;
  agencyType: string;
  countryCode: string;
  province: string;
  services: string[];
  languages: string[];
  capacity?: number;
  servesGenders?: string[];
  servesChildren?: boolean;
  servesAdults?: boolean;
  phone?: string;
};

// Demo directory entries (illustrative; contacts are public hotline numbers or placeholders).
const PROVIDERS: DemoProvider[] = [
  {
    name: 'Welfare Protection Center for Victims of Trafficking, Ranong',
    agencyName: 'Welfare Protection Center for Victims of Trafficking, Ranong',
    agencyType: 'shelter',
    countryCode: 'TH',
    province: 'Ranong',
    services: ['Shelter', 'Psychosocial', 'Health', 'Legal', 'Livelihood', 'Interpretation'],
    languages: ['th', 'my', 'en'],
    capacity: 80,
    phone: '1300',
  },
  {
    name: 'Social Assistance Center 1300',
    agencyName: 'Social Assistance Center 1300',
    agencyType: 'hotline',
    countryCode: 'TH',
    province: 'Bangkok',
    services: ['Interpretation', 'Other'],
    languages: ['th', 'en', 'my', 'km', 'lo'],
    phone: '1300',
  },
  {
    name: 'MoSVY Transit Centre, Poipet',
    agencyName: 'MoSVY Department of Anti-Human Trafficking and Reintegration',
    agencyType: 'social_welfare',
    countryCode: 'KH',
    province: 'Banteay Meanchey',
    services: ['Shelter', 'Repatriation', 'Reintegration', 'FamilyTracing'],
    languages: ['km', 'th', 'en'],
    capacity: 40,
  },
  {
    name: 'Legal Aid Clinic, Phnom Penh',
    agencyType: 'legal_aid',
    countryCode: 'KH',
    province: 'Phnom Penh',
    services: ['Legal'],
    languages: ['km', 'en'],
  },
  {
    name: 'Lao Women Union Counselling and Protection Centre',
    agencyName: 'MLSW Department of Social Welfare',
    agencyType: 'shelter',
    countryCode: 'LA',
    province: 'Vientiane Capital',
    services: ['Shelter', 'Psychosocial', 'Livelihood', 'Reintegration'],
    languages: ['lo', 'th'],
    capacity: 30,
    servesGenders: ['Female'],
  },
  {
    name: 'Department of Social Welfare Reception Centre, Myawaddy',
    agencyName: 'Department of Social Welfare, MSWRR',
    agencyType: 'social_welfare',
    countryCode: 'MM',
    province: 'Kayin',
    services: ['Shelter', 'Repatriation', 'Reintegration', 'Health'],
    languages: ['my', 'th'],
    capacity: 50,
  },
  {
    name: 'Peace House Shelter, Ha Noi',
    agencyType: 'shelter_ngo',
    countryCode: 'VN',
    province: 'Ha Noi',
    services: ['Shelter', 'Psychosocial', 'Education', 'Livelihood'],
    languages: ['vi', 'en'],
    capacity: 25,
    servesGenders: ['Female'],
  },
  {
    name: 'MOLISA Hotline 111',
    agencyName: 'MOLISA Hotline 111',
    agencyType: 'hotline',
    countryCode: 'VN',
    province: 'Ha Noi',
    services: ['Psychosocial', 'Other'],
    languages: ['vi'],
    phone: '111',
  },
];

/**
 * Seed the demo service providers for TH, KH, LA, MM and VN. Idempotent: a provider whose name
 * already exists in its country is left as it is. Links a provider to a system agency by name
 * when that agency exists (seed the demo agencies first).
 * @returns how many were inserted
 */
export async function seedDemoProviders(db: Db): Promise<number> {
  const agencies = await db
    .selectFrom('agency')
    .select(['id', 'name', 'country_code'])
    .where('deleted_at', 'is', null)
    .execute();
  const existing = await db
    .selectFrom('service_provider')
    .select(['name', 'country_code'])
    .execute();
  const have = new Set(existing.map((e) => `${e.country_code}|${e.name.toLowerCase()}`));
  let inserted = 0;
  for (const p of PROVIDERS) {
    if (have.has(`${p.countryCode}|${p.name.toLowerCase()}`)) {
      continue;
    }
    const agency = agencies.find(
      (a) => a.name === p.agencyName && a.country_code === p.countryCode,
    );
    await db
      .insertInto('service_provider')
      .values({
        id: crypto.randomUUID(),
        agency_id: agency?.id ?? null,
        name: p.name,
        agency_type: p.agencyType,
        country_code: p.countryCode,
        province: p.province,
        services: p.services,
        languages: p.languages,
        capacity: p.capacity ?? null,
        serves_genders: p.servesGenders ?? [],
        serves_children: p.servesChildren ?? true,
        serves_adults: p.servesAdults ?? true,
        phone: p.phone ?? null,
      })
      .execute();
    inserted++;
  }
  return inserted;
}
