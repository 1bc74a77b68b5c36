import {
  type Disaggregation,
  dimensionAllows,
  STAT_DIMENSIONS,
  type StatDimension,
} from './dimensions';
import { ELEMENT_CODE_PATTERN } from './elements';

/**
 * Indicators are expressions over data elements, evaluated per unit and period, and per
 * disaggregation: `#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000` evaluated for `{ sex: 'F' }`
 * divides female victims by the female population (each reference takes the context's options of
 * the dimensions its element has). A reference may fix options itself: `#{VICTIMS_IDENTIFIED|age_group=U18}`.
 *
 * Grammar: expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
 * factor := number | reference | '(' expr ')' | '-' factor ;
 * reference := '#{' CODE ('|' dim '=' option (',' dim '=' option)*)? '}'.
 */
export const INDICATOR_UNITS = ['count', 'percent', 'per100k', 'ratio'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDef = {
  code: string;
  expression: string;
  unit: IndicatorUnit;
  decimals: number;
};

/** A parsed expression. */
export type IndicatorExpr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; dataElement: string; fixed: Disaggregation }
  | { kind: 'neg'; arg: IndicatorExpr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: IndicatorExpr; right: IndicatorExpr };

/** Parse failure, with the 0-based character position (for a field-named 400 error). */
export class IndicatorSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'IndicatorSyntaxError';
  }
}

/** Parse an expression; throws IndicatorSyntaxError. */
export function parseIndicator(expression: string): IndicatorExpr {
  const p = new Parser(expression);
  const expr = p.expr();
  p.skip();
  if (!p.atEnd()) {
    throw new IndicatorSyntaxError(`unexpected '${p.peek()}'`, p.pos);
  }
  return expr;
}

const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const CODE = /[A-Z][A-Z0-9_]*/y;
const NAME = /[a-z_]+/y;
const OPTION = /[^\s,|=}]+/y;
const MAX_DEPTH = 100;

class Parser {
  pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  peek(): string {
    return this.src[this.pos] ?? '';
  }

  skip(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] ?? '')) {
      this.pos += 1;
    }
  }

  private fail(message: string, at = this.pos): never {
    throw new IndicatorSyntaxError(message, at);
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) {
      return null;
    }
    this.pos += m[0].length;
    return m[0];
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) {
      this.fail(this.atEnd() ? `expected '${ch}' at the end` : `expected '${ch}'`);
    }
    this.pos += 1;
  }

  expr(): IndicatorExpr {
    let left = this.term();
    for (;;) {
      this.skip();
      const op = this.peek();
      if (op !== '+' && op !== '-') {
        return left;
      }
      this.pos += 1;
      left = { kind: 'bin', op, left, right: this.term() };
    }
  }

  private term(): IndicatorExpr {
    let left = this.factor();
    for (;;) {
      this.skip();
      const op = this.peek();
      if (op !== '*' && op !== '/') {
        return left;
      }
      this.pos += 1;
      left = { kind: 'bin', op, left, right: this.factor() };
    }
  }

  private factor(): IndicatorExpr {
    this.skip();
    if (this.atEnd()) {
      this.fail('expected a number, a reference or (');
    }
    this.depth += 1;
    if (this.depth > MAX_DEPTH) {
      this.fail('expression nested too deeply');
    }
    try {
      const ch = this.peek();
      if (ch === '-') {
        this.pos += 1;
        return { kind: 'neg', arg: this.factor() };
      }
      if (ch === '(') {
        this.pos += 1;
        const inner = this.expr();
        this.skip();
        this.expect(')');
        return inner;
      }
      if (ch === '#') {
        return this.reference();
      }
      const start = this.pos;
      const num = this.match(NUMBER);
      if (num !== null) {
        const value = Number(num);
        if (!Number.isFinite(value)) {
          this.fail('number out of range', start);
        }
        return { kind: 'num', value };
      }
      return this.fail(`unexpected '${ch}'`);
    } finally {
      this.depth -= 1;
    }
  }

  private reference(): IndicatorExpr {
    this.expect('#');
    this.expect('{');
    const codeAt = this.pos;
    const code = this.match(CODE);
    if (code === null || !ELEMENT_CODE_PATTERN.test(code)) {
      this.fail('expected a data element code', codeAt);
    }
    const fixed: Disaggregation = {};
    if (this.peek() === '|') {
      this.pos += 1;
      for (;;) {
        const dimAt = this.pos;
        const dim = this.match(NAME);
        if (dim === null || !(STAT_DIMENSIONS as readonly string[]).includes(dim)) {
          this.fail('expected a dimension', dimAt);
        }
        const d = dim as StatDimension;
        if (fixed[d] !== undefined) {
          this.fail(`dimension ${d} given twice`, dimAt);
        }
        this.expect('=');
        const optionAt = this.pos;
        const option = this.match(OPTION);
        if (option === null || !dimensionAllows(d, option)) {
          this.fail(`expected an option of ${d}`, optionAt);
        }
        fixed[d] = option;
        if (this.peek() !== ',') {
          break;
        }
        this.pos += 1;
      }
    }
    this.expect('}');
    return { kind: 'ref', dataElement: code, fixed };
  }
}

