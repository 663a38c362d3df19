/** One result per check: smoke lines and scripts, compliance checks, and the image's API checks. */

export type Suite = 'image' | 'smoke' | 'compliance';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface CheckResult {
  suite: Suite;
  /** For compliance checks: the profile they came from. */
  profile?: string;
  name: string;
  description?: string;
  severity?: Severity;
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

export function countResults(results: CheckResult[]): { passed: number; failed: number } {
  const passed = results.filter((result) => result.passed).length;
  return { passed, failed: results.length - passed };
}

/** The suite a result is reported under: `smoke`, `image`, or `compliance/<profile>`. */
export function suiteName(result: CheckResult): string {
  return result.profile ? `${result.suite}/${result.profile}` : result.suite;
}
