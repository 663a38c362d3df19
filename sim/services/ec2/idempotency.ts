/** EC2 ClientToken: the same token with the same parameters gives the same result, with others an error. */
import { createHash } from 'node:crypto';
import { AwsError } from '../../core/types.js';
import type { Ec2Region } from './state.js';

/** Runs `create` once per (operation, token); later calls answer the id it returned. */
export function idempotent(
  r: Ec2Region,
  op: string,
  token: unknown,
  params: unknown,
  create: () => string,
): string {
  if (!token) return create();
  const t = String(token);
  if (t.length > 64) {
    throw new AwsError(
      'InvalidParameterValue',
      'Value for parameter clientToken is invalid: at most 64 ASCII characters.',
    );
  }
  const key = `${op}:${t}`;
  const fp = createHash('sha256')
    .update(JSON.stringify(params ?? null))
    .digest('hex');
  const seen = r.clientTokens[key];
  if (seen) {
    if (seen.fingerprint !== fp) {
      throw new AwsError(
        'IdempotentParameterMismatch',
        `The client token '${t}' was already used for a request with different parameters.`,
      );
    }
    return seen.id;
  }
  const id = create();
  r.clientTokens[key] = { id, fingerprint: fp };
  return id;
}
