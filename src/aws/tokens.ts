/**
 * Idempotency tokens. A token hashes what identifies the attempt (repository, run, attempt, job and
 * the target), so a re-run of the same attempt converges on what the first run started while two
 * matrix jobs never collide. EC2 allows 64 ASCII characters, Image Builder 1-36.
 */
import { createHash } from 'node:crypto';
import type { RunContext } from '../context.js';

export function clientToken(context: RunContext, parts: string[], maxLength = 64): string {
  const identity = [context.repository, context.runId, context.runAttempt, context.job, ...parts].join('\n');
  return createHash('sha256').update(identity).digest('hex').slice(0, maxLength);
}
