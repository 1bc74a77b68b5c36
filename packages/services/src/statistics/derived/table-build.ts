import {
  DIMENSION_OPTIONS,
  type DisclosureSettings,
  type PivotAxis,
  type StatTableCell,
  type SumConstraint,
  suppressCells,
} from '@ctip/domain';
import {
  type CellStore,
  combineResolved,
  LEVEL_DIMS,
  type LevelDim,
  optionParts,
  optionWhole,
  type Resolved,
} from './cell-store';

/**
 * Pure assembly of a pivot table from resolved cells: axis options, the value of each cell
 * (fixed options, sets kept by filters, totals), the additive constraints of the table as shown,
 * and disclosure control over them.
 */

/** What a table cell asks for: a country (or a set summed), a period (or a set), dimension options. */
export type CellSelection = {
  country: string | { set: readonly string[]; regionUnit: string | null };
  period: string | readonly string[];
  /** Per LEVEL_DIMS: an option, '' (total), or the options a filter keeps (summed). */
  dims: (string | readonly string[])[];
};

/**
 * The value of a selection: sets are expanded and summed (country first; the regional unit's
 * printed figure is used for the all-countries total when it has one), then the store's rule.
 */
export function evaluateSelection(store: CellStore, sel: CellSelection): Resolved {
  const { country, period, dims } = sel;
  if (typeof country !== 'string') {
    if (country.regionUnit) {
      const printed = evaluateSelection(store, { ...sel, country: country.regionUnit });
      if (!printed.isAbsent) {
        return printed;
      }
    }
    return combineResolved(
      country.set.map((c) => evaluateSelection(store, { ...sel, country: c })),
      store.mode,
    );
  }
  if (typeof period !== 'string') {
    return combineResolved(
      period.map((p) => evaluateSelection(store, { ...sel, period: p })),
      store.mode,
    );
  }
  const i = dims.findIndex((d) => typeof d !== 'string');
  if (i >= 0) {
    const options = dims[i] as readonly string[];
    return combineResolved(
      options.map((o) => {
        const next = [...dims];
        next[i] = o;
        return evaluateSelection(store, { ...sel, dims: next });
      }),
      store.mode,
    );
  }
  return store.resolve(country, period, dims as string[]);
}

/** Sort dimension options in their defined order (country codes alphabetically). */
export function sortOptions(axis: PivotAxis, options: Iterable<string>): string[] {
  const list = [...new Set(options)].filter((o) => o !== '');
  const fixed =
    axis === 'country' || axis === 'period'
      ? null
      : DIMENSION_OPTIONS[axis as keyof typeof DIMENSION_OPTIONS];
  if (!fixed) {
    return list.sort();
  }
  return list.sort((a, b) => rank(fixed, a) - rank(fixed, b) || a.localeCompare(b));
}

function rank(list: readonly string[], o: string): number {
  const i = list.indexOf(o);
  return i < 0 ? list.length : i;
}

/** Every tuple of the axes' options (the header rows of one side), without totals. */
export function headerTuples(options: readonly (readonly string[])[]): string[][] {
  let out: string[][] = [[]];
  for (const list of options) {
    out = out.flatMap((t) => list.map((o) => [...t, o]));
  }
  return options.length === 0 ? [] : out;
}

/** Key of a header tuple; the total (all '') is `*`, as gridConstraints names it. */
export function headerKey(tuple: readonly string[]): string {
  return tuple.every((o) => o === '') ? '*' : tuple.join('\u0001');
}

/**
 * The additive groups of one side of the table: the total is the sum of the tuples whose options
 * are all top-level (not a part of a composite shown beside it), and each composite tuple is the
 * sum of its parts' tuples (U18 = 0-14 + 15-17).
 */
export function sideGroups(
  axes: readonly PivotAxis[],
  options: readonly (readonly string[])[],
  tuples: readonly string[][],
): SumConstraint[] {
  if (axes.length === 0) {
    return [];
  }
  const isPartShown = (i: number, o: string): boolean => {
    const whole = optionWhole(axes[i] as string, o);
    return whole !== null && (options[i] ?? []).includes(whole);
  };
  const groups: SumConstraint[] = [
    {
      total: '*',
      parts: tuples.filter((t) => t.every((o, i) => !isPartShown(i, o))).map(headerKey),
    },
  ];
  const present = new Set(tuples.map(headerKey));
  tuples.forEach((t) => {
    t.forEach((o, i) => {
      const parts = optionParts(axes[i] as string, o);
      if (!parts) {
        return;
      }
      const keys = parts
        .map((p) => headerKey(t.map((x, j) => (j === i ? p : x))))
        .filter((k) => present.has(k));
      if (keys.length > 0) {
        groups.push({ total: headerKey(t), parts: keys });
      }
    });
  });
  return groups;
}

/** The constraints of the whole grid: each row group along every column, and vice versa. */
export function tableConstraints(
  rowKeys: readonly string[],
  colKeys: readonly string[],
  rowGroups: readonly SumConstraint[],
  colGroups: readonly SumConstraint[],
): SumConstraint[] {
  const out: SumConstraint[] = [];
  for (const c of colKeys) {
    for (const g of rowGroups) {
      out.push({ total: `${g.total}|${c}`, parts: g.parts.map((r) => `${r}|${c}`) });
    }
  }
  for (const r of rowKeys) {
    for (const g of colGroups) {
      out.push({ total: `${r}|${g.total}`, parts: g.parts.map((c) => `${r}|${c}`) });
    }
  }
  return out;
}

/** A resolved cell as the API shows it (internal figures: unchanged). */
export function presentCell(r: Resolved): StatTableCell {
  const cell: StatTableCell = { value: r.value, status: r.status };
  if (r.isDerived) {
    cell.isDerived = true;
  }
  if (r.isLowerBound) {
    cell.isLowerBound = true;
  }
  return cell;
}

/**
 * Apply primary and secondary suppression to a grid of cells (in place).
 * @returns the counts withheld
 */
export function suppressGrid(
  cells: StatTableCell[][],
  rowKeys: readonly string[],
  colKeys: readonly string[],
  constraints: readonly SumConstraint[],
  settings: DisclosureSettings,
): { primary: number; secondary: number } {
  const values = new Map<string, number | null>();
  rowKeys.forEach((r, i) => {
    colKeys.forEach((c, j) => {
      values.set(`${r}|${c}`, cells[i]?.[j]?.value ?? null);
    });
  });
  const result = suppressCells(values, constraints, settings);
  rowKeys.forEach((r, i) => {
    colKeys.forEach((c, j) => {
      const key = `${r}|${c}`;
      const row = cells[i] as StatTableCell[];
      if (result.primary.has(key)) {
        row[j] = { value: null, status: 'Suppressed' };
      } else if (result.secondary.has(key)) {
        row[j] = { value: null, status: 'SecondarySuppressed' };
      }
    });
  });
  return { primary: result.primary.size, secondary: result.secondary.size };
}

/** LEVEL_DIMS index of a dimension axis. */
export function dimIndex(dim: LevelDim): number {
  return LEVEL_DIMS.indexOf(dim);
}
