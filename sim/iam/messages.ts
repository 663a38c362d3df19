/**
 * Denial messages in AWS's words, and EC2's encoded authorization message, which STS
 * DecodeAuthorizationMessage turns back into the JSON document AWS documents for it.
 */
import type { AuthCheck, Decision } from './evaluate.js';

export interface Denial {
  check: AuthCheck;
  decision: Extract<Decision, { allowed: false }>;
  principalArn: string;
  principalId: string;
}

export function denialText(d: Denial): string {
  const { action, resource } = d.check;
  const on = resource === '*' ? '' : ` on resource: ${resource}`;
  const why = d.decision.explicitDeny
    ? 'with an explicit deny in an identity-based policy'
    : `because no identity-based policy allows the ${action} action`;
  return `User: ${d.principalArn} is not authorized to perform: ${action}${on} ${why}`;
}

const PREFIX = 'sim-';

/** The document DecodeAuthorizationMessage returns, as the STS reference shows it. */
export function decodedDocument(d: Denial) {
  const conditions = Object.entries(d.check.context).map(([key, values]) => ({
    key,
    values: { items: values.map((value) => ({ value })) },
  }));
  return {
    allowed: false,
    explicitDeny: d.decision.explicitDeny,
    matchedStatements: {
      items: d.decision.statement
        ? [{ statementId: d.decision.statement.Sid ?? '', effect: d.decision.statement.Effect }]
        : [],
    },
    failures: { items: [] },
    context: {
      principal: { id: d.principalId, arn: d.principalArn },
      action: d.check.action,
      resource: d.check.resource,
      conditions: { items: conditions },
    },
  };
}

export function encodeAuthorizationMessage(d: Denial): string {
  return PREFIX + Buffer.from(JSON.stringify(decodedDocument(d))).toString('base64url');
}

/** The decoded JSON text, or undefined when the message was not made by this simulator. */
export function decodeAuthorizationMessage(encoded: string): string | undefined {
  if (!encoded.startsWith(PREFIX)) return undefined;
  try {
    const text = Buffer.from(encoded.slice(PREFIX.length), 'base64url').toString('utf8');
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}
