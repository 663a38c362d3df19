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
  | { allowed: true; statement: Statement }
  | { allowed: false; explicitDeny: boolean; statement?: Statement };

function statementApplies(s: Statement, check: AuthCheck): boolean {
  const action = s.Action
    ? s.Action.some((p) => actionMatches(p, check.action))
    : !s.NotAction!.some((p) => actionMatches(p, check.action));
  if (!action) return false;
  const resource = s.Resource
    ? s.Resource.some((p) => arnMatches(p, check.resource))
    : !s.NotResource!.some((p) => arnMatches(p, check.resource));
  return resource && conditionsHold(s.Condition, check.context);
}

export function evaluate(policy: PolicyDocument, check: AuthCheck): Decision {
  const matching = policy.Statement.filter((s) => statementApplies(s, check));
  const deny = matching.find((s) => s.Effect === 'Deny');
  if (deny) return { allowed: false, explicitDeny: true, statement: deny };
  const allow = matching.find((s) => s.Effect === 'Allow');
  return allow ? { allowed: true, statement: allow } : { allowed: false, explicitDeny: false };
}