/** The element codes an expression references (in first-use order, unique). */
export function indicatorElements(expr: IndicatorExpr): string[] {
  const out: string[] = [];
  const walk = (e: IndicatorExpr): void => {
    switch (e.kind) {
      case 'num':
        return;
      case 'ref':
        if (!out.includes(e.dataElement)) {
          out.push(e.dataElement);
        }
        return;
      case 'neg':
        walk(e.arg);
        return;
      case 'bin':
        walk(e.left);
        walk(e.right);
        return;
    }
  };
  walk(expr);
  return out;
}

/**
 * Print an expression in the grammar (fully parenthesised where precedence needs it), so
 * `parseIndicator(printIndicator(e))` evaluates like `e`.
 */
export function printIndicator(expr: IndicatorExpr): string {
  switch (expr.kind) {
    case 'num':
      return String(expr.value);
    case 'ref': {
      const fixed = STAT_DIMENSIONS.filter((d) => expr.fixed[d] !== undefined).map(
        (d) => `${d}=${expr.fixed[d]}`,
      );
      return `#{${expr.dataElement}${fixed.length > 0 ? `|${fixed.join(',')}` : ''}}`;
    }
    case 'neg':
      return `-${printOperand(expr.arg, true)}`;
    case 'bin': {
      const tight = expr.op === '*' || expr.op === '/';
      const left = tight ? printOperand(expr.left, false) : printIndicator(expr.left);
      // The right operand of a left-associative operator needs brackets when it is itself binary
      // at the same or lower precedence.
      const right =
        expr.right.kind === 'bin' && (tight || expr.right.op === '+' || expr.right.op === '-')
          ? `(${printIndicator(expr.right)})`
          : printOperand(expr.right, false);
      return `${left} ${expr.op} ${right}`;
    }
  }
}

function printOperand(e: IndicatorExpr, unary: boolean): string {
  if (e.kind === 'bin' && (unary || e.op === '+' || e.op === '-')) {
    return `(${printIndicator(e)})`;
  }
  if (e.kind === 'num' && e.value < 0) {
    return `(${printIndicator(e)})`;
  }
  return printIndicator(e);
}

/**
 * Evaluate.
 * @param lookup - The value of an element for a disaggregation (context merged with the
 *   reference's fixed options), or null when not reported.
 * @returns The number, or null when any reference is null or a division is by zero.
 */
export function evaluateIndicator(
  expr: IndicatorExpr,
  context: Disaggregation,
  lookup: (dataElement: string, disaggregation: Disaggregation) => number | null,
): number | null {
  const ev = (e: IndicatorExpr): number | null => {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'ref':
        return lookup(e.dataElement, { ...context, ...e.fixed });
      case 'neg': {
        const v = ev(e.arg);
        return v === null ? null : -v;
      }
      case 'bin': {
        const l = ev(e.left);
        const r = ev(e.right);
        if (l === null || r === null) {
          return null;
        }
        switch (e.op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            return r === 0 ? null : l / r;
        }
      }
    }
  };
  const out = ev(expr);
  return out === null || !Number.isFinite(out) ? null : out;
}

/** The built-in indicators: SDG 16.2.2 and the criminal justice ratios. */
export const BUILT_IN_INDICATORS: readonly IndicatorDef[] = [
  {
    code: 'SDG_16_2_2',
    expression: '#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000',
    unit: 'per100k',
    decimals: 2,
  },
  {
    code: 'CONVICTION_RATE',
    expression: '#{CONVICTIONS} / #{PROSECUTIONS} * 100',
    unit: 'percent',
    decimals: 1,
  },
  {
    code: 'ASSISTED_SHARE',
    expression: '#{VICTIMS_ASSISTED} / #{VICTIMS_IDENTIFIED} * 100',
    unit: 'percent',
    decimals: 1,
  },
  {
    code: 'SUSPECTS_PER_CASE',
    expression: '#{SUSPECTS} / #{INVESTIGATIONS}',
    unit: 'ratio',
    decimals: 2,
  },
];
