/**
 * The checks a run makes on the instance, in order: each smoke line or script file, then each check
 * of each compliance profile. Everything is read before any AWS call, so a missing file fails fast.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Platform } from '../../aws/images.js';
import { type CommandCheck, loadProfile, type Profile } from './profiles/index.js';
import type { Suite } from './results.js';

export interface PlannedCheck {
  suite: Suite;
  profile?: string;
  check: CommandCheck;
}

/** A check's name in logs and results (profile/check for a profile's checks). */
export function checkLabel({ profile, check }: PlannedCheck): string {
  return profile ? `${profile}/${check.name}` : check.name;
}

export interface TestPlan {
  checks: PlannedCheck[];
  profiles: Profile[];
}

/** A smoke entry that names a file in the repository is a script; anything else is one command. */
export function smokeCheck(entry: string, workspace: string, platform: Platform = 'Linux'): CommandCheck {
  const path = isAbsolute(entry) ? entry : resolve(workspace, entry);
  const isScript = !/\s/.test(entry) && existsSync(path) && statSync(path).isFile();
  const text = isScript ? readFileSync(path, 'utf8') : entry;
  return {
    name: entry,
    severity: 'error',
    expectExitCode: 0,
    script: isScript && platform === 'Linux' ? withInterpreter(text) : text,
  };
}

/**
 * AWS-RunShellScript runs the commands with sh. A script whose first line names another interpreter
 * (`#!/bin/bash`, `#!/usr/bin/env python3`) is written to a file and run as such, so its shebang counts.
 */
export function withInterpreter(script: string): string {
  if (!script.startsWith('#!') || /^#!\s*\/bin\/sh\s*$/.test(script.split('\n')[0])) return script;
  const end = `AMI_ACTION_SCRIPT_${createHash('sha256').update(script).digest('hex').slice(0, 12)}`;
  return [
    'script=$(mktemp)',
    `cat > "$script" <<'${end}'`,
    script.replace(/\n?$/, ''),
    end,
    'chmod +x "$script"',
    '"$script"',
    'status=$?',
    'rm -f "$script"',
    'exit "$status"',
  ].join('\n');
}

export async function planChecks(
  options: { smoke: string[]; compliance: string[]; allowedPorts: number[] },
  platform: Platform,
  workspace: string,
): Promise<TestPlan & { skipped: string[] }> {
  const checks: PlannedCheck[] = options.smoke.map((entry) => ({
    suite: 'smoke',
    check: smokeCheck(entry, workspace, platform),
  }));
  const profiles = await Promise.all(
    options.compliance.map((reference) => loadProfile(reference, workspace, platform)),
  );
  const skipped: string[] = [];
  for (const profile of profiles) {
    if (!profile.platforms.includes(platform)) {
      skipped.push(`${profile.name} (written for ${profile.platforms.join(', ')}; this AMI is ${platform})`);
      continue;
    }
    for (const check of profile.checks) {
      const ports = options.allowedPorts.join(' ');
      const script = !profile.allowedPorts
        ? check.script
        : platform === 'Windows'
          ? `$env:AMI_ACTION_ALLOWED_PORTS = '${ports}'\n${check.script}`
          : `export AMI_ACTION_ALLOWED_PORTS='${ports}'\n${check.script}`;
      checks.push({ suite: 'compliance', profile: profile.name, check: { ...check, script } });
    }
  }
  return { checks, profiles, skipped };
}
