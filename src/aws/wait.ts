/**
 * The one way this action waits for AWS: polling that starts quick and backs off to the poll
 * interval (never beyond, unlike the SDK's stock waiters that drift to two minutes), drawing from the
 * step's one Deadline, stopping on cancellation, each status change logged and a progress line, with
 * the time left, at least every 30 s.
 */
import * as core from '@actions/core';
import { cancellation } from '../cancel.js';
import type { Deadline } from '../kernel/deadline.js';
import { oneLine } from '../report/foreign.js';
import { formatSeconds } from '../report/format.js';
import { isThrottle } from './errors.js';

export type Poll<T> = { done: true; value: T } | { done: false; status: string };

export interface WaitOptions<T> {
  /** What is awaited, for messages: "ami-0123… to become available in us-east-1". */
  what: string;
  /** The budget the wait draws from: the step's deadline, or a part of it (`deadline.within`). */
  deadline: Deadline;
  pollIntervalSeconds: number;
  check: () => Promise<Poll<T>>;
  signal?: AbortSignal;
  /** Called when the status reported by `check` changes (the first status included). */
  onStatus?: (status: string, elapsedSeconds: number) => void;
  /** What to do about it, appended to the timeout error. */
  timeoutHint?: string;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly lastStatus: string | undefined,
    budget: string,
    hint?: string,
  ) {
    super(
      `${budget} ran out waiting for ${what}${lastStatus ? ` (last status: ${lastStatus})` : ''}. ` +
        (hint ?? 'Raise the timeout input if it needs longer.'),
    );
    this.name = 'WaitTimeoutError';
  }
}

const PROGRESS_EVERY_MS = 30_000;
const FIRST_DELAY_MS = 1_000;

export async function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const { deadline } = options;
  const signal = options.signal ?? cancellation;
  const started = Date.now();
  const intervalMs = Math.max(50, options.pollIntervalSeconds * 1000);
  let delayMs = Math.min(FIRST_DELAY_MS, intervalMs);
  let lastStatus: string | undefined;
  let lastLog = started;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const result = await pollOnce(options.check, lastStatus);
    if (result.done) return result.value;
    // A status may carry AWS's words (a refresh's StatusReason): one line of the action's own log line.
    result.status = oneLine(result.status);
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
      core.info(
        `Still waiting for ${options.what}: ${result.status} (${formatSeconds(elapsed)}, ${deadline.describeLeft()})`,
      );
    }
    if (deadline.expired) {
      throw new WaitTimeoutError(options.what, lastStatus, deadline.label, options.timeoutHint);
    }
    await deadline.sleep(delayMs * (0.8 + Math.random() * 0.2), signal);
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
