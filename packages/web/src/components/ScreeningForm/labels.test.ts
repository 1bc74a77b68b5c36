import {
  GENDERS,
  HOTLINE_CALLER_TYPES,
  HOTLINE_CATEGORIES,
  HOTLINE_CHANNELS,
  HOTLINE_OUTCOMES,
  HOTLINE_URGENCIES,
  SCREENING_ACT_INDICATORS,
  SCREENING_MEANS_INDICATORS,
  SCREENING_OUTCOMES,
  SCREENING_PURPOSE_INDICATORS,
  SCREENING_RED_FLAGS,
} from '@ctip/domain';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };
const files = import.meta.glob<Tree>(['../../i18n/locales/{screening,hotline}/*.json'], {
  eager: true,
  import: 'default',
});

function has(tree: Tree, path: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' && node.trim() !== '';
}

/** Keys built at run time from the domain lists (the catalogue test sees only literal keys). */
const KEYS = [
  ...SCREENING_ACT_INDICATORS.map((v) => `screening.act.${v}`),
  ...SCREENING_MEANS_INDICATORS.map((v) => `screening.means.${v}`),
  ...SCREENING_PURPOSE_INDICATORS.map((v) => `screening.purpose.${v}`),
  ...SCREENING_RED_FLAGS.map((v) => `screening.redFlag.${v}`),
  ...SCREENING_OUTCOMES.map((v) => `screening.outcome.${v}`),
  ...GENDERS.map((v) => `screening.gender.${v}`),
  ...HOTLINE_CHANNELS.map((v) => `hotline.channel.${v}`),
  ...HOTLINE_CALLER_TYPES.map((v) => `hotline.callerType.${v}`),
  ...HOTLINE_CATEGORIES.map((v) => `hotline.category.${v}`),
  ...HOTLINE_URGENCIES.map((v) => `hotline.urgency.${v}`),
  ...HOTLINE_OUTCOMES.map((v) => `hotline.outcome.${v}`),
];

describe('screening and hotline labels', () => {
  it('label every stored value of the domain lists in all seven languages', () => {
    const byLanguage = new Map<string, Tree>();
    for (const [path, tree] of Object.entries(files)) {
      const lng = path.replace(/^.*\/(\w+)\.json$/, '$1');
      byLanguage.set(lng, { ...(byLanguage.get(lng) ?? {}), ...tree });
    }
    expect(byLanguage.size).toBe(7);
    for (const [lng, tree] of byLanguage) {
      expect(
        KEYS.filter((k) => !has(tree, k)),
        lng,
      ).toEqual([]);
    }
  });
});
