/**
 * GitHub Actions expressions (`${{ ... }}`), evaluated with GitHub's own implementation
 * (@actions/expressions: operators, property and index access, `*` filters, and the functions
 * contains, startsWith, endsWith, format, join, toJSON, fromJSON) against the contexts a runner would
 * offer. The status functions (success, failure, always, cancelled) and hashFiles are the runner's.
 *
 * Where a workflow holds a value, `evaluateValue` gives what GitHub gives: a value that is one
 * expression and nothing else keeps its type (`matrix: ${{ fromJSON(...) }}` is an object,
 * `timeout-minutes: ${{ 10 }}` a number); text with expressions inside is a string.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

export type Contexts = Record<string, unknown>;

/** For success(), failure() and cancelled(): of the steps so far (in a step) or of the needed jobs (in a job). */
export interface JobStatus {
  success: boolean;
  failure: boolean;
  cancelled?: boolean;
}

const CONTEXT_NAMES = [
  'github',
  'env',
  'vars',
  'secrets',
  'inputs',
  'steps',
  'needs',
  'matrix',
  'runner',
  'job',
  'jobs',
  'strategy',
];

function statusFunctions(status: JobStatus) {
  const boolean = (value: boolean) => () => new data.BooleanData(value);
  const functions = [
    { name: 'success', call: boolean(status.success && !status.cancelled) },
    { name: 'failure', call: boolean(status.failure && !status.cancelled) },
    { name: 'always', call: boolean(true) },
    { name: 'cancelled', call: boolean(!!status.cancelled) },
    { name: 'hashFiles', call: () => new data.StringData('') },
  ];
  return functions.map((f) => ({ ...f, minArgs: 0, maxArgs: f.name === 'hashFiles' ? 255 : 0 }));
}

function toData(contexts: Contexts): data.Dictionary {
  return JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
}

/** The plain value (string, number, boolean, null, array, object) of an expression's result. */
export function toValue(result: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(result, data.replacer));
}

export function evaluate(expression: string, contexts: Contexts, status: JobStatus): data.ExpressionData {
  const functions = statusFunctions(status);
  const { tokens } = new Lexer(expression).lex();
  const tree = new Parser(tokens, CONTEXT_NAMES, functions).parse();
  return new Evaluator(tree, toData(contexts), new Map(functions.map((f) => [f.name, f]))).evaluate();
}

const STATUS_CALL = /\b(success|failure|always|cancelled)\(\)/;

/** A step or job `if:`: a bare expression, `${{ }}` optional, success() when absent. */
export function evaluateCondition(condition: unknown, contexts: Contexts, status: JobStatus): boolean {
  const succeeded = status.success && !status.cancelled;
  if (condition === undefined || condition === null || condition === '') return succeeded;
  if (typeof condition === 'boolean') return condition && succeeded;
  const text = String(condition)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const result = truthy(evaluate(text, contexts, status));
  // Without a status function GitHub wraps the condition in success() && (...).
  return STATUS_CALL.test(text) ? result : result && succeeded;
}

const ONE_EXPRESSION = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;
const EXPRESSIONS = /\$\{\{([\s\S]*?)\}\}/g;

/** A string with `${{ }}` templates in it, as in `with:` and `env:` values: always a string. */
export function interpolate(text: unknown, contexts: Contexts, status: JobStatus): string {
  if (typeof text !== 'string') return text === undefined || text === null ? '' : String(text);
  return text.replace(EXPRESSIONS, (_, expression: string) =>
    evaluate(expression, contexts, status).coerceString(),
  );
}

/**
 * Any value a workflow holds (a scalar, a sequence, a mapping), its expressions evaluated: a string
 * that is exactly one expression becomes the expression's value with its type; other strings are
 * interpolated; sequences and mappings are evaluated member by member (keys are not expressions).
 */
export function evaluateValue(value: unknown, contexts: Contexts, status: JobStatus): unknown {
  if (typeof value === 'string') {
    const whole = ONE_EXPRESSION.exec(value);
    if (whole && !whole[1].includes('}}')) return toValue(evaluate(whole[1], contexts, status));
    return interpolate(value, contexts, status);
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, contexts, status));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, evaluateValue(item, contexts, status)]),
    );
  }
  return value;
}

/** How GitHub turns a value into the text of an input or an environment variable. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'Array' : 'Object';
}
