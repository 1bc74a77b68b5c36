import {
  DIMENSION_OPTIONS,
  PRINTED_STATUS_TEXTS,
  REGION_UNIT,
  STAT_DIMENSIONS,
  type StatDimension,
  type StatValueStatus,
  TOTAL,
} from '@ctip/domain';

/** Keys of option maps: the dimensions, the reporting unit, the status and the element. */
export type OptionMapKey = StatDimension | 'country' | 'status' | 'dataElement';

/** Normalise a printed text for lookups: trimmed, lower case, inner spaces collapsed. */
export function normText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Country names and demonyms the seeds print, by ISO 3166 alpha-2 code. */
const COUNTRY_SPELLINGS: Record<string, string[]> = {
  KH: ['cambodia', 'cambodian', 'kingdom of cambodia'],
  CN: ['china', 'chinese', "people's republic of china", 'prc'],
  LA: ['lao pdr', 'laos', 'lao', 'laotian', "lao people's democratic republic"],
  MM: ['myanmar', 'myanmarese', 'burma', 'burmese'],
  TH: ['thailand', 'thai'],
  VN: ['viet nam', 'vietnam', 'vietnamese'],
  ID: ['indonesia', 'indonesian'],
  MY: ['malaysia', 'malaysian'],
  SG: ['singapore', 'singaporean'],
  KR: ['south korea', 'korea', 'republic of korea', 'korean'],
  JP: ['japan', 'japanese'],
  HK: ['hong kong'],
  MO: ['macau', 'macao'],
  TW: ['taiwan', 'taiwanese'],
  UG: ['uganda', 'ugandan'],
  BD: ['bangladesh', 'bangladeshi'],
  IN: ['india', 'indian'],
  PH: ['philippines', 'filipino'],
};

const TOTAL_TEXTS = ['all', 'total', 'both', 'both sexes', 'all ages', 'total reported'];

/** Built-in option maps: the seeds' printed spellings → codes (per key, normalised text → code). */
export const BUILT_IN_OPTION_MAPS: Readonly<
  Record<OptionMapKey, Readonly<Record<string, string>>>
> = (() => {
  const countries: Record<string, string> = {};
  for (const [code, names] of Object.entries(COUNTRY_SPELLINGS)) {
    for (const n of names) {
      countries[n] = code;
    }
  }
  const totals = Object.fromEntries(TOTAL_TEXTS.map((t) => [t, TOTAL]));
  const maps: Record<string, Record<string, string>> = {
    country: { ...countries, total: REGION_UNIT, region: REGION_UNIT, commit: REGION_UNIT },
    status: {
      ...Object.fromEntries(Object.entries(PRINTED_STATUS_TEXTS)),
      reported: 'Reported',
      missing: 'Missing',
      suppressedatsource: 'SuppressedAtSource',
      'suppressed at source': 'SuppressedAtSource',
      secondarysuppressed: 'SuppressedAtSource',
    },
    dataElement: {},
    sex: {
      ...totals,
      m: 'M',
      male: 'M',
      males: 'M',
      men: 'M',
      boys: 'M',
      f: 'F',
      female: 'F',
      females: 'F',
      women: 'F',
      girls: 'F',
      x: 'X',
      other: 'X',
      'not stated': 'X',
    },
    age_group: {
      ...totals,
      'under 18': 'U18',
      'below 18': 'U18',
      under18: 'U18',
      u18: 'U18',
      child: 'U18',
      children: 'U18',
      minor: 'U18',
      minors: 'U18',
      '<18': 'U18',
      adult: '18+',
      adults: '18+',
      'above 18': '18+',
      'over 18': '18+',
      '18 up': '18+',
      '18_up': '18+',
      '18 and above': '18+',
      '18+': '18+',
      '0 - 14': '0-14',
      '0-14': '0-14',
      '0_14': '0-14',
      '15 - 17': '15-17',
      '15-17': '15-17',
      '15_17': '15-17',
      unknown: 'UNK',
      'not stated': 'UNK',
      '(not stated)': 'UNK',
    },
    exploitation: {
      ...totals,
      'sexual exploitation': 'sexual_exploitation',
      sexual: 'sexual_exploitation',
      prostitution: 'sexual_exploitation',
      'forced labour': 'forced_labour',
      'forced labor': 'forced_labour',
      labour: 'forced_labour',
      labor: 'forced_labour',
      'labour exploitation': 'forced_labour',
      begging: 'begging',
      'forced begging': 'begging',
      'forced marriage': 'forced_marriage',
      'domestic servitude': 'domestic_servitude',
      'organ removal': 'organ_removal',
      'illegal adoption': 'illegal_adoption',
      surrogacy: 'surrogacy',
      'child soldiers': 'child_soldiers',
      'forced criminality': 'forced_criminality',
      other: 'other',
      '(not stated)': 'not_stated',
      'not stated': 'not_stated',
    },
    channel: {
      ...totals,
      'g to g': 'g2g',
      g2g: 'g2g',
      'government to government': 'g2g',
      'official channel': 'official',
      official: 'official',
      iom: 'iom',
      embassy: 'embassy',
      self: 'self',
      'self-return': 'self',
      '(not stated)': 'not_stated',
      'not stated': 'not_stated',
    },
    victim_category: {
      ...totals,
      victims: 'victim',
      'vulnerable people': 'vulnerable',
      'victims and vulnerable people': 'victim_or_vulnerable',
    },
    agency_type: { ...totals },
    trainee_type: { ...totals },
    nationality: { ...totals, ...countries },
    country_from: { ...totals, ...countries },
    country_to: { ...totals, ...countries },
  };
  return maps as Record<OptionMapKey, Record<string, string>>;
})();

