/**
 * mode: test against the simulated AWS, as the runner runs it: a passing run, a failing smoke line,
 * an instance SSM never sees, and a job cancelled mid-run whose post step cleans up. In every case
 * the instance the run launched (tagged with its ami-action:run-id) is left shutting down or gone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_PROFILE, DEFAULT_WINDOWS_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { mutatingCalls, openUndo, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const AMI = 'ami-0a1b2c3d4e5f60718';
/** runnerEnv's GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT. */
const RUN_TAG = '4242-1';

const aws = useSimulator({ timeScale: 0.005 });

beforeEach(async () => {
  await aws.reset();
  // The team's own AMI: private, encrypted, IMDSv2 only (as a bake would make it).
  await aws.seed({
    ec2: {
      images: [
        {
          region: 'us-east-1',
          imageId: AMI,
          name: 'app-2026-11-29',
          ownerId: aws.sim.accountId,
          public: false,
          encrypted: true,
          imdsSupport: 'v2.0',
        },
      ],
    },
  });
});

const inputs = (extra: Record<string, string> = {}) => ({
  mode: 'test',
  'ami-id': AMI,
  'instance-profile': DEFAULT_INSTANCE_PROFILE,
  ...extra,
});

/** Instances of this run as EC2 reports them: id -> state. */
async function runInstances(handle: SimHandle): Promise<Record<string, string>> {
  const ec2 = new EC2Client(handle.sdkConfig('us-east-1'));
  const { Reservations } = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:ami-action:run-id', Values: [RUN_TAG] }] }),
  );
  const states: Record<string, string> = {};
  for (const instance of (Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
    states[instance.InstanceId as string] = instance.State?.Name as string;
  }
  return states;
}

async function expectNothingLeftRunning(instanceId: string | undefined) {
  const states = await runInstances(aws);
  expect(instanceId).toMatch(/^i-[0-9a-f]+$/);
  expect(Object.keys(states)).toEqual([instanceId]);
  expect(['shutting-down', 'terminated']).toContain(states[instanceId as string]);
}

async function amiTags(): Promise<Record<string, string>> {
  const image = (await aws.state()).services.ec2.regions['us-east-1'].images[AMI];
  return Object.fromEntries(image.Tags.map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value]));
}

