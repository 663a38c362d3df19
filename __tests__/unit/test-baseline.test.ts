/**
 * The baseline profile's checks are real shell scripts: each runs here under bash (and sh, when it is
 * another shell) against a fixture directory standing in for /, once where it must pass and once
 * where it must fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseline } from '../../src/modes/image-test/profiles/baseline/index.js';

type Files = Record<string, string | { text: string; mode: number } | null>;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A directory standing in for /: paths ending in / are directories, others files. */
function fixture(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'baseline-root-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
      if (content && typeof content === 'object') chmodSync(full, content.mode);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    const text = typeof content === 'string' ? content : (content?.text ?? '');
    writeFileSync(full, text);
    if (content && typeof content === 'object') chmodSync(full, content.mode);
  }
  return root;
}

const shSelf = realpathSync(execFileSync('sh', ['-c', 'command -v sh']).toString().trim());
const SHELLS = shSelf.endsWith('bash') ? ['bash'] : ['bash', 'sh'];

function runCheck(shell: string, name: string, root: string) {
  const check = baseline.checks.find((entry) => entry.name === name);
  if (!check) throw new Error(`no baseline check ${name}`);
  const result = spawnSync(shell, ['-c', check.script], {
    env: { PATH: process.env.PATH, AMI_ACTION_ROOT: root, AMI_ACTION_ALLOWED_PORTS: '22 443' },
    encoding: 'utf8',
  });
  return { exitCode: result.status, output: result.stdout + result.stderr };
}

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const tcpLine = (local: string, state: string) =>
  `   0: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0\n`;
const tcp6Line = (local: string, state: string) =>
  `   0: ${local} 00000000000000000000000000000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0\n`;

const cases: Record<string, { pass: Files; fail: Files; failOutput: RegExp }> = {
  'no-ssh-authorized-keys': {
    pass: {
      'root/.ssh/authorized_keys': '# managed by cloud-init\n\n',
      'home/ec2-user/.ssh/': null,
    },
    fail: { 'home/ec2-user/.ssh/authorized_keys': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB packer_64f\n' },
    failOutput: /keys left in .*home\/ec2-user\/\.ssh\/authorized_keys/,
  },
  'no-shell-history': {
    pass: { 'home/ec2-user/.bash_history': '', 'root/.bashrc': 'alias ll="ls -l"\n' },
    fail: { 'root/.bash_history': 'sudo dnf install -y nginx\n' },
    failOutput: /history left in .*root\/\.bash_history/,
  },
  'no-cloud-init-instance-data': {
    pass: {
      'var/lib/cloud/data/instance-id': 'i-0aaaaaaaaaaaaaaaa\n',
      'var/lib/cloud/instances/i-0aaaaaaaaaaaaaaaa/': null,
    },
    fail: {
      'var/lib/cloud/data/instance-id': 'i-0aaaaaaaaaaaaaaaa\n',
      'var/lib/cloud/instances/i-0aaaaaaaaaaaaaaaa/': null,
      'var/lib/cloud/instances/i-0bbbbbbbbbbbbbbbb/user-data.txt': '#!/bin/bash\n',
    },
    failOutput: /another instance left in .*i-0bbbbbbbbbbbbbbbb/,
  },
  'sshd-no-root-login': {
    // The drop-in comes first (Include at the top), so its value wins over the later one.
    pass: {
      'etc/ssh/sshd_config': 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\n',
      'etc/ssh/sshd_config.d/50-hardening.conf': '  PermitRootLogin no\n',
    },
    // A value inside a Match block is not the global setting.
    fail: { 'etc/ssh/sshd_config': 'PasswordAuthentication no\nMatch User admin\n  PermitRootLogin no\n' },
    failOutput: /PermitRootLogin is not set/,
  },
  'sshd-no-password-login': {
    pass: { 'etc/ssh/sshd_config': '# hardened\nPasswordAuthentication=no\n' },
    fail: { 'etc/ssh/sshd_config': 'PermitRootLogin no\nPasswordAuthentication yes\n' },
    failOutput: /PasswordAuthentication is yes/,
  },
  'no-world-writable-etc': {
    pass: {
      'etc/hosts': { text: '127.0.0.1 localhost\n', mode: 0o644 },
      'etc/spool/': { text: '', mode: 0o1777 },
    },
    fail: { 'etc/hosts': { text: '', mode: 0o644 }, 'etc/app/app.conf': { text: 'x=1\n', mode: 0o666 } },
    failOutput: /etc\/app\/app\.conf/,
  },
  'time-sync-running': {
    pass: { 'proc/1/comm': 'systemd\n', 'proc/512/comm': 'chronyd\n' },
    fail: { 'proc/1/comm': 'systemd\n', 'proc/77/comm': 'sshd\n' },
    failOutput: /no time sync daemon/,
  },
  'ssm-agent-running': {
    pass: {
      'usr/bin/amazon-ssm-agent': { text: '#!/bin/sh\n', mode: 0o755 },
      'proc/700/comm': 'amazon-ssm-agen\n',
    },
    fail: { 'usr/bin/amazon-ssm-agent': { text: '#!/bin/sh\n', mode: 0o755 }, 'proc/1/comm': 'systemd\n' },
    failOutput: /installed .* but not running/,
  },
  'only-expected-ports-listening': {
    pass: {
      // sshd on 0.0.0.0:22, postfix on 127.0.0.1:25 (loopback only), an established 8080 connection.
      'proc/net/tcp':
        TCP_HEADER +
        tcpLine('00000000:0016', '0A') +
        tcpLine('0100007F:0019', '0A') +
        tcpLine('0A00000A:1F90', '01'),
      'proc/net/tcp6': TCP_HEADER + tcp6Line('00000000000000000000000000000000:0016', '0A'),
    },
    fail: {
      'proc/net/tcp': TCP_HEADER + tcpLine('00000000:0016', '0A'),
      'proc/net/tcp6': TCP_HEADER + tcp6Line('00000000000000000000000000000000:1F90', '0A'),
    },
    failOutput: /port 8080 listens but is not in allowed-ports/,
  },
};

describe.each(SHELLS)('baseline checks under %s', (shell) => {
  it('covers every check of the profile', () => {
    expect(Object.keys(cases).sort()).toEqual(baseline.checks.map((check) => check.name).sort());
  });

  for (const [name, { pass, fail, failOutput }] of Object.entries(cases)) {
    it(`${name}: passes on a clean root`, () => {
      const result = runCheck(shell, name, fixture(pass));
      expect(result.exitCode, result.output).toBe(0);
    });
    it(`${name}: fails on a root with the problem, saying what`, () => {
      const result = runCheck(shell, name, fixture(fail));
      expect(result.exitCode, result.output).toBe(1);
      expect(result.output).toMatch(failOutput);
    });
  }
});
