import {
  BUILT_IN_DATA_ELEMENTS,
  BUILT_IN_DATA_SETS,
  BUILT_IN_INDICATORS,
  COMPARISON_REASONS,
  DIMENSION_OPTIONS,
  LOCALES,
  PERIOD_TYPES,
  PIVOT_AXES,
  PUBLISHED_CELL_STATUSES,
  STAT_DIMENSIONS,
} from '@ctip/domain';
import { describe, expect, it } from 'vitest';
import { MARKED_STATUSES } from './cells';

type Tree = { [key: string]: string | Tree };
const files = import.meta.glob<Tree>('../../../i18n/locales/statistics/*.json', {
  eager: true,
  import: 'default',
});

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Keys built at run time from domain lists (the catalogue test sees only literal keys). */
const KEYS = [
  ...BUILT_IN_DATA_ELEMENTS.map((e) => `statistics.element.${e.code}`),
  ...BUILT_IN_INDICATORS.map((i) => `statistics.indicator.${i.code}`),
  ...BUILT_IN_DATA_SETS.map((d) => `statistics.dataSet.${d.code}`),
  ...PIVOT_AXES.map((a) => `statistics.dimension.${a}`),
  ...STAT_DIMENSIONS.flatMap((d) =>
    (DIMENSION_OPTIONS[d] ?? []).map((o) => `statistics.option.${d}.${o}`),
  ),
  ...PERIOD_TYPES.map((p) => `statistics.period.type.${p}`),
  ...PUBLISHED_CELL_STATUSES.map((s) => `statistics.status.${s}`),
  ...MARKED_STATUSES.map((s) => `statistics.legend.${s}`),
  ...['Approved', 'Unapproved', 'Open'].map((s) => `statistics.approvals.state.${s}`),
  ...COMPARISON_REASONS.map((r) => `statistics.comparison.reason.${r}`),
];

describe('statistics catalogue', () => {
  for (const locale of LOCALES) {
    it(`names every element, indicator, dimension, option, status and reason in ${locale}`, () => {
      const tree = files[`../../../i18n/locales/statistics/${locale}.json`] as Tree;
      expect(KEYS.filter((k) => !lookup(tree, k)?.trim())).toEqual([]);
    });
  }
});
