import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageFacts } from '../../src/aws/images.js';
import { amisOf } from '../../src/inputs/common.js';
import { readConfig } from '../../src/inputs.js';
import { neverOnlineMessage } from '../../src/modes/image-test/agent.js';
import { imageChecks } from '../../src/modes/image-test/image.js';
import { escapeXml, junitXml } from '../../src/modes/image-test/junit.js';
import { planChecks, withInterpreter } from '../../src/modes/image-test/plan.js';
import { loadProfile } from '../../src/modes/image-test/profiles/index.js';
import type { CheckResult } from '../../src/modes/image-test/results.js';

const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = { AWS_REGION: 'us-east-1', INPUT_MODE: 'test', INPUT_SMOKE: 'true' };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};

describe('test inputs', () => {
  it('has the documented defaults', () => {
    const config = readConfig('test', env({ 'ami-id': 'ami-0123456789abcdef0' }));
    expect(config).toMatchObject({
      timeout: 1800,
      commandTimeout: 600,
      allowedPorts: [22],
      keepInstanceOnFailure: false,
      associatePublicIp: false,
      smoke: ['true'],
      compliance: [],
      securityGroupIds: [],
    });
    expect(config.instanceType).toBeUndefined();
    expect(config.instanceProfile).toBeUndefined();
  });

  it('reads smoke as one command per line (commas kept) and compliance as a list', () => {
    const config = readConfig(
      'test',
      env({
        'ami-id': 'ami-0123456789abcdef0',
        smoke: 'echo a, b\n\n# note\ntests/smoke.sh',
        compliance: 'baseline, ci/app.yml',
      }),
    );
    expect(config.smoke).toEqual(['echo a, b', 'tests/smoke.sh']);
    expect(config.compliance).toEqual(['baseline', 'ci/app.yml']);
  });

  it.each([
    ['command-timeout', '3d', /Input 'command-timeout': got "3d"\. Use a duration from 1s to 48h/],
    [
      'allowed-ports',
      '22, 70000',
      /Input 'allowed-ports': got "22, 70000"\. Use a whole number from 1 to 65535/,
    ],
    ['amis', '{"us-east-1": "nope"}', /Input 'amis'/],
    ['instance-type', 'big', /Input 'instance-type': got "big"\. Use an EC2 instance type/],
    ['security-group-ids', 'sg-0123456789abcdef0, default', /"default" is not a security group id/],
    [
      'security-group-ids',
      Array.from({ length: 17 }, (_, i) => `sg-${String(i).padStart(8, '0')}`).join(','),
      /Input 'security-group-ids': .*17 security groups: EC2 allows at most 16 per network interface/,
    ],
    ['keep-instance-on-failure', 'yes', /Input 'keep-instance-on-failure': got "yes"\. Use true or false/],
  ])('rejects a bad %s', (name, value, message) => {
    expect(() => readConfig('test', env({ 'ami-id': 'ami-0123456789abcdef0', [name]: value }))).toThrow(
      message,
    );
  });

  it('takes 16 security groups (the most a raised quota allows)', () => {
    const ids = Array.from({ length: 16 }, (_, i) => `sg-${String(i).padStart(8, '0')}`);
    const config = readConfig(
      'test',
      env({ 'ami-id': 'ami-0123456789abcdef0', 'security-group-ids': ids.join(',') }),
    );
    expect(config.securityGroupIds).toEqual(ids);
  });

  it('takes the AMI from amis when ami-id is not given, and rejects a mismatch or no AMI at all', () => {
    const amis = '{"us-east-1":"ami-0123456789abcdef0","eu-west-1":"ami-0fedcba9876543210"}';
    expect(amisOf(readConfig('test', env({ amis }))).amiId).toBe('ami-0123456789abcdef0');
    expect(() => readConfig('test', env({ amis, 'ami-id': 'ami-0fedcba9876543210' }))).toThrow(
      /Input 'ami-id': got "ami-0fedcba9876543210"\. amis says ami-0123456789abcdef0 for us-east-1/,
    );
    expect(() => readConfig('test', env({}))).toThrow(/Input 'ami-id': nothing was given\. Give the AMI/);
  });

  it('needs at least one check', () => {
    expect(() =>
      readConfig('test', { ...env({ 'ami-id': 'ami-0123456789abcdef0' }), INPUT_SMOKE: '' }),
    ).toThrow(/Give at least one check/);
  });
});

