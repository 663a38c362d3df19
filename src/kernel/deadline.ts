/**
 * The step's one time budget. `timeout` becomes a Deadline once per step; every wait and every sleep
 * draws from it, across phases, groups and instances, so a step never runs past its timeout (plus
 * one poll at most). The deadline bounds waiting only: once it has run out, the reads the report
 * needs and the compensations (terminating an instance, rolling back a refresh, removing a half-made
 * group) still run, within their own short grace budget.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { cancellation } from '../cancel.js';
import { formatSeconds } from '../report/format.js';

/** What compensations and the report's reads may still take once the step's budget is spent. */
export const GRACE_SECONDS = 120;

export class Deadline {
  private readonly endsAt: number;

  /**
   * @param seconds the budget
   * @param label what the budget is, for messages: "timeout 30m" (the step's), or a sub-budget's own
   */
  constructor(
    seconds: number,
    readonly label = `timeout ${formatSeconds(seconds)}`,
    now = Date.now(),
  ) {
    this.endsAt = now + Math.max(0, seconds) * 1000;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  remainingSeconds(): number {
    return this.remainingMs() / 1000;
  }

  get expired(): boolean {
    return Date.now() >= this.endsAt;
  }

  /** "13m20s left of timeout 30m", for progress lines. */
  describeLeft(): string {
    return `${formatSeconds(this.remainingSeconds())} left of ${this.label}`;
  }

  /**
   * A budget of at most `seconds` (e.g. how long SSM may keep refusing a command), never past this
   * deadline. Its label names whichever of the two ends first.
   */
  within(seconds: number, label: string): Deadline {
    const own = seconds * 1000;
    return own < this.remainingMs()
      ? new Deadline(seconds, label)
      : new Deadline(this.remainingSeconds(), this.label);
  }

  /** Sleeps `ms`, never past the deadline; a cancelled job ends the sleep with the cancellation. */
  async sleep(ms: number, signal: AbortSignal = cancellation): Promise<void> {
    const wait = Math.min(ms, this.remainingMs());
    if (signal.aborted) throw signal.reason;
    if (wait <= 0) return;
    await sleep(wait, undefined, { signal }).catch(() => {
      throw signal.reason;
    });
  }

  /** The budget of compensations and closing reads, once the step's own has run out or it failed. */
  static grace(seconds = GRACE_SECONDS): Deadline {
    return new Deadline(seconds, `the ${formatSeconds(seconds)} allowed for cleaning up`);
  }
}
