import type { Severity } from '../results.js';

/** A check run on the instance: a command and what a pass looks like. */
export interface CommandCheck {
  name: string;
  description?: string;
  severity: Severity;
  /** The script, as sent to the SSM document (one entry per line). */
  script: string;
  /** Pass when the command exits with this code (default 0). */
  expectExitCode: number;
  /** And, when given, when its standard output matches this regular expression. */
  expectOutput?: string;
}

/** A compliance profile: a named list of checks, built in or read from a YAML file. */
export interface Profile {
  name: string;
  checks: CommandCheck[];
  /** Built-in profiles that also check the image description (see image.ts). */
  imageChecks?: boolean;
  /** Its checks read the allowed-ports input (AMI_ACTION_ALLOWED_PORTS, set before each script). */
  allowedPorts?: boolean;
  /** Platforms the checks are written for. */
  platforms: ('Linux' | 'Windows')[];
}
