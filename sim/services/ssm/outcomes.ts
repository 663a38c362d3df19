/**
 * What a command "does": the simulator never runs it. By default it succeeds (exit 0, no output).
 * Faults decide otherwise, matched against the command text as sent: the entries of
 * `Parameters.commands` joined with "\n". Each pattern is a JavaScript RegExp compiled with the `m`
 * flag (so `^` and `$` match at line boundaries). `commandTimeouts` are checked first, then
 * `commandFailures`; the first matching entry wins. A command that succeeds prints nothing, unless an
 * entry of `commandOutputs` (`{pattern, stdout, stderr}`, matched the same way, first match wins)
 * gives what it prints: its StandardOutputContent and StandardErrorContent.
 */
import type { Faults } from '../../core/types.js';

export interface Outcome {
  status: 'Success' | 'Failed' | 'TimedOut';
  statusDetails: string;
  responseCode: number;
  stdout: string;
  stderr: string;
  /** Run time in simulated seconds. */
  seconds: number;
}

/** ResponseCode of an invocation that has not finished, was cancelled, or timed out. */
export const NO_RESPONSE_CODE = -1;

export function commandText(parameters: Record<string, string[]> | undefined): string {
  return (parameters?.commands ?? []).join('\n');
}

function test(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'm').test(text);
  } catch {
    return text.includes(pattern);
  }
}

export function outcomeOf(
  faults: Faults,
  text: string,
  runSeconds: number,
  executionTimeout: number,
): Outcome {
  if ((faults.commandTimeouts ?? []).some((t) => test(t.pattern, text))) {
    return {
      status: 'TimedOut',
      statusDetails: 'ExecutionTimedOut',
      responseCode: NO_RESPONSE_CODE,
      stdout: '',
      stderr: `failed to run commands: command timed out after ${executionTimeout} seconds`,
      seconds: executionTimeout,
    };
  }
  const failure = (faults.commandFailures ?? []).find((f) => test(f.pattern, text));
  if (failure) {
    return {
      status: 'Failed',
      statusDetails: 'Failed',
      responseCode: failure.exitCode ?? 1,
      stdout: failure.stdout ?? '',
      stderr: failure.stderr ?? '',
      seconds: runSeconds,
    };
  }
  const output = (faults.commandOutputs ?? []).find((o) => test(o.pattern, text));
  return {
    status: 'Success',
    statusDetails: 'Success',
    responseCode: 0,
    stdout: output?.stdout ?? '',
    stderr: output?.stderr ?? '',
    seconds: runSeconds,
  };
}