/** Lower-cased option codes per dimension, for accepting codes in any case. */
const CODE_LOOKUP: Record<string, Map<string, string>> = Object.fromEntries(
  STAT_DIMENSIONS.map((d) => [
    d,
    new Map((DIMENSION_OPTIONS[d] ?? []).map((o) => [o.toLowerCase(), o])),
  ]),
);

/** A mapping's own option maps, normalised once. */
export type CompiledOptionMaps = Partial<Record<OptionMapKey, Map<string, string>>>;

export function compileOptionMaps(
  maps: Partial<Record<OptionMapKey, Record<string, string>>>,
): CompiledOptionMaps {
  const out: CompiledOptionMaps = {};
  for (const [key, map] of Object.entries(maps) as [OptionMapKey, Record<string, string>][]) {
    out[key] = new Map(Object.entries(map).map(([k, v]) => [normText(k), v]));
  }
  return out;
}

/**
 * Turn a printed text into a code: the mapping's own map, then the built-in spellings, then the
 * text itself when it already is a code (any case). Country codes are upper-cased.
 * @returns the code ('' = TOTAL), or null when the text maps to nothing known
 */
export function mapOption(key: OptionMapKey, text: string, own: CompiledOptionMaps): string | null {
  let cache = MEMO.get(own);
  if (!cache) {
    cache = new Map();
    MEMO.set(own, cache);
  }
  const memoKey = `${key}\u0001${text}`;
  const hit = cache.get(memoKey);
  if (hit !== undefined) {
    return hit;
  }
  const out = mapOptionUncached(key, text, own);
  if (cache.size < 100_000) {
    cache.set(memoKey, out);
  }
  return out;
}

const MEMO = new WeakMap<CompiledOptionMaps, Map<string, string | null>>();

function mapOptionUncached(
  key: OptionMapKey,
  text: string,
  own: CompiledOptionMaps,
): string | null {
  const n = normText(text);
  const mine = own[key]?.get(n);
  if (mine !== undefined) {
    return mine;
  }
  if (n === '') {
    return key === 'status' || key === 'country' || key === 'dataElement' ? null : TOTAL;
  }
  const builtIn = BUILT_IN_OPTION_MAPS[key][n];
  if (builtIn !== undefined) {
    return builtIn;
  }
  if (
    key === 'country' ||
    key === 'nationality' ||
    key === 'country_from' ||
    key === 'country_to'
  ) {
    return /^[a-z]{2}$/.test(n) ? n.toUpperCase() : null;
  }
  if (key === 'status') {
    return null;
  }
  if (key === 'dataElement') {
    return text.trim().toUpperCase();
  }
  return CODE_LOOKUP[key]?.get(n) ?? text.trim();
}

/** A status text → status, or null when it is no status text. */
export function mapStatus(text: string, own: CompiledOptionMaps): StatValueStatus | null {
  const s = mapOption('status', text, own);
  return s === 'Reported' || s === 'Missing' || s === 'SuppressedAtSource' ? s : null;
}
