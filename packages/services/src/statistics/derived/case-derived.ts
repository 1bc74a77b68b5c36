import { type StatDimension, TOTAL } from '@ctip/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Reader } from './cell-store';

/**
 * Statistics derived from the case and cross-border modules, as aggregates only (counts per
 * country × year × option; no case is ever listed):
 * - VICTIMS_IDENTIFIED: cases with identification status Identified, by identification date, in
 *   the country of the case;
 * - VICTIMS_ASSISTED: identified cases with a support service not cancelled, or a shelter stay, in
 *   the year of the first one;
 * - VICTIMS_REFERRED: identified cases referred (Refer or Transfer, not revoked), in the year of
 *   the first referral;
 * - VICTIMS_REPATRIATED: shared (cross-border) cases whose handover step is done, counted by the
 *   country that sent them home (the destination country; country_from), in the handover year;
 * - VICTIMS_RETURNED: shared cases whose reception step is done, counted by the country of origin
 *   (country_to), in the reception year. A node holding both sides counts each shared case once.
 * Options: sex from gender (Male M, Female F, other X); age group from the age at identification
 * (0-14, 15-17, 18+, U18 for a child of unknown age, UNK), and for shared cases Child U18, Adult 18+;
 * U18 is also reported as the sum of its parts. Forms of exploitation: a person counts once per
 * form (the forms may add up to more than the total).
 */
export const CASE_DERIVED_DIMENSIONS: Readonly<Record<string, readonly StatDimension[]>> = {
  VICTIMS_IDENTIFIED: ['sex', 'age_group', 'nationality', 'exploitation', 'agency_type'],
  VICTIMS_ASSISTED: ['sex', 'age_group', 'nationality', 'exploitation', 'agency_type'],
  VICTIMS_REFERRED: ['sex', 'age_group', 'nationality', 'exploitation', 'agency_type'],
  VICTIMS_REPATRIATED: ['sex', 'age_group', 'country_from', 'country_to'],
  VICTIMS_RETURNED: ['sex', 'age_group', 'country_from', 'country_to'],
};

const FORM_OPTION: Record<string, string> = {
  SexualExploitation: 'sexual_exploitation',
  ForcedLabour: 'forced_labour',
  ForcedMarriage: 'forced_marriage',
  Begging: 'begging',
  DomesticServitude: 'domestic_servitude',
  ForcedCriminality: 'forced_criminality',
  OrganRemoval: 'organ_removal',
  IllegalAdoption: 'illegal_adoption',
  Surrogacy: 'surrogacy',
  ChildSoldier: 'child_soldiers',
  Other: 'other',
};

const AGENCY_OPTION: Record<string, string> = {
  law_enforcement: 'police',
  police: 'police',
  border: 'border',
  labour: 'labour',
  social_welfare: 'social_welfare',
  shelter: 'shelter',
  ngo: 'ngo',
  international_organisation: 'io',
  court: 'court',
  prosecution: 'prosecution',
  hotline: 'hotline',
};

/** Derived counts: key `${country}|${year}|${option}` (option '' = total). */
export type DerivedCounts = Map<string, number>;

export type DerivedQuery = {
  dataElement: string;
  /** null: every country. */
  countries: readonly string[] | null;
  yearFrom: number;
  yearTo: number;
  dimension: StatDimension | null;
};

type Row = { country: string; year: string | number; option: string | null; n: number | string };

const SEX = sql`case c.gender when 'Male' then 'M' when 'Female' then 'F' else 'X' end`;
const AGE = sql`case when c.age_at_identification is null then
    (case when c.is_child then 'U18' else 'UNK' end)
  when c.age_at_identification < 15 then '0-14' when c.age_at_identification < 18 then '15-17'
  else '18+' end`;
const XB_SEX = sql`case x.sex when 'Male' then 'M' when 'Female' then 'F' else 'X' end`;
const XB_AGE = sql`case x.age_group when 'Child' then 'U18' when 'Adult' then '18+' else 'UNK' end`;

function victimsBase(
  element: string,
  q: DerivedQuery,
): { from: RawBuilder<unknown>; date: RawBuilder<unknown> } {
  const lo = `${q.yearFrom}-01-01`;
  const hi = `${q.yearTo}-12-31`;
  const countries =
    q.countries === null ? sql`true` : sql`c.country_code in (${sql.join([...q.countries])})`;
  if (element === 'VICTIMS_IDENTIFIED') {
    return {
      from: sql`from case_record c where c.identification_status = 'Identified'
        and c.identification_date between ${lo}::date and ${hi}::date and ${countries}`,
      date: sql`c.identification_date`,
    };
  }
  const first =
    element === 'VICTIMS_ASSISTED'
      ? sql`(select case_id, min(d) as d from (
            select case_id, coalesce(start_date, created_at::date) as d from support_service
              where status <> 'Cancelled'
            union all select case_id, admitted_on as d from shelter_stay) s group by case_id)`
      : sql`(select case_id, min(created_at)::date as d from referral
            where kind in ('Refer', 'Transfer') and status <> 'Revoked' group by case_id)`;
  return {
    from: sql`from case_record c join ${first} f on f.case_id = c.id
      where c.identification_status = 'Identified' and f.d between ${lo}::date and ${hi}::date
      and ${countries}`,
    date: sql`f.d`,
  };
}