describe('JUnit report', () => {
  const result = (overrides: Partial<CheckResult>): CheckResult => ({
    suite: 'smoke',
    name: 'check',
    severity: 'error',
    passed: true,
    seconds: 1.5,
    stdout: '',
    stderr: '',
    truncated: false,
    ...overrides,
  });

  it('escapes &, <, > and quotes, and strips ANSI escapes and characters XML cannot carry', () => {
    expect(escapeXml('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
    expect(escapeXml('\u001b[1;31mred\u001b[0m \u001b]0;title\u0007ok\u0001')).toBe('red ok');
  });

  it('has one testsuite per suite, one testcase per check, failures with message and exit code', () => {
    const xml = junitXml(
      [
        result({ name: 'test -f /opt/app <bin>', stdout: 'fine' }),
        result({
          name: 'curl',
          passed: false,
          exitCode: 7,
          message: 'Exit code 7, expected 0.',
          stderr: 'refused',
        }),
        result({ suite: 'compliance', profile: 'baseline', name: 'hvm', truncated: true }),
        result({
          suite: 'compliance',
          profile: 'baseline',
          name: 'ena-support',
          severity: 'warning',
          passed: false,
          message: 'ENA is off',
        }),
      ],
      'ami-action test ami-1',
      new Date('2026-11-29T00:00:00Z'),
    );
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ami-action test ami-1" tests="4" failures="1"/,
    );
    expect(xml).toContain('<testsuite name="smoke" tests="2" failures="1"');
    expect(xml).toContain('<testsuite name="compliance/baseline" tests="2" failures="0"');
    expect(xml).toContain(
      '<testcase name="test -f /opt/app &lt;bin&gt;" classname="ami-action test ami-1.smoke" time="1.500">',
    );
    expect(xml).toContain(
      '<failure message="Exit code 7, expected 0." type="smoke">Exit code 7, expected 0.\nexit code 7</failure>',
    );
    expect(xml).toContain('--- stderr ---\nrefused');
    expect(xml).toContain('SSM truncated this output');
    // A failed warning is reported, not counted as a failure.
    expect(xml).toContain('<system-out>warning: ENA is off</system-out>');
  });
});

describe('compliance profiles', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'profiles-'));
  mkdirSync(join(workspace, 'ci'));
  writeFileSync(
    join(workspace, 'ci/app.yml'),
    [
      'checks:',
      '  - id: nginx-config',
      '    description: nginx accepts its configuration',
      '    command: nginx -t',
      '    expect-output: "syntax is ok"',
      '    severity: warning',
      '  - name: no-telnet',
      '    command: |',
      '      command -v telnet',
      '    expect-exit-code: 1',
    ].join('\n'),
  );
  writeFileSync(
    join(workspace, 'ci/bad.yml'),
    'checks:\n  - name: x\n    command: true\n    severity: urgent\n    retries: 2\n',
  );
  writeFileSync(join(workspace, 'smoke.sh'), '#!/bin/bash\nset -e\ncurl -fsS localhost\n');

  it('reads a YAML profile: name from the file, defaults filled', async () => {
    const profile = await loadProfile('ci/app.yml', workspace);
    expect(profile.name).toBe('app');
    expect(profile.checks).toEqual([
      {
        name: 'nginx-config',
        description: 'nginx accepts its configuration',
        severity: 'warning',
        script: 'nginx -t',
        expectExitCode: 0,
        expectOutput: 'syntax is ok',
      },
      {
        name: 'no-telnet',
        description: undefined,
        severity: 'error',
        script: 'command -v telnet\n',
        expectExitCode: 1,
        expectOutput: undefined,
      },
    ]);
  });

  it('names every problem of an invalid profile, and a reference that is neither built in nor a file', async () => {
    await expect(loadProfile('ci/bad.yml', workspace)).rejects.toThrow(/checks\.0\.severity[\s\S]*checks\.0/);
    await expect(loadProfile('hardening', workspace)).rejects.toThrow(
      /neither a built-in profile \(baseline\) nor a readable file/,
    );
  });

  it('plans smoke lines (script files read from the workspace) before compliance checks', async () => {
    const plan = await planChecks(
      { smoke: ['smoke.sh', 'echo hi'], compliance: ['baseline', 'ci/app.yml'], allowedPorts: [22, 443] },
      'Linux',
      workspace,
    );
    const [script, command] = plan.checks.slice(0, 2).map((entry) => entry.check.script);
    expect(script).toContain('#!/bin/bash\nset -e\ncurl -fsS localhost\n');
    expect(script.startsWith('script=$(mktemp)\n')).toBe(true);
    expect(command).toBe('echo hi');
    const baselineChecks = plan.checks.filter((entry) => entry.profile === 'baseline');
    expect(baselineChecks).toHaveLength(9);
    expect(
      baselineChecks.every((entry) =>
        entry.check.script.startsWith("export AMI_ACTION_ALLOWED_PORTS='22 443'\n"),
      ),
    ).toBe(true);
    expect(plan.checks.filter((entry) => entry.profile === 'app')).toHaveLength(2);
  });

  it('runs the Windows baseline (PowerShell) on Windows, and skips a profile written for Linux, naming why', async () => {
    writeFileSync(
      join(workspace, 'linux-only.yml'),
      'platform: Linux\nchecks:\n  - id: sshd\n    command: sshd -t\n',
    );
    const plan = await planChecks(
      { smoke: ['Get-Service'], compliance: ['baseline', 'linux-only.yml'], allowedPorts: [3389] },
      'Windows',
      workspace,
    );
    expect(plan.checks.filter((entry) => entry.profile === 'baseline')).toHaveLength(6);
    expect(plan.checks[1].check.script.split('\n')[0]).toBe("$env:AMI_ACTION_ALLOWED_PORTS = '3389'");
    expect(plan.skipped).toEqual(['linux-only (written for Linux; this AMI is Windows)']);
  });
});

