/** Mode test's gates without AWS: their inputs, the vulnerability verdict, the boot baseline's name prefix and verdict. */
import { describe, expect, it } from 'vitest';
import { parseBootTimeGate, parseVulnerabilityGate } from '../../src/inputs/test.js';
import { readConfig } from '../../src/inputs.js';
import { judgeBoot, namePrefix } from '../../src/modes/image-test/boot.js';
import {
  countBySeverity,
  countsTag,
  type FindingFacts,
  gateResults,
  judge,
} from '../../src/modes/image-test/vulnerabilities.js';

const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    INPUT_MODE: 'test',
    INPUT_SMOKE: 'true',
    'INPUT_AMI-ID': 'ami-0123456789abcdef0',
  };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('gate inputs', () => {
  it('reads vulnerability-gate limits per severity, fixable-only, and keeps the text for messages', () => {
    expect(parseVulnerabilityGate('critical=0, HIGH=5,fixable-only=true')).toEqual({
      limits: { CRITICAL: 0, HIGH: 5 },
      fixableOnly: true,
      text: 'critical=0,HIGH=5,fixable-only=true',
    });
    expect(parseVulnerabilityGate('medium=10').fixableOnly).toBe(false);
  });

  it.each([
    [
      'severe=1',
      /"severe=1" is not a limit: use severity=count \(critical, high, medium, low, informational, untriaged\)/,
    ],
    ['critical=-1', /whole number from 0/],
    ['critical=0,critical=1', /critical is given twice/],
    ['fixable-only=true', /Name at least one severity limit/],
    ['critical=0,fixable-only=yes', /Use true or false/],
  ])('rejects vulnerability-gate %s', (text, message) => {
    expect(() => parseVulnerabilityGate(text)).toThrow(message);
  });

  it('reads boot-time-gate as a percentage or a duration', () => {
    expect(parseBootTimeGate('+25%')).toEqual({ percent: 25, text: '+25%' });
    expect(parseBootTimeGate('10%')).toEqual({ percent: 10, text: '+10%' });
    expect(parseBootTimeGate('+30s')).toEqual({ seconds: 30, text: '+30s' });
    expect(parseBootTimeGate('+1m30s')).toEqual({ seconds: 90, text: '+1m30s' });
    for (const bad of ['25', 'fast', '-10%', '+'])
      expect(() => parseBootTimeGate(bad)).toThrow(/\+25%\) or a duration/);
  });

  it('has the documented defaults: no gates, fail mode, one instance type', () => {
    const config = readConfig('test', env({}));
    expect(config).toMatchObject({ bootTimeGateMode: 'fail' });
    expect(config.vulnerabilityGate).toBeUndefined();
    expect(config.instanceTypes).toBeUndefined();
    expect(config.sbomBucket).toBeUndefined();
  });

  it('reads instance-types as a list of distinct types', () => {
    expect(
      readConfig('test', env({ 'instance-types': 't3.micro, m7i.large\nt3.micro' })).instanceTypes,
    ).toEqual(['t3.micro', 'm7i.large']);
  });

  it.each([
    [
      { 'instance-types': 't3.micro,m7i.large', 'instance-type': 't3.micro' },
      /Input 'instance-types'.*not both/,
    ],
    [{ 'instance-types': 't3.micro, big' }, /"big" is not an instance type/],
    [{ 'instance-types': Array.from({ length: 11 }, (_, n) => `t3.x${n}`).join(',') }, /at most 10 at once/],
    [{ 'sbom-bucket': 'release-sboms' }, /Input 'sbom-kms-key'.*CreateSbomExport needs a KMS key/],
    [{ 'sbom-bucket': 'Release_SBOMs', 'sbom-kms-key': KEY }, /Input 'sbom-bucket'.*S3 bucket name/],
    [
      { 'sbom-bucket': 'release-sboms', 'sbom-kms-key': 'alias/sbom' },
      /Input 'sbom-kms-key'.*takes no alias/,
    ],
    [{ 'sbom-prefix': 'app' }, /Input 'sbom-prefix'.*only with sbom-bucket/],
    [{ 'ssm-parameter': '/app/ami/prod' }, /Input 'ssm-parameter'.*give boot-time-gate too/],
    [{ 'boot-time-gate-mode': 'loud' }, /Use one of: fail, warn/],
  ])('rejects %o before any AWS call', (inputs, message) => {
    expect(() => readConfig('test', env(inputs))).toThrow(message);
  });
});

const finding = (severity: FindingFacts['severity'], id: string, fixAvailable = 'YES'): FindingFacts => ({
  vulnerabilityId: id,
  title: `${id} in pkg`,
  severity,
  fixAvailable,
  packages: ['pkg 1.0'],
});

