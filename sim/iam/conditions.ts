/**
 * Condition operators as the IAM policy reference defines them: string, ARN, Bool, Null and numeric
 * operators, the `IfExists` suffix and the `ForAnyValue:` / `ForAllValues:` set prefixes.
 *
 * A request context maps lower-cased condition keys to their values (a single-valued key holds one).
 * Within a block, all operators and all keys must hold; the values listed for one key are alternatives.
 */
import { arnMatches, wildcardMatch } from './wildcard.js';

export type RequestContext = Record<string, string[]>;

type Compare = (contextValue: string, policyValue: string) => boolean;

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** Positive base operators; each has a `Not` twin that is its negation. */
const COMPARE: Record<string, Compare> = {
  StringEquals: (c, p) => c === p,
  StringEqualsIgnoreCase: (c, p) => c.toLowerCase() === p.toLowerCase(),
  StringLike: (c, p) => wildcardMatch(p, c),
  ArnEquals: (c, p) => arnMatches(p, c),
  ArnLike: (c, p) => arnMatches(p, c),
  NumericEquals: (c, p) => num(c) === num(p),
  NumericLessThan: (c, p) => num(c) < num(p),
  NumericLessThanEquals: (c, p) => num(c) <= num(p),
  NumericGreaterThan: (c, p) => num(c) > num(p),
  NumericGreaterThanEquals: (c, p) => num(c) >= num(p),
  Bool: (c, p) => c.toLowerCase() === p.toLowerCase(),
};

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
};

interface Operator {
  set?: 'ForAnyValue' | 'ForAllValues';
  base: string;
  negated: boolean;
  ifExists: boolean;
}

function parseOperator(name: string): Operator | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(\w+?)(IfExists)?$/.exec(name);
  if (!m) return undefined;
  const [, set, raw, ifExists] = m;
  if (raw === 'Null') return set || ifExists ? undefined : { base: 'Null', negated: false, ifExists: false };
  const negated = raw in NEGATED;
  const base = negated ? NEGATED[raw] : raw;
  if (!COMPARE[base]) return undefined;
  return { set: set as Operator['set'], base, negated, ifExists: !!ifExists };
}

export function isKnownOperator(name: string): boolean {
  return parseOperator(name) !== undefined;
}

function evaluateKey(op: Operator, actual: string[] | undefined, expected: string[]): boolean {
  const present = actual !== undefined && actual.length > 0;
  if (op.base === 'Null') {
    const wantsAbsent = expected.some((v) => v.toLowerCase() === 'true');
    return wantsAbsent ? !present : present;
  }
  const compare = COMPARE[op.base];
  const matchesAny = (value: string) => expected.some((p) => compare(value, p));
  // A negated operator holds for one context value when that value matches none of the policy's.
  const holdsFor = (value: string) => (op.negated ? !matchesAny(value) : matchesAny(value));
  if (op.set === 'ForAllValues') return !present || actual.every(holdsFor);
  if (op.set === 'ForAnyValue') return present && actual.some(holdsFor);
  if (!present) return op.ifExists || op.negated;
  return op.negated ? actual.every(holdsFor) : actual.some(holdsFor);
}

/**
 * Whether a statement's Condition block holds in this context (no block: it holds). `expand` resolves
 * policy variables in the values; a value whose variable is missing matches nothing.
 */
export function conditionsHold(
  block: Record<string, Record<string, string[]>> | undefined,
  context: RequestContext,
  expand: (value: string) => string | undefined = (v) => v,
) {
  if (!block) return true;
  return Object.entries(block).every(([name, keys]) => {
    const op = parseOperator(name);
    if (!op) return false;
    return Object.entries(keys).every(([key, expected]) => {
      const values = op.base === 'Null' ? expected : expected.flatMap((v) => expand(v) ?? []);
      return evaluateKey(op, context[key.toLowerCase()], values);
    });
  });
}
