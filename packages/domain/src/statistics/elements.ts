import type { StatDimension } from './dimensions';
import type { PeriodType } from './periods';

/**
 * Data elements (what is counted) and data sets (what is entered, approved and pushed together),
 * after DHIS2's aggregate model without its category-combo machinery: an element lists the
 * dimensions it may be broken down by; a value names one option per dimension or TOTAL.
 */
export const VALUE_TYPES = ['Integer', 'Number', 'Money'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const STAT_UNITS = ['persons', 'cases', 'calls', 'events', 'usd', 'people'] as const;
export type StatUnit = (typeof STAT_UNITS)[number];

export const ELEMENT_GROUPS = [
  'victims',
  'repatriation',
  'justice',
  'hotline',
  'resources',
  'population',
] as const;
export type ElementGroup = (typeof ELEMENT_GROUPS)[number];

export type DataElementDef = {
  /** UPPER_SNAKE code; the web names it `statistics:element.<code>`. */
  code: string;
  group: ElementGroup;
  valueType: ValueType;
  unit: StatUnit;
  /** Dimensions a value of this element may be broken down by. */
  dimensions: readonly StatDimension[];
  /** Can be computed from the case and cross-border modules (shown beside the official figure). */
  caseDerived: boolean;
};

const VICTIM_DIMS: readonly StatDimension[] = [
  'sex',
  'age_group',
  'nationality',
  'exploitation',
  'country_from',
  'country_to',
  'victim_category',
  'agency_type',
];
const RETURN_DIMS: readonly StatDimension[] = [
  'sex',
  'age_group',
  'nationality',
  'country_from',
  'country_to',
  'channel',
  'victim_category',
];
const JUSTICE_DIMS: readonly StatDimension[] = ['sex', 'age_group', 'nationality', 'exploitation'];

/**
 * The built-in elements (seeded; an administrator may add more).
 * - VICTIMS_IDENTIFIED: persons officially identified as trafficked by the reporting country.
 * - VICTIMS_ASSISTED: identified persons who received assistance (shelter, services).
 * - VICTIMS_REFERRED: identified persons referred to a service provider (national referral).
 * - VICTIMS_REPATRIATED: foreign victims the reporting country sent home (country_from = reporter).
 * - VICTIMS_RETURNED: the reporting country's nationals received back from abroad (country_to = reporter).
 * - NATIONALS_IDENTIFIED_ABROAD: nationals identified as victims abroad, by destination (country_to).
 * - HOTLINE_CALLS: calls to anti-trafficking hotlines.
 * - INVESTIGATIONS, SUSPECTS, ARRESTS, PROSECUTIONS, CONVICTIONS: criminal justice counts.
 * - BUDGET_USD: government budget allotted to anti-trafficking, in USD at the stated rate.
 * - PEOPLE_TRAINED: people trained, by trainee type and sex.
 * - POPULATION: resident population (for rates per 100,000, SDG 16.2.2).
 */
export const BUILT_IN_DATA_ELEMENTS: readonly DataElementDef[] = [
  {
    code: 'VICTIMS_IDENTIFIED',
    group: 'victims',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: VICTIM_DIMS,
    caseDerived: true,
  },
  {
    code: 'VICTIMS_ASSISTED',
    group: 'victims',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: VICTIM_DIMS,
    caseDerived: true,
  },
  {
    code: 'VICTIMS_REFERRED',
    group: 'victims',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: VICTIM_DIMS,
    caseDerived: true,
  },
  {
    code: 'NATIONALS_IDENTIFIED_ABROAD',
    group: 'victims',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: ['sex', 'age_group', 'exploitation', 'country_to'],
    caseDerived: false,
  },
  {
    code: 'VICTIMS_REPATRIATED',
    group: 'repatriation',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: RETURN_DIMS,
    caseDerived: true,
  },
  {
    code: 'VICTIMS_RETURNED',
    group: 'repatriation',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: RETURN_DIMS,
    caseDerived: true,
  },
  {
    code: 'HOTLINE_CALLS',
    group: 'hotline',
    valueType: 'Integer',
    unit: 'calls',
    dimensions: ['agency_type'],
    caseDerived: true,
  },
  {
    code: 'INVESTIGATIONS',
    group: 'justice',
    valueType: 'Integer',
    unit: 'cases',
    dimensions: ['exploitation'],
    caseDerived: false,
  },
  {
    code: 'SUSPECTS',
    group: 'justice',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: JUSTICE_DIMS,
    caseDerived: false,
  },
  {
    code: 'ARRESTS',
    group: 'justice',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: JUSTICE_DIMS,
    caseDerived: false,
  },
  {
    code: 'PROSECUTIONS',
    group: 'justice',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: JUSTICE_DIMS,
    caseDerived: false,
  },
  {
    code: 'CONVICTIONS',
    group: 'justice',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: JUSTICE_DIMS,
    caseDerived: false,
  },
  {
    code: 'BUDGET_USD',
    group: 'resources',
    valueType: 'Money',
    unit: 'usd',
    dimensions: ['agency_type'],
    caseDerived: false,
  },
  {
    code: 'PEOPLE_TRAINED',
    group: 'resources',
    valueType: 'Integer',
    unit: 'people',
    dimensions: ['sex', 'trainee_type', 'agency_type'],
    caseDerived: false,
  },
  {
    code: 'POPULATION',
    group: 'population',
    valueType: 'Integer',
    unit: 'persons',
    dimensions: ['sex', 'age_group'],
    caseDerived: false,
  },
];

/** One element of a data set and the dimensions its entry form breaks it down by (0–2). */
export type DataSetElementDef = { dataElement: string; formDimensions: readonly StatDimension[] };

export type DataSetDef = {
  code: string;
  periodType: PeriodType;
  elements: readonly DataSetElementDef[];
};

/**
 * Built-in data sets: the unit of entry, approval and the regional push. A FinancialYear data set
 * uses the reporting country's fiscal start month (COUNTRY_FISCAL_START_MONTH).
 */
export const BUILT_IN_DATA_SETS: readonly DataSetDef[] = [
  {
    code: 'VICTIMS',
    periodType: 'Yearly',
    elements: [
      { dataElement: 'VICTIMS_IDENTIFIED', formDimensions: ['sex', 'age_group'] },
      { dataElement: 'VICTIMS_ASSISTED', formDimensions: ['sex', 'age_group'] },
      { dataElement: 'VICTIMS_REFERRED', formDimensions: ['sex', 'age_group'] },
      { dataElement: 'NATIONALS_IDENTIFIED_ABROAD', formDimensions: ['sex'] },
    ],
  },
  {
    code: 'REPATRIATION',
    periodType: 'Yearly',
    elements: [
      { dataElement: 'VICTIMS_REPATRIATED', formDimensions: ['sex', 'age_group'] },
      { dataElement: 'VICTIMS_RETURNED', formDimensions: ['sex', 'age_group'] },
    ],
  },
  {
    code: 'JUSTICE',
    periodType: 'Yearly',
    elements: [
      { dataElement: 'INVESTIGATIONS', formDimensions: [] },
      { dataElement: 'SUSPECTS', formDimensions: ['sex'] },
      { dataElement: 'ARRESTS', formDimensions: ['sex'] },
      { dataElement: 'PROSECUTIONS', formDimensions: ['sex'] },
      { dataElement: 'CONVICTIONS', formDimensions: ['sex'] },
    ],
  },
  {
    code: 'HOTLINE',
    periodType: 'Monthly',
    elements: [{ dataElement: 'HOTLINE_CALLS', formDimensions: [] }],
  },
  {
    code: 'RESOURCES',
    periodType: 'FinancialYear',
    elements: [
      { dataElement: 'BUDGET_USD', formDimensions: [] },
      { dataElement: 'PEOPLE_TRAINED', formDimensions: ['sex', 'trainee_type'] },
    ],
  },
  {
    code: 'POPULATION',
    periodType: 'Yearly',
    elements: [{ dataElement: 'POPULATION', formDimensions: ['sex'] }],
  },
];

/**
 * First month of each COMMIT country's fiscal year: Thailand October–September (S000: "budget year
 * 2015 (from 1 October 2014 – 30 September 2015)"); Myanmar October–September since 2018; the
 * others follow the calendar year. Configurable per node (statistics settings).
 */
export const COUNTRY_FISCAL_START_MONTH: Readonly<Record<string, number>> = {
  KH: 1,
  CN: 1,
  LA: 1,
  MM: 10,
  TH: 10,
  VN: 1,
};

/** Reporting unit code of a printed regional (all-COMMIT) figure, such as Table 1's "Total" row. */
export const REGION_UNIT = 'XR' as const;

/** Element codes: upper snake, 2–60 characters. */
export const ELEMENT_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,59}$/;