describe('vulnerability verdict', () => {
  const findings = [
    finding('CRITICAL', 'CVE-1', 'NO'),
    finding('HIGH', 'CVE-2'),
    finding('HIGH', 'CVE-3', 'PARTIAL'),
    finding('HIGH', 'CVE-4', 'NO'),
    finding('LOW', 'CVE-5'),
  ];

  it('fails every finding of a severity over its limit', () => {
    const verdict = judge(findings, parseVulnerabilityGate('critical=0,high=5'));
    expect(verdict.passed).toBe(false);
    expect(verdict.failing.map((f) => f.vulnerabilityId)).toEqual(['CVE-1']);
    expect(verdict.over).toEqual(['1 CRITICAL (limit 0)']);
    expect(judge(findings, parseVulnerabilityGate('high=2')).failing.map((f) => f.vulnerabilityId)).toEqual([
      'CVE-2',
      'CVE-3',
      'CVE-4',
    ]);
  });

  it('with fixable-only counts only findings with a fix (YES or PARTIAL)', () => {
    const verdict = judge(findings, parseVulnerabilityGate('critical=0,high=1,fixable-only=true'));
    expect(verdict.counted).toEqual({ CRITICAL: 0, HIGH: 2 });
    expect(verdict.failing.map((f) => f.vulnerabilityId)).toEqual(['CVE-2', 'CVE-3']);
    expect(verdict.over).toEqual(['2 HIGH with a fix (limit 1)']);
  });

  it('tags the worst count of each severity in the gate syntax; JUnit gets a case per failing finding', () => {
    const one = countBySeverity(findings);
    const other = countBySeverity([
      finding('CRITICAL', 'a'),
      finding('CRITICAL', 'b'),
      finding('UNTRIAGED', 'c'),
    ]);
    expect(countsTag([one])).toBe('critical=1,high=3,medium=0,low=1,informational=0');
    expect(countsTag([one, other])).toBe('critical=2,high=3,medium=0,low=1,informational=0,untriaged=1');
    const gate = parseVulnerabilityGate('critical=0');
    const results = gateResults(judge(findings, gate), gate, one, 'm7i.large');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      suite: 'vulnerabilities',
      instanceType: 'm7i.large',
      name: 'CVE-1 (CVE-1 in pkg)',
      passed: false,
    });
    expect(results[0].message).toMatch(
      /^CRITICAL CVE-1: CVE-1 in pkg \(fix available: NO\); over vulnerability-gate critical=0: 1 CRITICAL \(limit 0\)\.$/,
    );
    const passing = gateResults(judge([], gate), gate, countBySeverity([]));
    expect(passing).toMatchObject([{ name: 'vulnerability-gate critical=0', passed: true }]);
  });
});

describe('boot baseline and verdict', () => {
  it.each([
    ['app-2026-11-29', 'app-'],
    ['app-2026.11.29', 'app-'],
    ['al2023-app-2026-11-29T10-00-00Z', 'al2023-app-'],
    ['demo-app 2026-11-29T10-00-00-000Z 3', 'demo-app '],
    ['ami-action-app-v1.2.3', 'ami-action-app-'],
    ['golden-al2023-1764400000', 'golden-al2023-'],
    ['app', undefined],
    ['app-latest', undefined],
  ])('name prefix of %s: %s', (name, prefix) => {
    expect(namePrefix(name)).toBe(prefix);
  });

  const baseline = { amiId: 'ami-1', name: 'app-1', seconds: 60, source: 'name prefix "app-"' };

  it('judges the slowest type, saying by how much', () => {
    const verdict = judgeBoot(parseBootTimeGate('+25%'), baseline, [
      { instanceType: 't3.micro', seconds: 70.2 },
      { instanceType: 'm7i.large', seconds: 90.4 },
    ]);
    expect(verdict).toMatchObject({ passed: false, slowest: { instanceType: 'm7i.large', seconds: 90 } });
    expect(verdict?.message).toBe(
      'boot-time-gate +25%: m7i.large reached SSM Online 90s after launch, 30s (50%) slower than the 60s of ami-1 (app-1), the baseline by name prefix "app-"; at most 75s allowed, over by 15s.',
    );
  });

  it('passes within the allowance (a percentage or seconds), and has no verdict without a measured boot', () => {
    expect(
      judgeBoot(parseBootTimeGate('+25%'), baseline, [{ instanceType: 't3.micro', seconds: 75 }])?.passed,
    ).toBe(true);
    expect(
      judgeBoot(parseBootTimeGate('+10s'), baseline, [{ instanceType: 't3.micro', seconds: 71 }])?.passed,
    ).toBe(false);
    expect(
      judgeBoot(parseBootTimeGate('+10s'), baseline, [{ instanceType: 't3.micro', seconds: 45 }])?.message,
    ).toContain('15s (25%) faster than the 60s');
    expect(judgeBoot(parseBootTimeGate('+10s'), baseline, [])).toBeUndefined();
  });
});
