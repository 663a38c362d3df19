/**
 * IAM identity-based policy documents: the JSON grammar, checked strictly so that a typo in a shipped
 * policy (an unknown condition operator, `Actions` for `Action`) fails loudly instead of denying quietly.
 */
import { isKnownOperator } from './conditions.js';

export type Effect = 'Allow' | 'Deny';

/** `{ "StringEquals": { "aws:ResourceTag/k": ["v"] } }`, values normalised to string lists. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

export class PolicyError extends Error {}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || list.some((v) => typeof v !== 'string' || v === '')) {
    throw new PolicyError(`${where} must be a non-empty string or list of strings`);
  }
  return list as string[];
}

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length) throw new PolicyError(`${where} must not be empty`);
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    throw new PolicyError(`${where} must hold strings, booleans or numbers`);
  });
}

function parseCondition(value: unknown, where: string): ConditionBlock {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new PolicyError(`${where}.Condition must be an object`);
  }
  const out: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isKnownOperator(operator)) throw new PolicyError(`${where}: unknown condition operator ${operator}`);
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
      throw new PolicyError(`${where}.Condition.${operator} must be an object of condition keys`);
    }
    out[operator] = {};
    for (const [key, values] of Object.entries(keys)) {
      out[operator][key] = conditionValues(values, `${where}.Condition.${operator}.${key}`);
    }
  }
  return out;
}

function parseStatement(raw: unknown, index: number): Statement {
  const where = `Statement[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new PolicyError(`${where} must be an object`);
  const s = raw as Record<string, unknown>;
  const unknown = Object.keys(s).filter((k) => !STATEMENT_KEYS.has(k));
  if (unknown.length) {
    throw new PolicyError(
      `${where}: unknown element(s) ${unknown.join(', ')} (identity policies have no Principal)`,
    );
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
    throw new PolicyError(`${where}.Effect must be Allow or Deny`);
  if ((s.Action === undefined) === (s.NotAction === undefined)) {
    throw new PolicyError(`${where} needs exactly one of Action and NotAction`);
  }
  if ((s.Resource === undefined) === (s.NotResource === undefined)) {
    throw new PolicyError(`${where} needs exactly one of Resource and NotResource`);
  }
  const statement: Statement = { Effect: s.Effect };
  if (s.Sid !== undefined) statement.Sid = String(s.Sid);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (s[key] !== undefined) statement[key] = stringList(s[key], `${where}.${key}`);
  }
  for (const action of [...(statement.Action ?? []), ...(statement.NotAction ?? [])]) {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(action)) {
      throw new PolicyError(`${where}: '${action}' is not an action (service:Action)`);
    }
  }
  if (s.Condition !== undefined) statement.Condition = parseCondition(s.Condition, where);
  return statement;
}

/** Validates and normalises a policy document (Statement and its elements may be single values). */
export function parsePolicy(raw: unknown): PolicyDocument {
  const doc = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new PolicyError('a policy must be an object');
  const d = doc as Record<string, unknown>;
  if (d.Version !== undefined && d.Version !== '2012-10-17' && d.Version !== '2008-10-17') {
    throw new PolicyError(`Version must be 2012-10-17 (got ${String(d.Version)})`);
  }
  const statements = Array.isArray(d.Statement)
    ? d.Statement
    : d.Statement === undefined
      ? []
      : [d.Statement];
  if (!statements.length) throw new PolicyError('a policy needs at least one Statement');
  const unknown = Object.keys(d).filter((k) => !['Version', 'Id', 'Statement'].includes(k));
  if (unknown.length) throw new PolicyError(`unknown policy element(s): ${unknown.join(', ')}`);
  return { Version: d.Version as string | undefined, Statement: statements.map(parseStatement) };
}
