/**
 * Each check of the built-in baseline profile, run under the local bash against a directory standing
 * in for `/`: once on a compliant image (must pass) and once on one with the problem (must fail).
 * `systemctl` and `ss` are replaced by stubs on PATH that answer as the image's services would.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_SCRIPTS, baselineChecks } from '../../src/modes/test/baseline.js';

interface Image {
  files?: Record<string, string>;
  modes?: Record<string, number>;
  activeUnits?: string[];
  listening?: string[];
}

const COMPLIANT: Image = {
  files: {
    'etc/ssh/sshd_config': 'PermitRootLogin no\nPasswordAuthentication no\n',
    'etc/hosts': '127.0.0.1 localhost\n',
    'root/.ssh/.keep': '',
    'home/ec2-user/.ssh/authorized_keys': '',
  },
  activeUnits: ['chronyd', 'amazon-ssm-agent'],
  listening: ['0.0.0.0:22', '127.0.0.1:25', '[::1]:631'],
};

const BROKEN: Record<string, Image> = {
  'no-authorized-keys': { files: { 'home/ec2-user/.ssh/authorized_keys': 'ssh-ed25519 AAAA bake@ci\n' } },
  'no-shell-history': { files: { 'root/.bash_history': 'sudo yum install app\n' } },
  'no-cloud-init-instance-data': { files: { 'var/lib/cloud/instances/i-0123/user-data.txt': '#!/bin/sh\n' } },
  'sshd-no-root-login': {
    files: {
      'etc/ssh/sshd_config.d/50-cloud.conf': 'PermitRootLogin yes\n',
      'etc/ssh/sshd_config': 'PermitRootLogin no\n',
    },
  },
  'sshd-no-password-login': { files: { 'etc/ssh/sshd_config': 'PermitRootLogin no\n' } },
  'no-world-writable-etc': { files: { 'etc/app.conf': 'x\n' }, modes: { 'etc/app.conf': 0o666 } },
  'time-sync-running': { activeUnits: ['amazon-ssm-agent'] },
  'ssm-agent-running': { activeUnits: ['chronyd'] },
  'only-allowed-ports': { listening: ['0.0.0.0:22', '0.0.0.0:6379'] },
};

function materialise(image: Image): { root: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
  const root = join(dir, 'root');
  const bin = join(dir, 'bin');
  mkdirSync(root);
  mkdirSync(bin);
  for (const [path, text] of Object.entries(image.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    chmodSync(join(root, path), image.modes?.[path] ?? 0o644);
  }
  const units = (image.activeUnits ?? []).join(' ');
  writeFileSync(
    join(bin, 'systemctl'),
    `#!/bin/bash\nunit="\${@: -1}"\nfor u in ${units}; do [ "$u" = "$unit" ] && exit 0; done\nexit 3\n`,
  );
  const rows = (image.listening ?? []).map((address) => `LISTEN 0 128 ${address} 0.0.0.0:*`).join('\n');
  writeFileSync(join(bin, 'ss'), `#!/bin/bash\ncat <<'EOF'\n${rows}\nEOF\n`);
  chmodSync(join(bin, 'systemctl'), 0o755);
  chmodSync(join(bin, 'ss'), 0o755);
  return { root, bin };
}

function runCheck(name: string, image: Image) {
  const { root, bin } = materialise(image);
  const command = baselineChecks(['22']).find((check) => check.id === `baseline/${name}`)?.command as string;
  return spawnSync('bash', ['-c', command], {
    env: { PATH: `${bin}:${process.env.PATH}`, AMI_ACTION_ROOT: root },
    encoding: 'utf8',
  });
}

describe('baseline compliance checks under bash', () => {
  it('has a broken fixture for every check', () => {
    expect(Object.keys(BROKEN).sort()).toEqual(Object.keys(BASELINE_SCRIPTS).sort());
  });

  for (const name of Object.keys(BASELINE_SCRIPTS)) {
    it(`${name}: passes on a compliant image, fails on one with the problem`, () => {
      const pass = runCheck(name, COMPLIANT);
      expect(pass.status, pass.stdout + pass.stderr).toBe(0);
      const fail = runCheck(name, {
        ...COMPLIANT,
        ...BROKEN[name],
        files: { ...COMPLIANT.files, ...BROKEN[name].files },
      });
      expect(fail.status, fail.stdout + fail.stderr).not.toBe(0);
      expect(fail.stdout.trim()).not.toBe('');
    });
  }
});
