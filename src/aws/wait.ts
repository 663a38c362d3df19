/**
 * The one way this action waits for AWS: a deadline, jittered polling that starts quick and backs off
 * to the poll interval (never beyond, unlike the SDK's stock waiters that drift to two minutes),
 * cancellation, each status change logged and a progress line at least every 30 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { cancellation } from '../cancel.js';
import { formatSeconds } from '../report/format.js';
import { isThrottle } from './errors.js';

export type Poll<T> = { done: true; value: T } | { done: false; status: string };

export interface WaitOptions<T> {
  /** What is awaited, for messages: "ami-0123… to become available in us-east-1". */
  what: string;
  timeoutSeconds: number;
  pollIntervalSeconds: number;
  check: () => Promise<Poll<T>>;
  signal?: AbortSignal;
  /** Called when the status reported by `check` changes (the first status included). */
  onStatus?: (status: string, elapsedSeconds: number) => void;
  /** Extra hint appended to the timeout error. */
  timeoutHint?: string;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly lastStatus: string | undefined,
    timeoutSeconds: number,
    hint?: string,
  ) {
    super(
      `Timed out after ${formatSeconds(timeoutSeconds)} waiting for ${what}` +
        `${lastStatus ? ` (last status: ${lastStatus})` : ''}. ${hint ?? 'Raise the timeout input if it needs longer.'}`,
    );
    this.name = 'WaitTimeoutError';
  }
}

const PROGRESS_EVERY_MS = 30_000;
const FIRST_DELAY_MS = 1_000;

export async function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const signal = options.signal ?? cancellation;
  const started = Date.now();
  const deadline = started + options.timeoutSeconds * 1000;
  const intervalMs = Math.max(50, options.pollIntervalSeconds * 1000);
  let delayMs = Math.min(FIRST_DELAY_MS, intervalMs);
  let lastStatus: string | undefined;
  let lastLog = started;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const result = await pollOnce(options.check, lastStatus);
    if (result.done) return result.value;
    const now = Date.now();
    const elapsed = (now - started) / 1000;
    if (result.status !== lastStatus) {
      lastStatus = result.status;
      lastLog = now;
      (options.onStatus ?? ((status) => core.info(`${options.what}: ${status} (${formatSeconds(elapsed)})`)))(
        result.status,
        elapsed,
      );
    } else if (now - lastLog >= PROGRESS_EVERY_MS) {
      lastLog = now;
      core.info(`Still waiting for ${options.what}: ${result.status} (${formatSeconds(elapsed)})`);
    }
    if (now >= deadline) {
      throw new WaitTimeoutError(options.what, lastStatus, options.timeoutSeconds, options.timeoutHint);
    }
    const jittered = delayMs * (0.8 + Math.random() * 0.2);
    await sleep(Math.min(jittered, deadline - now), undefined, { signal }).catch(() => {
      throw signal.reason;
    });
    delayMs = Math.min(delayMs * 2, intervalMs);
  }
}

/** A throttled poll is no news: the next poll comes at the interval, as it would have anyway. */
async function pollOnce<T>(check: () => Promise<Poll<T>>, lastStatus: string | undefined): Promise<Poll<T>> {
  try {
    return await check();
  } catch (error) {
    if (!isThrottle(error)) throw error;
    return { done: false, status: lastStatus ?? 'throttled by AWS, polling again' };
  }
}
