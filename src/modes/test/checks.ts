/** Runs the planned checks one after another on the instance, each its own result. */
import * as core from '@actions/core';
import { formatSeconds } from '../../report/format.js';
import { type CommandRun, runCommand } from './command.js';
import type { PlannedCheck } from './plan.js';
import type { CheckResult } from './results.js';

type Target = Omit<CommandRun, 'label' | 'lines'>;

export async function runChecks(planned: PlannedCheck[], target: Target): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { suite, profile, check } of planned) {
    const label = profile ? `${profile}/${check.name}` : check.name;
    const outcome = await runCommand({ ...target, label, lines: check.script.split('\n') });
    const exitMatches = outcome.exitCode === check.expectExitCode;
    const outputMatches = !check.expectOutput || new RegExp(check.expectOutput, 'm').test(outcome.stdout);
    const passed =
      outcome.status !== 'TimedOut' && outcome.status !== 'Cancelled' && exitMatches && outputMatches;
    const result: CheckResult = {
      suite,
      profile,
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
    core.info(
      `${passed ? 'passed' : check.severity === 'warning' ? 'WARNING' : 'FAILED'}: ${label} (exit ${outcome.exitCode ?? '-'}, ${formatSeconds(outcome.seconds)})`,
    );
    results.push(result);
  }
  return results;
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
