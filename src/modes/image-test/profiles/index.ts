/**
 * Compliance profiles named by the `compliance` input: built-in names (`baseline`) or paths, relative
 * to the workspace, of YAML profile files:
 *
 *   name: app                      # optional, defaults to the file name
 *   checks:
 *     - id: nginx-config-valid         # or name:
 *       description: nginx accepts its configuration
 *       command: nginx -t          # a command or a multi-line script
 *       expect-exit-code: 0        # default 0
 *       expect-output: "successful" # optional regular expression over stdout
 *       severity: error            # error (default) fails the test; warning only reports
 */
import { readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { Platform } from '../../../aws/images.js';
import { baseline } from './baseline/index.js';
import type { Profile } from './types.js';
import { windowsBaseline } from './windows-baseline/index.js';

export type { CommandCheck, Profile } from './types.js';

/** Built-in profiles by name, one per platform (`baseline`: shell on Linux, PowerShell on Windows). */
export const BUILT_IN_PROFILES: Record<string, Profile[]> = { baseline: [baseline, windowsBaseline] };

/** A built-in profile (the one written for `platform`, when it has one) or a profile file. */
export async function loadProfile(
  reference: string,
  workspace: string,
  platform?: Platform,
): Promise<Profile> {
  const builtIn = BUILT_IN_PROFILES[reference];
  if (builtIn)
    return builtIn.find((profile) => !platform || profile.platforms.includes(platform)) ?? builtIn[0];
  const path = isAbsolute(reference) ? reference : resolve(workspace, reference);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(
      `Input 'compliance': "${reference}" is neither a built-in profile (${Object.keys(BUILT_IN_PROFILES).join(', ')}) nor a readable file (looked for ${path}).`,
    );
  }
  // yaml and the schema (zod) are loaded only for a profile file: most runs use the built-in profile.
  const { parseProfileFile } = await import('./file.js');
  const result = parseProfileFile(text);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
    throw new Error(`Compliance profile ${reference} is not valid:\n${problems.join('\n')}`);
  }
  const names = result.data.checks.map((check) => (check.id ?? check.name) as string);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Compliance profile ${reference} names the check "${duplicate}" twice.`);
  return {
    name: result.data.name ?? basename(reference, extname(reference)),
    platforms: result.data.platform ? [result.data.platform] : ['Linux', 'Windows'],
    checks: result.data.checks.map((check) => ({
      name: (check.id ?? check.name) as string,
      description: check.description,
      severity: check.severity,
      script: check.command,
      expectExitCode: check['expect-exit-code'],
      expectOutput: check['expect-output'],
    })),
  };
}
