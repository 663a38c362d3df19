/** Runs one planned check on the instance over SSM Run Command; its own result, passed or not. */
import * as core from '@actions/core';
import type { Platform } from '../../aws/images.js';
import { runCommand } from '../../aws/run-command.js';
import type { Deadline } from '../../kernel/deadline.js';
import { formatSeconds } from '../../report/format.js';
import { checkLabel, type PlannedCheck } from './plan.js';
import type { CheckResult } from './results.js';

export interface CheckTarget {
  region: string;
  instanceId: string;
  platform: Platform;
  executionTimeoutSeconds: number;
  pollIntervalSeconds: number;
  deadline: Deadline;
  /** With several instance types: this instance's type (in the log line and on the result). */
  instanceType?: string;
}

export async function runCheck(planned: PlannedCheck, target: CheckTarget): Promise<CheckResult> {
  const { suite, profile, check } = planned;
  const label = checkLabel(planned);
  const [outcome] = await runCommand({
    region: target.region,
    instanceIds: [target.instanceId],
    platform: target.platform,
    label: `test: ${label}`,
    lines: check.script.split('\n'),
    executionTimeoutSeconds: target.executionTimeoutSeconds,
    pollIntervalSeconds: target.pollIntervalSeconds,
    deadline: target.deadline,
    output: 'all',
  });
  const exitMatches = outcome.exitCode === check.expectExitCode;
  const outputMatches = !check.expectOutput || new RegExp(check.expectOutput, 'm').test(outcome.stdout);
  const passed =
    outcome.status !== 'TimedOut' && outcome.status !== 'Cancelled' && exitMatches && outputMatches;
  core.info(
    `${passed ? 'passed' : check.severity === 'warning' ? 'WARNING' : 'FAILED'}: ${target.instanceType ? `${target.instanceType}: ` : ''}${label} (exit ${outcome.exitCode ?? '-'}, ${formatSeconds(outcome.seconds)})`,
  );
  return {
    suite,
    profile,
    instanceType: target.instanceType,
    name: check.name,
    description: check.description,
    severity: check.severity,
    passed,
    exitCode: outcome.exitCode,
    seconds: outcome.seconds,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    truncated: outcome.truncated,
    message: passed ? undefined : failureMessage(outcome, check, exitMatches),
  };
}

function failureMessage(
  outcome: { status: string; exitCode?: number },
  check: { expectExitCode: number; expectOutput?: string },
  exitMatches: boolean,
): string {
  if (outcome.status === 'TimedOut')
    return 'It ran longer than command-timeout and SSM stopped it (TimedOut).';
  if (outcome.exitCode === undefined) return `SSM reports ${outcome.status} with no exit code.`;
  if (!exitMatches) return `Exit code ${outcome.exitCode}, expected ${check.expectExitCode}.`;
  return `The output does not match /${check.expectOutput}/.`;
}
