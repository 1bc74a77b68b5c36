/**
 * Disclosure control of published numbers (DESIGN §6).
 *
 * Primary suppression: a cell whose count is at least 1 and below the threshold (default 5) is
 * withheld. Zeros are shown unless `suppressZeros` (a zero reveals no one; some publishers still
 * hide them).
 *
 * Secondary suppression: a published table has additive constraints (a total equals the sum of its
 * parts: rows, columns, disaggregations). A constraint with exactly one withheld cell would let a
 * reader recover it by subtraction, so another cell of that constraint is withheld too: the
 * smallest part still shown (a part rather than the total, so totals stay visible where possible),
 * repeated until every constraint has zero or at least two withheld cells. This is the classic
 * hypercube-style heuristic: it closes every single-subtraction attack, which is what published
 * COMMIT tables (one or two dimensions with margins) allow; it is not an optimal (minimum-loss)
 * solution.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export type DisclosureSettings = {
  threshold: number;
  suppressZeros: boolean;
};

export const DEFAULT_DISCLOSURE: DisclosureSettings = {
  threshold: DEFAULT_SUPPRESSION_THRESHOLD,
  suppressZeros: false,
};

/** A total and the cells that add up to it, by cell key. */
export type SumConstraint = { total: string; parts: readonly string[] };

export type SuppressionResult = {
  /** Withheld because below the threshold. */
  primary: Set<string>;
  /** Withheld so a primary cell cannot be recovered. */
  secondary: Set<string>;
};

/** Is this value withheld by the primary rule? */
export function isBelowThreshold(value: number | null, settings: DisclosureSettings): boolean {
  if (value === null) {
    return false;
  }
  if (value === 0) {
    return settings.suppressZeros;
  }
  return value < settings.threshold;
}

/**
 * Suppress cells.
 * @param values - Every cell of the table by key; null = not a number (no data, missing,
 *   suppressed at source). A null cell adds nothing to the totals this system computes, so a
 *   reader knows its contribution: it neither hides a withheld cell nor can be withheld…
 * @param unknown - …unless its number is unknown to the reader yet included in a stored (printed)
 *   total, as a part suppressed at source under a published total: such a cell counts as hidden.
 * @param constraints - The table's additive constraints.
 * @returns The primary and secondary sets (disjoint; null cells are in neither).
 */
export function suppressCells(
  values: ReadonlyMap<string, number | null>,
  constraints: readonly SumConstraint[],
  settings: DisclosureSettings = DEFAULT_DISCLOSURE,
  unknown: ReadonlySet<string> = new Set(),
): SuppressionResult {
  const primary = new Set<string>();
  for (const [key, value] of values) {
    if (isBelowThreshold(value, settings)) {
      primary.add(key);
    }
  }
  const secondary = new Set<string>();
  const hidden = (key: string): boolean =>
    primary.has(key) || secondary.has(key) || unknown.has(key);
  let changed = true;
  // Each pass withholds at least one more cell, so it ends after at most |values| passes.
  while (changed) {
    changed = false;
    for (const c of constraints) {
      const members = [c.total, ...c.parts].filter((k) => values.has(k));
      if (members.filter(hidden).length !== 1) {
        continue;
      }
      const candidate =
        smallestShown(c.parts, values, hidden) ?? smallestShown([c.total], values, hidden);
      if (candidate !== null) {
        secondary.add(candidate);
        changed = true;
      }
    }
  }
  return { primary, secondary };
}

function smallestShown(
  keys: readonly string[],
  values: ReadonlyMap<string, number | null>,
  hidden: (key: string) => boolean,
): string | null {
  let best: string | null = null;
  let bestValue = Number.POSITIVE_INFINITY;
  for (const key of keys) {
    const v = values.get(key);
    if (v === undefined || v === null || hidden(key)) {
      continue;
    }
    // Prefer a non-zero cell: withholding a zero protects nothing when zeros are published as such.
    const rank = v === 0 ? Number.MAX_SAFE_INTEGER : v;
    if (rank < bestValue) {
      bestValue = rank;
      best = key;
    }
  }
  return best;
}

/**
 * The constraints of a two-way table with margins: each row's cells sum to the row total, each
 * column's to the column total, and the totals to the grand total. Keys are `${row}|${col}`, with
 * `*` as the total row or column (so `*|*` is the grand total).
 */
export function gridConstraints(rows: readonly string[], cols: readonly string[]): SumConstraint[] {
  const out: SumConstraint[] = [];
  for (const r of [...rows, '*']) {
    out.push({ total: `${r}|*`, parts: cols.map((c) => `${r}|${c}`) });
  }
  for (const c of [...cols, '*']) {
    out.push({ total: `*|${c}`, parts: rows.map((r) => `${r}|${c}`) });
  }
  return out;
}
