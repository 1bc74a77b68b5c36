import { createHash } from 'node:crypto';
import type { Db } from '@ctip/db';
import { COMMIT_COUNTRIES, nameFold } from '@ctip/domain';
import { encryptSecret, keyedHash, type ServiceConfig } from '@ctip/services';
import { sql } from 'kysely';

// Name parts: combined they give about 500,000 distinct full names, so at 1,000,000 cases a name
// search finds one or two persons, as in a real register.
const GIVEN = (
  'Sokha Dara Bopha Vanna Mei Wei Ying Khamla Noy Souk Aung Thida Zaw Somchai Malee Niran Lan ' +
  'Minh Huong Thanh'
).split(' ');
const MIDDLE = (
  'An Bao Chai Dao Em Fah Gia Hoa Ina Joy Kim Lek May Nam Oun Pim Qui Ratt Sai Tuan Uma Vy Win ' +
  'Xuan Yen Zin Arun Boon Chan Dee Ek Fon Gam Hong Ith Jai Kham Luu Mon Nok Ong Phan Rin Sao Tip ' +
  'Ubon Vee Wan Yai Zaw'
).split(' ');
const FAMILY = (
  'Chan Keo Sok Wang Zhang Liu Vongsa Sithong Win Htun Kyaw Srisai Wongsa Boonmee Nguyen Tran ' +
  'Pham Hoang Phan Lim'
).split(' ');
const CLAN = (
  'rat kul wong sak chai phon siri thep det wit dee buri mani suk porn chit rak nop kan lert ' +
  'thong sin'
).split(' ');

/** The generated name of bench person `i` (given, family): deterministic, so searches can use it. */
export function benchCaseName(i: number): { givenName: string; familyName: string } {
  const g = GIVEN[i % GIVEN.length] as string;
  const m = MIDDLE[Math.floor(i / GIVEN.length) % MIDDLE.length] as string;
  const f = FAMILY[Math.floor(i / (GIVEN.length * MIDDLE.length)) % FAMILY.length] as string;
  const c = CLAN[
    Math.floor(i / (GIVEN.length * MIDDLE.length * FAMILY.length)) % CLAN.length
  ] as string;
  return { givenName: `${g} ${m}`, familyName: `${f}${c}` };
}

/**
 * A deterministic UUID of a text: its MD5 with the version (4) and variant (8) digits set, so it
 * passes strict UUID validation. The same as the SQL of {@link sqlUuid}.
 */
