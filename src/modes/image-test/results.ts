/**
 * One result per check: smoke lines and scripts, compliance checks, the image's API checks, and the
 * vulnerability gate (a result per failing finding).
 */

export type Suite = 'image' | 'smoke' | 'compliance' | 'vulnerabilities';
/** `error` fails the test; `warning` is reported but does not. */
export type Severity = 'error' | 'warning';

export interface CheckResult {
  suite: Suite;
  /** For compliance checks: the profile they came from. */
  profile?: string;
  /** With several instance types: the type of the instance it ran on (none for the image's own checks). */
  instanceType?: string;
  name: string;
  description?: string;
  severity: Severity;
  passed: boolean;
  /** The command's exit code (ResponseCode); undefined for API checks and commands that never ended. */
  exitCode?: number;
  seconds: number;
  stdout: string;
  stderr: string;
  /** SSM cut the output (24,000 characters of stdout, 8,000 of stderr). */
  truncated: boolean;
  /** Why it failed, in a line. */
  message?: string;
}

/** A failed check that fails the test (a failed warning does not). */
export function isFailure(result: CheckResult): boolean {
  return !result.passed && result.severity === 'error';
}

/** `passed` counts warnings too, as the `passed` output says. */
export function countResults(results: CheckResult[]): { passed: number; failed: number; warnings: number } {
  const failed = results.filter(isFailure).length;
  const warnings = results.filter((result) => !result.passed && result.severity === 'warning').length;
  return { passed: results.length - failed, failed, warnings };
}

/** The suite a result is reported under: `smoke`, `image`, `compliance/<profile>`, `vulnerabilities`; with several instance types, `<type>/` before it. */
export function suiteName(result: CheckResult): string {
  const suite = result.profile ? `${result.suite}/${result.profile}` : result.suite;
  return result.instanceType ? `${result.instanceType}/${suite}` : suite;
}
