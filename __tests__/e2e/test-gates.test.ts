/**
 * mode: test gating a release, against the simulated AWS as the runner runs it: Amazon Inspector's
 * findings against vulnerability-gate (and an SBOM kept), Inspector's EC2 scanning off (refused
 * before any launch), the boot time against boot-time-gate, and several instance types at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateTagsCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { openUndo, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const AMI = 'ami-0a1b2c3d4e5f60718';
const PREVIOUS = 'ami-0a1b2c3d4e5f60717';
const RUN_TAG = '4242-1';
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function seedAmis(aws: SimHandle) {
  await aws.reset();
  const image = (imageId: string, name: string, creationDate: string) => ({
    region: 'us-east-1',
    imageId,
    name,
    ownerId: aws.sim.accountId,
    public: false,
    encrypted: true,
    imdsSupport: 'v2.0',
    creationDate,
  });
  await aws.seed({
    ec2: {
      images: [
        image(PREVIOUS, 'app-2026-11-28', '2026-11-28T10:00:00.000Z'),
        image(AMI, 'app-2026-11-29', '2026-11-29T10:00:00.000Z'),
      ],
    },
  });
}

const inputs = (extra: Record<string, string> = {}) => ({
  mode: 'test',
  'ami-id': AMI,
  'instance-profile': DEFAULT_INSTANCE_PROFILE,
  smoke: 'systemctl is-active app',
  ...extra,
});

async function amiTags(aws: SimHandle, id = AMI): Promise<Record<string, string>> {
  const image = (await aws.state()).services.ec2.regions['us-east-1'].images[id];
  return Object.fromEntries(image.Tags.map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value]));
}

/** This run's instances as EC2 reports them: id -> [type, state]. */
async function runInstances(aws: SimHandle): Promise<Record<string, [string, string]>> {
  const { Reservations } = await new EC2Client(aws.sdkConfig('us-east-1')).send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:ami-action:run-id', Values: [RUN_TAG] }] }),
  );
  return Object.fromEntries(
    (Reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .map((i) => [i.InstanceId as string, [i.InstanceType as string, i.State?.Name as string]]),
  );
}

function expectAllShutDown(instances: Record<string, [string, string]>, count: number) {
  expect(Object.keys(instances)).toHaveLength(count);
  for (const [, state] of Object.values(instances)) expect(['shutting-down', 'terminated']).toContain(state);
}

