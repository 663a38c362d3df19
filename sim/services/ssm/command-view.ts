/** The state of a command and its invocations at a moment, derived from stored timestamps. */
import type { CommandInvocationStatus, CommandStatus } from '@aws-sdk/client-ssm';
import { DURATIONS, ms } from '../../core/time.js';
import { NO_RESPONSE_CODE } from './outcomes.js';
import type { CommandRecord, InvocationRecord } from './state.js';

export const STDOUT_LIMIT = 24_000;
export const STDERR_LIMIT = 8_000;
/** ListCommandInvocations' plugin `Output` holds the first 2,500 characters. */
export const PLUGIN_OUTPUT_LIMIT = 2_500;

export interface InvocationNow {
  status: CommandInvocationStatus;
  statusDetails: string;
  responseCode: number;
  started: boolean;
  ended: boolean;
  stdout: string;
  stderr: string;
  /** When it ended (run end or cancellation). */
  endMs?: number;
}

export function invocationVisible(cmd: CommandRecord, nowMs: number): boolean {
  return nowMs >= ms(cmd.requestedAt) + DURATIONS.commandInvocationVisibleSeconds * 1000;
}

export function invocationNow(inv: InvocationRecord, nowMs: number): InvocationNow {
  const start = ms(inv.startAt);
  const end = ms(inv.endAt);
  const cancelled = inv.cancelledAt !== undefined ? ms(inv.cancelledAt) : undefined;
  const blank = { stdout: '', stderr: '', responseCode: NO_RESPONSE_CODE };
  if (cancelled !== undefined && cancelled < end && cancelled <= nowMs) {
    return {
      ...blank,
      status: 'Cancelled',
      statusDetails: 'Cancelled',
      started: cancelled >= start,
      ended: true,
      endMs: cancelled,
    };
  }
  if (nowMs < start)
    return { ...blank, status: 'Pending', statusDetails: 'Pending', started: false, ended: false };
  if (nowMs < end)
    return { ...blank, status: 'InProgress', statusDetails: 'InProgress', started: true, ended: false };
  return {
    status: inv.status,
    statusDetails: inv.statusDetails,
    responseCode: inv.responseCode,
    stdout: inv.stdout,
    stderr: inv.stderr,
    started: true,
    ended: true,
    endMs: end,
  };
}

/** The command's overall status: Pending/InProgress until all end, then the worst outcome. */
export function commandStatus(cmd: CommandRecord, nowMs: number) {
  const states = cmd.invocations.map((i) => invocationNow(i, nowMs));
  const ended = states.filter((s) => s.ended);
  const errors = ended.filter((s) => s.status === 'Failed' || s.status === 'TimedOut').length;
  let status: CommandStatus;
  if (ended.length < states.length) status = states.some((s) => s.started) ? 'InProgress' : 'Pending';
  else if (states.some((s) => s.status === 'Cancelled')) status = 'Cancelled';
  else if (states.some((s) => s.status === 'Failed')) status = 'Failed';
  else if (states.some((s) => s.status === 'TimedOut')) status = 'TimedOut';
  else status = 'Success';
  return {
    Status: status,
    StatusDetails: status,
    CompletedCount: ended.length,
    ErrorCount: errors,
    DeliveryTimedOutCount: 0,
    TargetCount: states.length,
  };
}

export function truncate(text: string, limit: number): string {
  return text.length > limit ? text.slice(0, limit) : text;
}

export function pluginOutput(stdout: string, stderr: string): string {
  const full = stderr ? `${stdout}\n----------ERROR-------\n${stderr}` : stdout;
  return full.length > PLUGIN_OUTPUT_LIMIT
    ? `${full.slice(0, PLUGIN_OUTPUT_LIMIT)}\n---Output truncated---`
    : full;
}

/** ISO 8601 duration of the run, e.g. PT5.002S. */
export function elapsed(fromMs: number, toMs: number): string {
  return `PT${Math.max(0, (toMs - fromMs) / 1000)
    .toFixed(3)
    .replace(/\.?0+$/, '')}S`;
}
