/**
 * Enforcement: the first check of a call that the policy does not allow becomes the protocol's own
 * access-denied error (EC2 `UnauthorizedOperation` with an encoded message, `AccessDeniedException`
 * in the JSON protocols, `AccessDenied` in the query ones).
 */
import { AwsError } from '../core/types.js';
import { roleId } from '../services/sts/identity.js';
import { checksFor } from './actions/index.js';
import { type AuthRequest, globalKeys, principal } from './context.js';
import { evaluate } from './evaluate.js';
import { type Denial, denialText, encodeAuthorizationMessage } from './messages.js';
import type { PolicyDocument, Statement } from './policy.js';

/** Per policy: the actions each Allow statement granted so far (tests use it to find dead weight). */
const usage = new WeakMap<PolicyDocument, Map<Statement, Set<string>>>();

export function policyUsage(policy: PolicyDocument): { statement: Statement; actions: string[] }[] {
  const used = usage.get(policy);
  return policy.Statement.map((statement) => ({ statement, actions: [...(used?.get(statement) ?? [])] }));
}

function recordUse(policy: PolicyDocument, statements: Statement[], action: string): void {
  const used = usage.get(policy) ?? new Map<Statement, Set<string>>();
  usage.set(policy, used);
  for (const s of statements) {
    if (!used.has(s)) used.set(s, new Set());
    used.get(s)!.add(action);
  }
}

export function findDenial(policy: PolicyDocument, req: AuthRequest): Denial | undefined {
  const who = principal(req);
  const base = globalKeys(req);
  for (const c of checksFor(req)) {
    const full = { ...c, context: { ...base, ...c.context } };
    const decision = evaluate(policy, full);
    if (decision.allowed) recordUse(policy, decision.allowedBy, c.action);
    else {
      const principalId = `${roleId(req.accountId, who.role)}:${who.session}`;
      return { check: full, decision, principalArn: who.arn, principalId };
    }
  }
  return undefined;
}

/** The error a denied call answers, in the shape of the service's protocol. */
export function denialError(d: Denial, protocolName: string, queryCompatible: boolean): AwsError {
  const text = denialText(d);
  if (protocolName === 'ec2Query') {
    return new AwsError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. ${text}. Encoded authorization failure message: ${encodeAuthorizationMessage(d)}`,
      403,
    );
  }
  if (protocolName === 'awsQuery' || queryCompatible) return new AwsError('AccessDenied', text, 403);
  if (protocolName === 'restJson1') return new AwsError('AccessDeniedException', text, 403);
  return new AwsError('AccessDeniedException', text, 400);
}

/** The denial error for a call under `policy`, or undefined when the policy allows all it implies. */
export function policyDenial(
  policy: PolicyDocument | undefined,
  req: AuthRequest,
  protocol: { name: string },
  queryCompatible: boolean,
): AwsError | undefined {
  if (!policy) return undefined;
  const denial = findDenial(policy, req);
  return denial && denialError(denial, protocol.name, queryCompatible);
}
