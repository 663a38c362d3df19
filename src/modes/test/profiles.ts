/**
 * Which checks a test runs: the smoke entries (a command per line, or a script file of the repository)
 * and the compliance profiles (`baseline`, built in, or a YAML file of named checks:
 *
 *   checks:
 *     - id: nginx-version
 *       description: nginx 1.x is installed
 *       command: nginx -v 2>&1
 *       expect-exit-code: 0        # default 0
 *       expect-output: "nginx/1\\."  # a regular expression, optional
 *       severity: error            # error (default) fails the test; warning only reports
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { baselineChecks } from './baseline.js';
import type { Check } from './checks.js';

export function smokeChecks(entries: string[], workspace: string): Check[] {
  return entries.map((entry, index) => {
    const path = resolve(workspace, entry);
    const isScript = !/\s/.test(entry) && existsSync(path) && statSync(path).isFile();
    return {
      id: isScript ? `smoke/${entry}` : `smoke-${index + 1}`,
      suite: 'smoke',
      description: isScript ? `script ${entry}` : entry,
      severity: 'error',
      command: isScript ? readFileSync(path, 'utf8') : entry,
      expectExitCode: 0,
    };
  });
}

const profileFile = z.object({
  name: z.string().optional(),
  checks: z
    .array(
      z.object({
        id: z.string().regex(/^[\w.-]+$/, 'ids are letters, digits, _ . and -'),
        description: z.string().optional(),
        command: z.string().min(1),
        'expect-exit-code': z.number().int().default(0),
        'expect-output': z.string().optional(),
        severity: z.enum(['error', 'warning']).default('error'),
      }),
    )
    .min(1),
});

function fileChecks(path: string): Check[] {
  const parsed = profileFile.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new Error(`Compliance profile ${path}: ${problem.path.join('.')}: ${problem.message}`);
  }
  const suite = parsed.data.name ?? basename(path).replace(/\.ya?ml$/, '');
  return parsed.data.checks.map((check) => ({
    id: `${suite}/${check.id}`,
    suite,
    description: check.description ?? check.command,
    severity: check.severity,
    command: check.command,
    expectExitCode: check['expect-exit-code'],
    expectOutput: check['expect-output'] ? new RegExp(check['expect-output'], 'm') : undefined,
  }));
}

export interface ComplianceSelection {
  checks: Check[];
  /** Whether the baseline's image checks (from the API) run too. */
  imageChecks: boolean;
}

export function complianceChecks(
  profiles: string[],
  options: { workspace: string; allowedPorts: string[] },
): ComplianceSelection {
  const selection: ComplianceSelection = { checks: [], imageChecks: false };
  for (const profile of profiles) {
    if (profile === 'baseline') {
      selection.imageChecks = true;
      selection.checks.push(...baselineChecks(options.allowedPorts));
      continue;
    }
    const path = resolve(options.workspace, profile);
    if (!existsSync(path)) {
      throw new Error(
        `Input 'compliance': "${profile}" is neither a built-in profile (baseline) nor a file in the repository.`,
      );
    }
    selection.checks.push(...fileChecks(path));
  }
  return selection;
}
