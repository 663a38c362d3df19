/** The checks a test runs and what each one's result holds. */

export type Severity = 'error' | 'warning';

export interface Check {
  /** Unique within the run, e.g. `smoke-1` or `baseline/sshd-no-root-login`. */
  id: string;
  /** smoke, or the compliance profile's name. */
  suite: string;
  description: string;
  severity: Severity;
  /** Shell (or PowerShell) text run over SSM; absent for checks answered from the image's API data. */
  command?: string;
  expectExitCode: number;
  expectOutput?: RegExp;
}

export type Outcome = 'passed' | 'failed' | 'warning';

export interface CheckResult {
  check: Check;
  outcome: Outcome;
  exitCode?: number;
  seconds: number;
  stdout: string;
  stderr: string;
  /** Why it failed, in one line. */
  reason?: string;
  /** SSM cut the output (it keeps 24,000 characters of each stream). */
  truncated: boolean;
}

/** A failed check of severity warning is reported but does not fail the test. */
export function judge(check: Check, failedReason: string | undefined): Outcome {
  if (!failedReason) return 'passed';
  return check.severity === 'warning' ? 'warning' : 'failed';
}