async function victimCounts(db: Reader, q: DerivedQuery): Promise<Row[]> {
  const { from, date } = victimsBase(q.dataElement, q);
  const year = sql`to_char(${date}, 'YYYY')`;
  const dim = q.dimension;
  if (dim === null) {
    return (
      await sql<Row>`select c.country_code as country, ${year} as year, '' as option,
        count(*) as n ${from} group by 1, 2`.execute(db)
    ).rows;
  }
  const option =
    dim === 'sex'
      ? SEX
      : dim === 'age_group'
        ? AGE
        : dim === 'nationality'
          ? sql`c.nationality`
          : sql`(select a.type from agency a where a.id = coalesce(c.identified_by_agency_id, c.agency_id))`;
  return (
    await sql<Row>`select c.country_code as country, ${year} as year, ${option} as option,
      count(*) as n ${from} group by 1, 2, 3`.execute(db)
  ).rows;
}

async function exploitationCounts(db: Reader, q: DerivedQuery): Promise<Row[]> {
  const { from, date } = victimsBase(q.dataElement, q);
  const year = sql`to_char(${date}, 'YYYY')`;
  return (
    await sql<Row>`select country, year, option, count(*) as n from (
        select c.country_code as country, ${year} as year,
          unnest(case when cardinality(c.forms_of_exploitation) = 0 then array['']
            else c.forms_of_exploitation end) as option
        ${from}) t group by 1, 2, 3`.execute(db)
  ).rows;
}

async function returnCounts(db: Reader, q: DerivedQuery): Promise<Row[]> {
  const sent = q.dataElement === 'VICTIMS_REPATRIATED';
  const step = sent ? 'handover' : 'reception';
  const reporter = sent ? sql`x.destination_country` : sql`x.origin_country`;
  const countries =
    q.countries === null ? sql`true` : sql`${reporter} in (${sql.join([...q.countries])})`;
  const dim = q.dimension;
  const option =
    dim === null
      ? sql`''`
      : dim === 'sex'
        ? XB_SEX
        : dim === 'age_group'
          ? XB_AGE
          : dim === 'country_from'
            ? sql`x.destination_country`
            : sql`x.origin_country`;
  // One row per shared case (ref): a node holding both sides has two xb_case rows for it.
  return (
    await sql<Row>`select country, year, option, count(*) as n from (
        select distinct on (x.ref) ${reporter} as country, to_char(s.completed_on, 'YYYY') as year,
          ${option} as option
        from xb_case x join xb_step s on s.xb_case_id = x.id and s.step = ${step} and s.status = 'Done'
        where s.completed_on between ${`${q.yearFrom}-01-01`}::date and ${`${q.yearTo}-12-31`}::date
          and ${countries}
        order by x.ref, s.completed_on) t group by 1, 2, 3`.execute(db)
  ).rows;
}

function optionOf(dim: StatDimension | null, raw: string | null): string | null {
  if (dim === null) {
    return TOTAL;
  }
  if (raw === null) {
    return dim === 'exploitation' ? 'not_stated' : null;
  }
  if (dim === 'exploitation') {
    return raw === '' ? 'not_stated' : (FORM_OPTION[raw] ?? 'other');
  }
  if (dim === 'agency_type') {
    return AGENCY_OPTION[raw] ?? 'other';
  }
  return raw;
}

/**
 * Count the derived statistic per country × year (× option of `dimension`, with the total under
 * option ''). Options that cannot be named (no nationality recorded) count in the total only.
 */
export async function computeCaseDerived(db: Reader, q: DerivedQuery): Promise<DerivedCounts> {
  const out: DerivedCounts = new Map();
  const add = (country: string, year: string, option: string, n: number) => {
    const k = `${country}|${year}|${option}`;
    out.set(k, (out.get(k) ?? 0) + n);
  };
  const isReturn = q.dataElement === 'VICTIMS_REPATRIATED' || q.dataElement === 'VICTIMS_RETURNED';
  const load = (dim: StatDimension | null) => {
    const sub = { ...q, dimension: dim };
    if (isReturn) {
      return returnCounts(db, sub);
    }
    return dim === 'exploitation' ? exploitationCounts(db, sub) : victimCounts(db, sub);
  };
  for (const r of await load(null)) {
    add(r.country, String(r.year), TOTAL, Number(r.n));
  }
  if (q.dimension !== null) {
    for (const r of await load(q.dimension)) {
      const option = optionOf(q.dimension, r.option);
      if (option !== null && option !== TOTAL) {
        add(r.country, String(r.year), option, Number(r.n));
      }
    }
    if (q.dimension === 'age_group') {
      // U18 as reported beside its parts: 0-14 + 15-17 + children of unknown age.
      for (const [k, n] of [...out]) {
        const [country, year, option] = k.split('|') as [string, string, string];
        if (option === '0-14' || option === '15-17') {
          add(country, year, 'U18', n);
        }
      }
    }
  }
  return out;
}