describe('vulnerability gate (Amazon Inspector)', () => {
  const aws = useSimulator({ timeScale: 0.005 });
  beforeEach(() => seedAmis(aws));

  it('a seeded CRITICAL finding fails critical=0: named in the error, the summary and the JUnit report', async () => {
    await aws.seed({
      inspector2: {
        findings: [
          { amiId: AMI, severity: 'CRITICAL', title: 'CVE-2026-0001 in openssl', fixAvailable: true },
          { amiId: AMI, severity: 'MEDIUM', title: 'CVE-2026-0002 in curl', fixAvailable: false },
        ],
      },
    });
    const run = await runAgainst(aws, {
      inputs: inputs({ 'vulnerability-gate': 'critical=0,high=5,fixable-only=true' }),
    });
    expect(run.exitCode).toBe(1);
    const error = run.errors.join('\n');
    expect(error).toMatch(
      /vulnerability-gate critical=0,high=5,fixable-only=true failed \(i-[0-9a-f]+\): 1 CRITICAL with a fix \(limit 0\): CVE-2026-0001 \(CVE-2026-0001 in openssl\)/,
    );
    expect(error).not.toContain('CVE-2026-0002');
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '1', failed: '1' });
    // One annotation for the gate (not one per finding: GitHub shows a step's first ten).
    expect(run.log.match(/::error title=Vulnerability gate::vulnerability-gate critical=0/g)).toHaveLength(1);

    expect(run.summary).toContain('Amazon Inspector findings (2)');
    expect(run.summary).toContain('CVE-2026-0001 (CVE-2026-0001 in openssl)');
    expect(run.summary).toMatch(/CRITICAL 1, HIGH 0, MEDIUM 1, LOW 0, INFORMATIONAL 0/);
    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml).toContain('<testsuite name="vulnerabilities" tests="1" failures="1"');
    expect(xml).toMatch(
      /<testcase name="CVE-2026-0001 \(CVE-2026-0001 in openssl\)"[^>]*>\s*<failure message="CRITICAL CVE-2026-0001: CVE-2026-0001 in openssl \(fix available: YES\)/,
    );

    expect(await amiTags(aws)).toMatchObject({
      'ami-action:test': 'failed',
      'ami-action:vulnerabilities': 'critical=1,high=0,medium=1,low=0,informational=0',
    });
    const calls = await aws.calls();
    const findings = calls.filter((c) => c.operation === 'ListFindings').map((c) => c.input as any);
    expect(findings).toHaveLength(1);
    expect(findings[0].filterCriteria.resourceId).toEqual([
      { comparison: 'EQUALS', value: run.outputs['instance-id'] },
    ]);
    // The scan waited for came after the launch, and the instance was terminated after the findings were read.
    const order = calls.map((c) => c.operation);
    expect(order.indexOf('ListFindings')).toBeLessThan(order.indexOf('TerminateInstances'));
    expectAllShutDown(await runInstances(aws), 1);
  });

  it('with no findings it passes, tags the AMI with the counts, and exports the SBOM (sbom-uri)', async () => {
    const run = await runAgainst(aws, {
      inputs: inputs({
        'vulnerability-gate': 'critical=0',
        'sbom-bucket': 'release-sboms',
        'sbom-prefix': 'app',
        'sbom-kms-key': KMS_KEY,
      }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(await amiTags(aws)).toMatchObject({
      'ami-action:test': 'passed',
      'ami-action:vulnerabilities': 'critical=0,high=0,medium=0,low=0,informational=0',
    });
    expect(Number((await amiTags(aws))['ami-action:boot-seconds'])).toBeGreaterThan(0);
    const uri = run.outputs['sbom-uri'];
    expect(uri).toMatch(/^s3:\/\/release-sboms\/app\/CYCLONEDX_1_4_outputs_[0-9a-f-]{36}\/$/);
    const reportId = /outputs_([0-9a-f-]{36})/.exec(uri)?.[1] as string;
    const exported = (await aws.state()).services.inspector2.sbomExports[reportId];
    expect(exported.s3Destination).toEqual({
      bucketName: 'release-sboms',
      keyPrefix: 'app/',
      kmsKeyArn: KMS_KEY,
    });
    expect(Object.keys(exported.objects)).toEqual([
      `${uri}${aws.sim.accountId}/${run.outputs['instance-id']}.json`,
    ]);
    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml).toContain('<testcase name="vulnerability-gate critical=0"');
    expect(run.summary).toContain(`SBOM (CycloneDX 1.4) of ${run.outputs['instance-id']}: ${uri}`);
    expect(openUndo(run.state)).toEqual([]);
    expectAllShutDown(await runInstances(aws), 1);
  });

  it("Inspector's EC2 scanning off plus a gate: refused before anything is launched", async () => {
    await aws.seed({ inspector2: { ec2Scanning: false } });
    const run = await runAgainst(aws, { inputs: inputs({ 'vulnerability-gate': 'critical=0' }) });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /Refused before any change[\s\S]*vulnerability-gate: Amazon Inspector's EC2 scanning is DISABLED in this account in us-east-1[\s\S]*aws inspector2 enable --resource-types EC2/,
    );
    const operations = (await aws.calls()).map((c) => c.operation);
    expect(operations.filter((op) => op === 'RunInstances')).toEqual([]);
    expect(operations).toContain('BatchGetAccountStatus');
    expect(await runInstances(aws)).toEqual({});
  });

  it('Inspector off with only an SBOM asked for: a notice, the test runs, no export', async () => {
    await aws.seed({ inspector2: { ec2Scanning: false } });
    const run = await runAgainst(aws, {
      inputs: inputs({ 'sbom-bucket': 'release-sboms', 'sbom-kms-key': KMS_KEY }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(/::notice::sbom-bucket: Amazon Inspector's EC2 scanning is DISABLED/);
    expect(run.outputs['sbom-uri']).toBeUndefined();
    expect((await aws.calls()).some((c) => c.operation === 'CreateSbomExport')).toBe(false);
  });

  it('a run with no gate never calls Inspector, and the bundle loads its client only on demand', async () => {
    const run = await runAgainst(aws, { inputs: inputs() });
    expect(run.exitCode, run.log).toBe(0);
    expect((await aws.calls()).filter((c) => c.service === 'inspector2')).toEqual([]);

    // The Inspector client is in a chunk that neither mode test's bundle (dist/chunks/action-test.js,
    // which dist/index.js loads) nor the test mode's chunk imports statically: only the dynamic
    // import() in the test mode reaches it.
    const dir = resolve(import.meta.dirname, '../../dist/chunks');
    const files = readdirSync(dir).filter((f) => f.startsWith('test-') || f === 'action-test.js');
    const text = (file: string) => readFileSync(join(dir, file), 'utf8');
    const holders = files.filter((f) => text(f).includes('/sbomexport/create'));
    expect(holders).toHaveLength(1);
    const staticImports = (file: string) =>
      [...text(file).matchAll(/(?:^|[;\n}])\s*import\s*[^()'"]*?from\s*"\.\/([^"]+)"/g)].map((m) => m[1]);
    const closure = (start: string) => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        for (const next of staticImports(file)) {
          if (seen.has(next)) continue;
          seen.add(next);
          visit(next);
        }
      };
      visit(start);
      return seen;
    };
    const testMode = files.filter((f) => f.startsWith('test-image-test-'));
    expect(testMode).toHaveLength(1);
    for (const start of ['action-test.js', testMode[0]])
      expect([...closure(start)]).not.toContain(holders[0]);
    expect(text(testMode[0])).toContain(`import("./${holders[0]}")`);
  });
});

describe('boot-time gate', () => {
  // Slower simulated time: polls every 100 ms of real time are 2 simulated seconds apart.
  const aws = useSimulator({ timeScale: 0.05 });
  beforeEach(async () => {
    await seedAmis(aws);
    await new EC2Client(aws.sdkConfig('us-east-1')).send(
      new CreateTagsCommand({
        Resources: [PREVIOUS],
        Tags: [
          { Key: 'ami-action:test', Value: 'passed' },
          { Key: 'ami-action:boot-seconds', Value: '60' },
        ],
      }),
    );
  });
  const fast = { 'poll-interval': '100ms' };

  it('previous AMI at 60s, this one booting in 90s: +25% fails and says by how much', async () => {
    await aws.setFaults({ bootSeconds: { [AMI]: 90 } });
    const run = await runAgainst(aws, { inputs: inputs({ ...fast, 'boot-time-gate': '+25%' }) });
    expect(run.exitCode).toBe(1);
    const error = run.errors.join('\n');
    const m =
      /boot-time-gate \+25%: t3\.micro reached SSM Online (\d+)s after launch, (\d+)s \((\d+)%\) slower than the 60s of ami-0a1b2c3d4e5f60717 \(app-2026-11-28\), the baseline by name prefix "app-"; at most 75s allowed, over by ([\d.]+)s\./.exec(
        error,
      );
    expect(m, error).not.toBeNull();
    const [took, by, percent, over] = m!.slice(1).map(Number);
    expect(took).toBeGreaterThanOrEqual(89);
    expect(by).toBe(took - 60);
    expect(percent).toBe(Math.round((by / 60) * 100));
    expect(over).toBe(took - 75);
    expect(run.outputs['boot-seconds']).toBe(String(took));
    expect(run.summary).toMatch(
      /Boot: 1m\d+s from launch to SSM Online \(launch → running [\dms.]+, running → SSM Online [\dms.]+;/,
    );
    expect(await amiTags(aws)).toMatchObject({
      'ami-action:test': 'failed',
      'ami-action:boot-seconds': String(took),
    });
  });

  it('within the gate it passes and records this boot for the next test', async () => {
    await aws.setFaults({ bootSeconds: { [AMI]: 30 } });
    const run = await runAgainst(aws, { inputs: inputs({ ...fast, 'boot-time-gate': '+25%' }) });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.summary).toMatch(
      /boot-time-gate \+25%: t3\.micro reached SSM Online \d+s after launch, \d+s \(\d+%\) faster than the 60s/,
    );
    expect(await amiTags(aws)).toMatchObject({
      'ami-action:test': 'passed',
      'ami-action:boot-seconds': run.outputs['boot-seconds'],
    });
  });

  it('boot-time-gate-mode warn: a warning, the step passes; the baseline from ssm-parameter', async () => {
    await new SSMClient(aws.sdkConfig('us-east-1')).send(
      new PutParameterCommand({ Name: '/app/ami/prod', Value: PREVIOUS, Type: 'String' }),
    );
    await aws.setFaults({ bootSeconds: { [AMI]: 90 } });
    const run = await runAgainst(aws, {
      inputs: inputs({
        ...fast,
        'boot-time-gate': '+10s',
        'boot-time-gate-mode': 'warn',
        'ssm-parameter': '/app/ami/prod',
      }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(
      /::warning title=Boot time::boot-time-gate \+10s: t3\.micro reached SSM Online \d+s after launch, \d+s \(\d+%25\) slower than the 60s of ami-0a1b2c3d4e5f60717 \(app-2026-11-28\), the baseline by ssm-parameter \/app\/ami\/prod; at most 70s allowed/,
    );
    expect(await amiTags(aws)).toMatchObject({ 'ami-action:test': 'passed' });
  });
});

describe('several instance types', () => {
  const aws = useSimulator({ timeScale: 0.005 });
  beforeEach(() => seedAmis(aws));

  it('t3.micro and m7i.large at once, each its own instance, results and suite; one failing fails the step, saying which', async () => {
    await aws.setFaults({
      commandFailures: [
        {
          pattern: "^export AMI_ACTION_INSTANCE_TYPE='m7i\\.large'\\nsystemctl is-active app$",
          exitCode: 3,
          stderr: 'inactive',
        },
      ],
    });
    const run = await runAgainst(aws, {
      inputs: inputs({ 'instance-types': 't3.micro, m7i.large', smoke: 'systemctl is-active app\necho ok' }),
    });
    expect(run.exitCode).toBe(1);
    const error = run.errors.join('\n');
    expect(error).toMatch(/m7i\.large: 1 of 2 checks failed: systemctl is-active app\./);
    expect(error).not.toMatch(/t3\.micro: \d+ of/);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '3', failed: '1' });

    expect(run.log).toMatch(/Launched i-[0-9a-f]+ \(t3\.micro\)/);
    expect(run.log).toMatch(/Launched i-[0-9a-f]+ \(m7i\.large\)/);
    const calls = await aws.calls();
    const launches = calls.filter((c) => c.operation === 'RunInstances').map((c) => c.input as any);
    expect(launches.map((l) => l.InstanceType).sort()).toEqual(['m7i.large', 't3.micro']);
    expect(new Set(launches.map((l) => l.ClientToken)).size).toBe(2);
    // Concurrently: the second launch comes before the first command (each waits ~90 simulated seconds for SSM).
    const ops = calls.map((c) => c.operation);
    expect(ops.lastIndexOf('RunInstances')).toBeLessThan(ops.indexOf('SendCommand'));

    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml).toContain('<testsuite name="t3.micro/smoke" tests="2" failures="0"');
    expect(xml).toContain('<testsuite name="m7i.large/smoke" tests="2" failures="1"');
    expect(run.summary).toMatch(/<th>check<\/th><th>t3\.micro<\/th><th>m7i\.large<\/th>/);
    expect(run.summary).toMatch(
      /<td>smoke: systemctl is-active app<\/td><td>✅ [^<]*<\/td><td>❌ Exit code 3, expected 0\.<\/td>/,
    );
    expect(run.summary).toContain('<td>boot: launch → SSM Online</td>');

    expect(openUndo(run.state)).toEqual([]);
    const instances = await runInstances(aws);
    expectAllShutDown(instances, 2);
    expect(
      Object.values(instances)
        .map(([type]) => type)
        .sort(),
    ).toEqual(['m7i.large', 't3.micro']);
  });

  it('cancelled with both instances up: each was in the undo journal, and the post step terminates both', async () => {
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs({ 'instance-types': 't3.micro, m7i.large' }),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if ((output.text().match(/Launched i-/g) ?? []).length === 2) {
            clearInterval(timer);
            child.kill('SIGTERM');
          }
        }, 10);
      },
    });
    expect(main.exitCode).not.toBe(0);
    const open = openUndo(main.state);
    expect(open.map((entry) => entry.kind)).toEqual(['terminate-instances', 'terminate-instances']);
    expect(new Set(open.map((entry) => entry.lane))).toEqual(new Set(['t3.micro', 'm7i.large']));
    expect(post.exitCode, post.log).toBe(0);
    expectAllShutDown(await runInstances(aws), 2);
  });
});