describe('mode test', () => {
  it('passes with two smoke lines: two results, outputs, JUnit report, summary, AMI tagged', async () => {
    const run = await runAgainst(aws, {
      inputs: inputs({ smoke: 'curl -fsS localhost/health\nsystemctl is-active app' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'passed', passed: '2', failed: '0', 'ami-id': AMI });
    expect(JSON.parse(run.outputs.amis)).toEqual({ 'us-east-1': AMI });
    expect(Number(run.outputs['boot-seconds'])).toBeGreaterThanOrEqual(0);

    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('name="curl -fsS localhost/health"');
    expect(xml).not.toContain('<failure');
    expect(run.summary).toContain('passed (2 passed, 0 failed)');
    expect(run.summary).toContain('systemctl is-active app');

    const calls = await aws.calls();
    const launch = calls.find((call) => call.operation === 'RunInstances')?.input as any;
    expect(launch.MetadataOptions.HttpTokens).toBe('required');
    expect(launch.NetworkInterfaces[0].AssociatePublicIpAddress).toBe(false);
    expect(launch.ClientToken).toMatch(/^[0-9a-f]{64}$/);
    const sends = calls.filter((call) => call.operation === 'SendCommand').map((call) => call.input as any);
    expect(sends.map((send) => send.Parameters.commands)).toEqual([
      ['curl -fsS localhost/health'],
      ['systemctl is-active app'],
    ]);
    expect(sends.every((send) => send.DocumentName === 'AWS-RunShellScript')).toBe(true);
    expect(sends[0].Parameters.executionTimeout).toEqual(['600']);

    // Terminated by the main step: nothing left open for the post step.
    expect(openUndo(run.state)).toEqual([]);
    await expectNothingLeftRunning(run.outputs['instance-id']);
    expect(await amiTags()).toMatchObject({ 'ami-action:test': 'passed' });
    expect((await amiTags())['ami-action:tested-at']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('fails when the second smoke line fails: one passed, one failed, each with its exit code', async () => {
    await aws.setFaults({
      commandFailures: [
        { pattern: '^grep -q ready', exitCode: 3, stderr: 'app not <ready> & \u001b[31mred\u001b[0m' },
      ],
    });
    const run = await runAgainst(aws, {
      inputs: inputs({ smoke: 'echo started\ngrep -q ready /var/log/app.log', 'command-timeout': '2m' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '1', failed: '1' });
    expect(run.errors.join('\n')).toMatch(/1 of 2 checks failed: grep -q ready \/var\/log\/app\.log/);
    expect(run.log).toMatch(
      /::error title=Check failed%3A smoke%3A grep -q ready.*::Exit code 3, expected 0/,
    );

    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('exit code 3');
    expect(xml).toContain('app not &lt;ready&gt; &amp; red');
    expect(xml).not.toContain('\u001b');

    const sends = (await aws.calls()).filter((call) => call.operation === 'SendCommand');
    expect((sends[1].input as any).Parameters.executionTimeout).toEqual(['120']);
    await expectNothingLeftRunning(run.outputs['instance-id']);
    expect(await amiTags()).toMatchObject({ 'ami-action:test': 'failed' });
  });

  it('fails clearly when SSM never sees the instance: console output, likely causes, instance terminated', async () => {
    await aws.setFaults({ ssmNeverOnline: [AMI] });
    const run = await runAgainst(aws, { inputs: inputs({ smoke: 'true', timeout: '4s' }) });
    expect(run.exitCode).toBe(1);
    expect(run.log).toMatch(/::group::Console output of i-[0-9a-f]+ \(last 40 lines\)/);
    expect(run.log).toContain('amazon-ssm-agent.service: Main process exited');
    const error = run.errors.join('\n');
    expect(error).toMatch(/SSM never saw i-[0-9a-f]+ Online/);
    expect(error).toMatch(/AmazonSSMManagedInstanceCore/);
    expect(error).toMatch(/SSM agent is missing from the AMI/);
    expect(run.outputs.result).toBe('failed');
    expect((await aws.calls()).some((call) => call.operation === 'SendCommand')).toBe(false);
    await expectNothingLeftRunning(run.outputs['instance-id']);
  });

  it('SIGTERM mid-run, then the post step as the runner runs it: the instance is terminated', async () => {
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs({ smoke: 'true' }),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/Launched i-/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGTERM');
          }
        }, 10);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(main.log).toContain('Received SIGTERM');
    const [open] = openUndo(main.state);
    expect(open).toMatchObject({ kind: 'terminate-instances', region: 'us-east-1' });
    const saved = { instanceId: (open.instanceIds as string[])[0] };
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toContain(`terminating its test instance ${saved.instanceId}`);
    await expectNothingLeftRunning(saved.instanceId);
  });

  it('keep-instance-on-failure keeps nothing when the job is cancelled: the post step terminates the instance', async () => {
    await aws.setFaults({ ssmNeverOnline: [AMI] });
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs({ smoke: 'true', 'keep-instance-on-failure': 'true' }),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          // Cancelled while a kept-on-failure step (waiting for SSM) runs.
          if (/SSM to see i-[0-9a-f]+ Online/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 10);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(main.log).not.toContain('aws ssm start-session');
    const [open] = openUndo(main.state);
    expect(open).toMatchObject({ kind: 'terminate-instances', region: 'us-east-1' });
    const instanceId = (open.instanceIds as string[])[0];
    expect(post.exitCode, post.log).toBe(0);
    await expectNothingLeftRunning(instanceId);
  });

  it('compliance: the baseline (image and shell checks) and a YAML profile, each check its own result; kept on failure', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'ami-action-ws-'));
    writeFileSync(
      join(workspace, 'app-profile.yml'),
      'checks:\n  - id: app-user-exists\n    command: id app\n  - name: no-telnet\n    command: command -v telnet\n    expect-exit-code: 1\n    severity: warning\n',
    );
    await aws.setFaults({
      commandFailures: [
        { pattern: 'PermitRootLogin', exitCode: 1, stdout: 'PermitRootLogin is yes; set PermitRootLogin no' },
        { pattern: '^command -v telnet', exitCode: 1 },
      ],
    });
    const { main, post } = await runWithPostAgainst(aws, {
      cwd: workspace,
      inputs: inputs({
        compliance: 'baseline\napp-profile.yml',
        'keep-instance-on-failure': 'true',
        // Sixteen checks: poll quicker than the 1s the other cases use.
        'poll-interval': '0.3s',
        'allowed-ports': '22, 443',
      }),
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs).toMatchObject({ result: 'failed', passed: '15', failed: '1' });
    expect(main.errors.join('\n')).toMatch(/1 of 16 checks failed: sshd-no-root-login/);
    const xml = readFileSync(main.outputs.report, 'utf8');
    expect(xml).toContain('<testsuite name="compliance/baseline" tests="14" failures="1"');
    expect(xml).toContain('<testsuite name="compliance/app-profile" tests="2" failures="0"');
    expect(xml).toContain('PermitRootLogin is yes; set PermitRootLogin no');

    const sends = (await aws.calls())
      .filter((call) => call.operation === 'SendCommand')
      .map((call) => call.input as any);
    expect(sends).toHaveLength(11);
    expect(sends[0].Parameters.commands[0]).toBe("export AMI_ACTION_ALLOWED_PORTS='22 443'");

    // Kept for a look with Session Manager; the post step leaves it alone.
    const instanceId = main.outputs['instance-id'];
    expect(main.log).toContain(`aws ssm start-session --target ${instanceId} --region us-east-1`);
    expect(openUndo(main.state)).toEqual([]);
    expect(post.exitCode, post.log).toBe(0);
    expect(await runInstances(aws)).toEqual({ [instanceId]: 'running' });
  });

  it('Windows AMI: AWS-RunPowerShellScript on the default Windows instance type', async () => {
    const run = await runAgainst(aws, {
      inputs: inputs({ 'ami-id': DEFAULT_WINDOWS_AMI_ID, smoke: 'Get-Service AmazonSSMAgent' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    const calls = await aws.calls();
    expect((calls.find((call) => call.operation === 'RunInstances')?.input as any)?.InstanceType).toBe(
      't3.medium',
    );
    expect((calls.find((call) => call.operation === 'SendCommand')?.input as any)?.DocumentName).toBe(
      'AWS-RunPowerShellScript',
    );
    await expectNothingLeftRunning(run.outputs['instance-id']);
  });

  it('dry-run: reports the image checks and the plan, launches nothing', async () => {
    const run = await runAgainst(aws, {
      inputs: inputs({ 'dry-run': 'true', smoke: 'echo hi', compliance: 'baseline' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toContain('passed: root-volume-encrypted');
    expect(run.log).toContain('would run: baseline/sshd-no-root-login');
    expect((await aws.calls()).map((call) => call.operation)).toEqual(['DescribeImages']);
  });

  it('main step killed outright (no chance to clean up): the post step alone terminates the instance', async () => {
    const main = await runAgainst(aws, {
      inputs: inputs({ smoke: 'true' }),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/Launched i-/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 10);
      },
    });
    expect(main.signal).toBe('SIGKILL');
    const instanceId = (openUndo(main.state)[0].instanceIds as string[])[0];
    expect((await aws.calls()).some((call) => call.operation === 'TerminateInstances')).toBe(false);

    const post = await runAgainst(aws, { inputs: inputs(), postState: main.state });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toContain(`terminating its test instance ${instanceId}`);
    await expectNothingLeftRunning(instanceId);
  });

  it('a check past command-timeout fails as TimedOut; output SSM cut short is noted as truncated', async () => {
    await aws.setFaults({
      commandTimeouts: [{ pattern: '^sleep' }],
      commandFailures: [{ pattern: '^dmesg', exitCode: 2, stdout: 'x'.repeat(30_000) }],
    });
    const run = await runAgainst(aws, {
      inputs: inputs({ smoke: 'sleep 900\ndmesg', 'command-timeout': '30s', 'poll-interval': '0.5s' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '0', failed: '2' });
    const xml = readFileSync(run.outputs.report, 'utf8');
    expect(xml).toContain(
      '<failure message="It ran longer than command-timeout and SSM stopped it (TimedOut)."',
    );
    expect(xml).toContain('SSM truncated this output');
    expect(run.summary).toContain('(output truncated by SSM)');
    await expectNothingLeftRunning(run.outputs['instance-id']);
  });

  it('post step after a main step that died inside RunInstances: finds the instance by its client token', async () => {
    const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
    const clientToken = 'f'.repeat(64);
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        ClientToken: clientToken,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'ami-action:run-id', Value: RUN_TAG }] },
        ],
      }),
    );
    const instanceId = Instances?.[0]?.InstanceId;
    const post = await runAgainst(aws, {
      inputs: inputs(),
      postState: {
        isPost: 'true',
        mode: 'test',
        journal: JSON.stringify({
          version: 1,
          mode: 'test',
          entries: [
            {
              id: 1,
              lane: '',
              kind: 'terminate-instances',
              region: 'us-east-1',
              clientToken,
              instanceIds: [],
            },
          ],
        }),
      },
    });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toContain(`terminating its test instance ${instanceId}`);
    await expectNothingLeftRunning(instanceId);
  });

  it('an AMI with no room for the result tags is refused before any launch, naming the tags to remove; one with room ends at 50', async () => {
    const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
    const tagWith = (count: number, from = 0) =>
      ec2.send(
        new CreateTagsCommand({
          Resources: [AMI],
          Tags: Array.from({ length: count }, (_, i) => ({ Key: `team-${from + i}`, Value: 'x' })),
        }),
      );
    // A bake's listing tags and 47 of the team's: 49, where test adds 3 (result, time, boot seconds).
    await ec2.send(
      new CreateTagsCommand({
        Resources: [AMI],
        Tags: [
          { Key: 'ami-action:inputs-files', Value: '3:abc' },
          { Key: 'ami-action:inputs-files-2', Value: 'def' },
        ],
      }),
    );
    await tagWith(47);
    const before = (await aws.calls()).length;
    const refused = await runAgainst(aws, { inputs: inputs({ smoke: 'true' }) });
    expect(refused.exitCode, refused.log).toBe(1);
    const message = refused.errors.join('\n');
    expect(message).toContain(`Input 'ami-id': AMI ${AMI} in us-east-1 would carry 52 tags`);
    expect(message).toContain('past the 50 tags AWS allows per resource');
    expect(message).toContain(
      `aws ec2 delete-tags --region us-east-1 --resources ${AMI} --tags Key="ami-action:inputs-files-2" Key="ami-action:inputs-files"`,
    );
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);

    // Two removed: the test runs and records its result, the AMI at exactly 50 tags.
    await ec2.send(
      new DeleteTagsCommand({
        Resources: [AMI],
        Tags: [{ Key: 'ami-action:inputs-files' }, { Key: 'ami-action:inputs-files-2' }],
      }),
    );
    const run = await runAgainst(aws, { inputs: inputs({ smoke: 'true' }) });
    expect(run.exitCode, run.log).toBe(0);
    const tags = await amiTags();
    expect(tags['ami-action:test']).toBe('passed');
    expect(Object.keys(tags)).toHaveLength(50);
  });
});