export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** {@link md5Uuid} of `prefix || i` in SQL. */
function sqlUuid(prefix: string) {
  return sql`overlay(overlay(md5(${prefix}::text || i) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;
}

/** Where generated cases sit: every agency with at least one user, with that user as owner. */
export type BenchOwner = { agencyId: string; countryCode: string; userId: string };

/** What the case generator made. */
export type CaseBenchData = { cases: number; personKeys: number; owners: BenchOwner[] };

const RANGE = 50_000;

/**
 * Owners for generated cases: every agency in the six countries that has a user (its first user by
 * id), demo agencies included, so the demo case worker sees an agency's share.
 */
export async function loadBenchOwners(db: Db): Promise<BenchOwner[]> {
  const { rows } = await sql<BenchOwner>`
    select a.id as "agencyId", a.country_code as "countryCode", min(u.id::text)::uuid as "userId"
    from agency a join app_user u on u.agency_id = a.id
    where a.country_code in (${sql.join([...COMMIT_COUNTRIES])})
    group by a.id, a.country_code order by a.id`.execute(db);
  return rows;
}

/**
 * Generate `n` cases with persons and one exploitation event each, in SQL (INSERT … SELECT over
 * generate_series, 50,000 at a time), with distributions over six countries, the owners' agencies
 * and ten years: status, identification, gender, nationality, forms of exploitation, methods of
 * control and ages follow fixed shares of a hash of the row number. Personal fields hold real sealed
 * values (a pool of 1,000, reused). Every person gets the keyed hashes of both orders of its name
 * (computed here and sent as arrays), so name searches go through `person_key` as in production.
 * Then the code sequence moves past the generated codes, and VACUUM ANALYZE.
 * @param onProgress - (rows written, total)
 */
export async function generateBenchCases(
  db: Db,
  config: ServiceConfig,
  n: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<CaseBenchData> {
  const owners = await loadBenchOwners(db);
  if (owners.length === 0) {
    throw new Error('no agency with users to own the cases');
  }
  const agencies = owners.map((o) => o.agencyId);
  const countries = owners.map((o) => o.countryCode);
  const users = owners.map((o) => o.userId);
  const pool = Array.from({ length: 1000 }, (_, i) => encryptSecret(config, `bench-sealed-${i}`));
  const a = owners.length;
  // Generated codes use numbers after those already drawn (demo cases), then the sequence moves on.
  const seq = await sql<{ n: number | string }>`select last_value as n from case_code_seq`.execute(
    db,
  );
  const base = Number(seq.rows[0]?.n ?? 0);
  const total = n * 2;
  let done = 0;
  for (let lo = 1; lo <= n; lo += RANGE) {
    const hi = Math.min(n, lo + RANGE - 1);
    // h: a deterministic pseudo-random 32-bit number per row; shares are taken from its digits.
    const rows = sql`(select i, (i::bigint * 2654435761) % 4294967296 as h
      from generate_series(${lo}::int, ${hi}::int) as i)`;
    const gender = sql`case when h % 100 < 55 then 'Female' when h % 100 < 95 then 'Male'
      when h % 100 < 98 then 'TransgenderNonConforming' else 'Unknown' end`;
    const nationality = sql`case when (h / 100) % 100 < 30 then 'MM' when (h / 100) % 100 < 50 then 'KH'
      when (h / 100) % 100 < 65 then 'LA' when (h / 100) % 100 < 80 then 'VN'
      when (h / 100) % 100 < 88 then 'CN' when (h / 100) % 100 < 95 then 'TH' else null end`;
    const country = sql`(${countries}::text[])[1 + i % ${a}]`;
    const personId = sqlUuid('bp');
    const caseId = sqlUuid('bc');
    const eventId = sqlUuid('be');
    await sql`
      insert into person (id, country_code, given_name_enc, family_name_enc, birth_date_enc,
        gender, birth_year, nationality, created_at, updated_at)
      select ${personId}, ${country}, (${pool}::text[])[1 + i % 1000],
        (${pool}::text[])[1 + (i / 7) % 1000], (${pool}::text[])[1 + (i / 13) % 1000],
        ${gender}, 1960 + (h / 17) % 50, ${nationality}, now(), now()
      from ${rows} s`.execute(db);
    await sql`
      insert into case_record (id, code, person_id, country_code, agency_id, owner_user_id, status,
        identification_status, identification_date, gender, age_at_identification, is_child,
        nationality, forms_of_exploitation, methods_of_control, recruitment_methods,
        country_of_exploitation, is_cross_border, created_at, updated_at)
      select ${caseId},
        c.country || '-' || to_char(c.created, 'YYYY') || '-' || lpad((${base}::int + i)::text, 6, '0'),
        ${personId}, c.country, (${agencies}::uuid[])[1 + i % ${a}],
        (${users}::uuid[])[1 + i % ${a}],
        case when (h / 10000) % 20 < 10 then 'Active' when (h / 10000) % 20 < 14 then 'FollowUp'
          when (h / 10000) % 20 < 19 then 'Closed' else 'ClosedReferred' end,
        case when (h / 7) % 20 < 12 then 'Identified' when (h / 7) % 20 < 19 then 'Possible'
          else 'NotAVictim' end,
        c.created::date, ${gender}, 12 + (h / 17) % 45, 12 + (h / 17) % 45 < 18, c.nat,
        case when (h / 3) % 100 < 35 then array['ForcedLabour']
          when (h / 3) % 100 < 60 then array['SexualExploitation']
          when (h / 3) % 100 < 70 then array['ForcedLabour', 'ForcedCriminality']
          when (h / 3) % 100 < 78 then array['ForcedMarriage']
          when (h / 3) % 100 < 85 then array['Begging']
          when (h / 3) % 100 < 93 then array['DomesticServitude']
          else array['Other'] end,
        case when (h / 5) % 4 = 0 then array['DebtBondage', 'WithholdsDocuments']
          when (h / 5) % 4 = 1 then array['Threats'] else array[]::text[] end,
        case when (h / 9) % 3 = 0 then array['JobOfferAdvertisement'] else array['Familial'] end,
        c.country, c.nat is distinct from c.country, c.created, c.created
      from (select i, h, ${country} as country, ${nationality} as nat,
          timestamptz '2016-12-01 00:00:00+00' + ((h % 315360000) * interval '1 second') as created
        from ${rows} s) c`.execute(db);
    await sql`
      insert into case_event (id, case_id, type, country, occurred_on, created_at)
      select ${eventId}, ${caseId}, 'Exploitation', ${country},
        date '2016-06-01' + (h % 3650)::int, now()
      from ${rows} s`.execute(db);
    done += hi - lo + 1;
    onProgress(done, total);
  }
  let personKeys = 0;
  for (let lo = 1; lo <= n; lo += RANGE) {
    const hi = Math.min(n, lo + RANGE - 1);
    const ids: string[] = [];
    const hashes: string[] = [];
    for (let i = lo; i <= hi; i += 1) {
      const { givenName, familyName } = benchCaseName(i);
      const id = md5Uuid(`bp${i}`);
      for (const name of [`${givenName} ${familyName}`, `${familyName} ${givenName}`]) {
        ids.push(id);
        hashes.push(keyedHash(config, 'name', nameFold(name)));
      }
    }
    await sql`insert into person_key (person_id, kind, hash)
      select unnest(${ids}::uuid[]), 'name', unnest(${hashes}::text[])`.execute(db);
    personKeys += ids.length;
    done += hi - lo + 1;
    onProgress(done, total);
  }
  await sql`select setval('case_code_seq', ${base + n}::bigint)`.execute(db);
  // As autovacuum would on a running node: statistics, and the visibility map index-only scans need.
  await sql`vacuum analyze`.execute(db);
  return { cases: n, personKeys, owners };
}
