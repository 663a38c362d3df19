/**
 * Identity-based policy evaluation (IAM's "policy evaluation logic" for one account, no boundaries
 * or SCPs): an explicit Deny in any matching statement wins, then any matching Allow, else the
 * request is implicitly denied.
 */
import { conditionsHold, type RequestContext } from './conditions.js';
import type { PolicyDocument, Statement } from './policy.js';
import { actionMatches, arnMatches } from './wildcard.js';

/** One authorization question: may the caller do `action` on `resource` in this context? */
export interface AuthCheck {
  action: string;
  /** The resource's ARN; `*` for actions without resource-level permissions. */
  resource: string;
  context: RequestContext;
  /** Set when the action is not the API call's own but one AWS checks on its behalf. */
  impliedBy?: string;
}

export type Decision =
  | { allowed: true; statement: Statement; allowedBy: Statement[] }
  | { allowed: false; explicitDeny: boolean; statement?: Statement };

/**
 * Policy variables (`${aws:PrincipalAccount}`, `${aws:username}`...) take the request's value; a
 * pattern naming a key the request lacks matches nothing.
 */
export function expandVariables(text: string, context: RequestContext): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const value = context[key.toLowerCase()];
    if (value?.length !== 1) missing = true;
    return value?.[0] ?? '';
  });
  return missing ? undefined : out;
}

function resourceMatches(patterns: string[], check: AuthCheck): boolean {
  return patterns.some((p) => {
    const expanded = expandVariables(p, check.context);
    return expanded !== undefined && arnMatches(expanded, check.resource);
  });
}

function statementApplies(s: Statement, check: AuthCheck): boolean {
  const action = s.Action
    ? s.Action.some((p) => actionMatches(p, check.action))
    : !s.NotAction!.some((p) => actionMatches(p, check.action));
  if (!action) return false;
  const resource = s.Resource ? resourceMatches(s.Resource, check) : !resourceMatches(s.NotResource!, check);
  return resource && conditionsHold(s.Condition, check.context, (v) => expandVariables(v, check.context));
}

export function evaluate(policy: PolicyDocument, check: AuthCheck): Decision {
  const matching = policy.Statement.filter((s) => statementApplies(s, check));
  const deny = matching.find((s) => s.Effect === 'Deny');
  if (deny) return { allowed: false, explicitDeny: true, statement: deny };
  const allowedBy = matching.filter((s) => s.Effect === 'Allow');
  return allowedBy.length
    ? { allowed: true, statement: allowedBy[0], allowedBy }
    : { allowed: false, explicitDeny: false };
}
