/**
 * Retries without a shared budget. The SDK's standard strategy keeps one retry quota per client (500
 * tokens, 5 spent per throttling retry, refunded on success): a step with thousands of calls can spend
 * it, after which every throttled call fails on its first attempt. Here every call gets its own
 * attempts, with exponential back-off and full jitter; pacing (pacing.ts) keeps throttling rare.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { isThrottle } from './errors.js';

const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 20_000;

export function retryDelayMs(attempt: number, random = Math.random()): number {
  return random * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

class Attempt implements RetryToken {
  constructor(
    private readonly retries: number,
    private readonly delayMs: number,
  ) {}
  getRetryCount(): number {
    return this.retries;
  }
  getRetryDelay(): number {
    return this.delayMs;
  }
}

/**
 * As the SDK's standard mode: throttling, and transient faults (500, 502, 503, 504, timeouts, resets);
 * also the throttling codes the SDK does not know (errors.ts, SSM's `TooManyUpdates`).
 */
const RETRYABLE = new Set(['THROTTLING', 'TRANSIENT']);
const retryable = (errorInfo: RetryErrorInfo) =>
  RETRYABLE.has(errorInfo.errorType) || isThrottle(errorInfo.error);

export class PerCallRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';

  constructor(private readonly maxAttempts: number) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Attempt(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount() + 1;
    if (!retryable(errorInfo) || retries >= this.maxAttempts) throw new Error('no retry');
    const hinted = errorInfo.retryAfterHint ? errorInfo.retryAfterHint.getTime() - Date.now() : 0;
    return new Attempt(retries, Math.max(retryDelayMs(retries), Math.min(hinted, MAX_DELAY_MS)));
  }

  recordSuccess(): void {}
}
