import {
  type Disaggregation,
  OPTION_PARTS,
  STAT_DIMENSIONS,
  type StatDimension,
  TOTAL,
} from './dimensions';
import type { SumConstraint } from './disclosure';

/**
 * The part–whole structure of a disaggregation cube, shared by the SumOfParts validation rule and
 * by secondary suppression (so what validation checks is exactly what disclosure control protects).
 *
 * Within one (element, unit, period) block, cells that agree on every dimension but `dim` form a
 * line along `dim`. On a line:
 * - the TOTAL option is the whole of the top-level options present: every present option that is
 *   not itself a part of another present option (OPTION_PARTS), so with U18, 0-14, 15-17 and 18+
 *   present, TOTAL = U18 + 18+;
 * - an option with parts in OPTION_PARTS (U18) is the whole of those parts (0-14 + 15-17).
 */

/**
 * The parts of `whole` on a line of `dim`.
 * @param present - The options present on the line (TOTAL included or not; it is ignored).
 * @param listed - Parts fixed by a rule; null = derive them from the present options.
 * @returns The part options (listed ones even when absent; derived ones are present ones).
 */
export function partsOfOption(
  dim: StatDimension,
  whole: string,
  present: ReadonlySet<string>,
  listed: readonly string[] | null = null,
): string[] {
  if (listed !== null) {
    return listed.filter((o) => o !== whole);
  }
  const structure = OPTION_PARTS[dim] ?? {};
  if (whole !== TOTAL) {
    return [...(structure[whole] ?? [])];
  }
  const nested = new Set<string>();
  for (const option of present) {
    if (option === TOTAL) {
      continue;
    }
    for (const part of structure[option] ?? []) {
      nested.add(part);
    }
  }
  return [...present].filter((o) => o !== TOTAL && !nested.has(o)).sort();
}

/** The key of the line a disaggregation lies on along `dim` (the disaggregation without `dim`). */
export function lineKey(d: Disaggregation, dim: StatDimension): string {
  // Same text as disaggregationKey of d without dim, built without copying (hot in validation).
  let key = '';
  for (const other of STAT_DIMENSIONS) {
    if (other === dim) {
      continue;
    }
    const v = d[other];
    if (v !== undefined && v !== TOTAL) {
      key = key === '' ? `${other}=${v}` : `${key};${other}=${v}`;
    }
  }
  return key;
}

/** Group items into lines along `dim`: line key → option → item (the last one wins). */
export function linesAlong<T>(
  items: readonly T[],
  disaggregationOf: (item: T) => Disaggregation,
  dim: StatDimension,
): Map<string, Map<string, T>> {
  const lines = new Map<string, Map<string, T>>();
  for (const item of items) {
    const d = disaggregationOf(item);
    const key = lineKey(d, dim);
    let line = lines.get(key);
    if (!line) {
      line = new Map();
      lines.set(key, line);
    }
    line.set(d[dim] ?? TOTAL, item);
  }
  return lines;
}

/**
 * The additive constraints among the cells of one (element, unit, period) block, for secondary
 * suppression: along every dimension, on every line, TOTAL = its top-level parts and every option
 * with parts in OPTION_PARTS = its parts. Only cells that are present take part (an absent part is
 * a zero the table does not print); a constraint needs its whole and at least one part.
 * @param cells - The block's cells, each with a caller-chosen key (unique per cell).
 * @returns The constraints, in a stable order (dimension, line, whole).
 */
export function cubeConstraints(
  cells: readonly { key: string; disaggregation: Disaggregation }[],
): SumConstraint[] {
  const out: SumConstraint[] = [];
  for (const dim of STAT_DIMENSIONS) {
    const lines = linesAlong(cells, (c) => c.disaggregation, dim);
    for (const lk of [...lines.keys()].sort()) {
      const line = lines.get(lk);
      if (!line || line.size < 2) {
        continue;
      }
      const present = new Set(line.keys());
      const wholes = [...present].sort();
      for (const whole of wholes) {
        const wholeCell = line.get(whole);
        if (!wholeCell) {
          continue;
        }
        const parts = partsOfOption(dim, whole, present)
          .map((o) => line.get(o)?.key)
          .filter((k): k is string => k !== undefined);
        if (parts.length > 0) {
          out.push({ total: wholeCell.key, parts });
        }
      }
    }
  }
  return out;
}
