/** The real Packer in e2e tests: whether it is on PATH, the environment it runs in, a workspace to bake from. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function packerOnPath(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v packer']);
    return true;
  } catch {
    return false;
  }
}

/** Packer reads no AWS config of the machine's, and reports nothing home. */
export const PACKER_ENV = {
  CHECKPOINT_DISABLE: '1',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};

/**
 * A workspace as a checkout would have it: `packer/app.json` (a source_ami_filter for the newest
 * Amazon Linux 2023, AMIs named nightly-app-…) and the shell-local script it runs,
 * `packer/scripts/setup.sh`.
 */
export function packerWorkspace(): string {
  const fixtures = resolve(import.meta.dirname, '../fixtures/packer');
  const dir = mkdtempSync(join(tmpdir(), 'ami-action-ws-'));
  mkdirSync(join(dir, 'packer/scripts'), { recursive: true });
  copyFileSync(join(fixtures, 'filtered.json'), join(dir, 'packer/app.json'));
  copyFileSync(join(fixtures, 'scripts/setup.sh'), join(dir, 'packer/scripts/setup.sh'));
  return dir;
}
