/**
 * GitHub Actions expressions (`${{ ... }}`), evaluated with GitHub's own implementation
 * (@actions/expressions) against the contexts a runner would offer.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

export type Contexts = Record<string, unknown>;

/** For success() and failure(): of the steps so far (in a step) or of the needed jobs (in a job). */
export interface JobStatus {
  success: boolean;
  failure: boolean;
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
  'strategy',
];

function statusFunctions(status: JobStatus) {
  const boolean = (value: boolean) => () => new data.BooleanData(value);
  const functions = [
    { name: 'success', call: boolean(status.success) },
    { name: 'failure', call: boolean(status.failure) },
    { name: 'always', call: boolean(true) },
    { name: 'cancelled', call: boolean(false) },
    { name: 'hashFiles', call: () => new data.StringData('') },
  ];
  return functions.map((f) => ({ ...f, minArgs: 0, maxArgs: f.name === 'hashFiles' ? 255 : 0 }));
}

function toData(contexts: Contexts): data.Dictionary {
  return JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
}

export function evaluate(expression: string, contexts: Contexts, status: JobStatus): data.ExpressionData {
  const functions = statusFunctions(status);
  const { tokens } = new Lexer(expression).lex();
  const tree = new Parser(tokens, CONTEXT_NAMES, functions).parse();
  return new Evaluator(tree, toData(contexts), new Map(functions.map((f) => [f.name, f]))).evaluate();
}

/** A step or job `if:`: a bare expression, `${{ }}` optional, success() when absent. */
export function evaluateCondition(condition: unknown, contexts: Contexts, status: JobStatus): boolean {
  if (condition === undefined || condition === null) return status.success;
  if (typeof condition === 'boolean') return condition;
  const text = String(condition)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const usesStatus = /\b(success|failure|always|cancelled)\(\)/.test(text);
  const result = truthy(evaluate(text, contexts, status));
  return usesStatus ? result : result && status.success;
}

/** A string with `${{ }}` templates in it, as in `with:` and `env:` values. */
export function interpolate(text: unknown, contexts: Contexts, status: JobStatus): string {
  if (typeof text !== 'string') return text === undefined || text === null ? '' : String(text);
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    evaluate(expression, contexts, status).coerceString(),
  );
}