describe('image checks', () => {
  it('fail for a public, unencrypted image without IMDSv2, each with its fix', () => {
    const results = imageChecks(
      imageFacts('us-east-1', {
        ImageId: 'ami-1',
        Public: true,
        EnaSupport: true,
        VirtualizationType: 'hvm',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false } }],
      }),
    );
    expect(Object.fromEntries(results.map((result) => [result.name, result.passed]))).toEqual({
      'imds-v2-required': false,
      'ena-support': true,
      'root-volume-encrypted': false,
      'not-public': false,
      hvm: true,
    });
    expect(Object.fromEntries(results.map((result) => [result.name, result.severity]))).toEqual({
      'imds-v2-required': 'warning',
      'ena-support': 'warning',
      'root-volume-encrypted': 'warning',
      'not-public': 'error',
      hvm: 'error',
    });
    expect(results.find((result) => result.name === 'not-public')?.message).toMatch(
      /Fix: remove the launch permission/,
    );
  });
});

describe('smoke script files', () => {
  it('run with the interpreter their shebang names, under sh as AWS-RunShellScript runs them', () => {
    const bashOnly = '#!/bin/bash\nif [[ -n "$BASH_VERSION" ]]; then echo "bash it is"; fi\nexit 3\n';
    const result = spawnSync('sh', ['-c', withInterpreter(bashOnly)], { encoding: 'utf8' });
    expect(result.stdout).toBe('bash it is\n');
    expect(result.status).toBe(3);
  });

  it('leave sh scripts and plain commands as they are', () => {
    expect(withInterpreter('#!/bin/sh\necho hi\n')).toBe('#!/bin/sh\necho hi\n');
    expect(withInterpreter('echo hi')).toBe('echo hi');
  });
});

describe('SSM never online', () => {
  const wait = {
    region: 'eu-west-1',
    instanceId: 'i-0123456789abcdef0',
    timeoutSeconds: 60,
    pollIntervalSeconds: 5,
  };

  it('names the missing instance profile, the network path and the agent', () => {
    const message = neverOnlineMessage({ ...wait, associatePublicIp: false }, 'Timed out after 1m.');
    expect(message).toMatch(
      /^SSM never saw i-0123456789abcdef0 Online\. Timed out after 1m\.\nLikely causes:/,
    );
    expect(message).toContain('no instance profile: set instance-profile');
    expect(message).toContain('ssm, ssmmessages, ec2messages in eu-west-1');
    expect(message).toContain('no public IP, so it needs a NAT gateway or VPC interface endpoints');
    expect(message).toContain('SSM agent is missing from the AMI');
  });

  it('names the given profile when there is one', () => {
    const message = neverOnlineMessage({ ...wait, instanceProfile: 'ci-test', associatePublicIp: true }, '');
    expect(message).toContain('the instance profile ci-test lacks SSM permissions');
    expect(message).not.toContain('no public IP');
  });
});
