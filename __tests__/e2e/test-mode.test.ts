import { readFileSync } from 'node:fs';
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const PRIVATE_AMI = 'ami-0aaaabbbbccccdddd';
const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());
const ec2 = () => new EC2Client(aws.sdkConfig('us-east-1'));

const inputs = (more: Record<string, string> = {}) => ({
  mode: 'test',
  'ami-id': DEFAULT_BASE_AMI_ID,
  'instance-profile': DEFAULT_INSTANCE_PROFILE,
  smoke: 'systemctl is-active amazon-ssm-agent\ncurl -fsS http://localhost:8080/health',
  ...more,
});

/** Instances of the run (tagged ami-action:run-id) that are neither shutting down nor terminated. */
async function liveInstancesOfRun(): Promise<string[]> {
  const { Reservations } = await ec2().send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:ami-action:run-id', Values: ['4242-1'] }] }),
  );
  return (Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .filter((i) => !['shutting-down', 'terminated'].includes(i.State?.Name ?? ''))
    .map((i) => i.InstanceId as string);
}

async function amiTags(): Promise<Record<string, string>> {
  const { Images } = await ec2().send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }));
  return Object.fromEntries((Images?.[0]?.Tags ?? []).map((t) => [t.Key, t.Value]));
}

describe('mode test against the simulator', () => {
  it('passes two smoke lines: two results, outputs, JUnit report, summary, AMI tagged, nothing left running', async () => {
    const run = await runAgainst(aws, { inputs: inputs() });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'passed',
      passed: '2',
      failed: '0',
      'ami-id': DEFAULT_BASE_AMI_ID,
    });
    expect(JSON.parse(run.outputs.amis)).toEqual({ 'us-east-1': DEFAULT_BASE_AMI_ID });
    expect(run.outputs['instance-id']).toMatch(/^i-/);
    expect(Number(run.outputs['boot-seconds'])).toBeGreaterThanOrEqual(0);
    const junit = readFileSync(run.outputs.report, 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(2);
    expect(junit).toContain('failures="0"');
    expect(run.summary).toContain('smoke-1');
    expect(run.summary).toContain('smoke-2');
    expect(await liveInstancesOfRun()).toEqual([]);
    expect(await amiTags()).toMatchObject({ 'ami-action:test': 'passed' });

    // Launched as promised: IMDSv2 required, no public IP, tagged for the post step and audits.
    const send = (await aws.calls()).find((c) => c.operation === 'RunInstances');
    expect(send?.input).toMatchObject({
      MetadataOptions: { HttpTokens: 'required' },
      NetworkInterfaces: [{ AssociatePublicIpAddress: false }],
    });
    const commands = (await aws.calls()).filter((c) => c.operation === 'SendCommand');
    expect(commands.map((c) => (c.input as any).Parameters.executionTimeout)).toEqual([['600'], ['600']]);
  });

  it('a failing second smoke line: one passed and one failed, each with its exit code; the step fails; terminated', async () => {
    await aws.setFaults({
      commandFailures: [{ pattern: '^curl ', exitCode: 7, stderr: 'curl: (7) Failed to connect' }],
    });
    const run = await runAgainst(aws, { inputs: inputs() });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'failed', passed: '1', failed: '1' });
    const junit = readFileSync(run.outputs.report, 'utf8');
    expect(junit).toMatch(/name="smoke-1"[^>]*>\s*<system-out>exit code: 0/);
    expect(junit).toMatch(/name="smoke-2"[\s\S]*<failure message="exit code 7, expected 0">/);
    expect(run.errors.some((e) => e.includes('curl: (7) Failed to connect'))).toBe(true);
    expect(await liveInstancesOfRun()).toEqual([]);
    expect(await amiTags()).toMatchObject({ 'ami-action:test': 'failed' });
  });

  it('SSM never online: the console output is shown, the failure names the causes, the instance is terminated', async () => {
    await aws.setFaults({ ssmNeverOnline: [DEFAULT_BASE_AMI_ID] });
    const run = await runAgainst(aws, { inputs: inputs({ timeout: '8s' }) });
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toMatch(/::group::Console output of i-/);
    expect(run.errors.join('\n')).toMatch(
      /SSM never saw i-\w+ Online.*AmazonSSMManagedInstanceCore.*SSM endpoints/,
    );
    expect(await liveInstancesOfRun()).toEqual([]);
  });

  it('killed with SIGTERM mid-run, then the post step as the runner runs it: the instance is terminated', async () => {
    await aws.setFaults({ commandTimeouts: [{ pattern: '^curl ' }] });
    const main = await runAgainst(aws, {
      inputs: inputs({ 'command-timeout': '1h' }),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/Launched i-/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGKILL'); // as if the runner killed the tree: no chance to clean up in main
          }
        }, 20);
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(main.state['test-instance']).toMatch(/"instanceId":"i-/);
    expect(await liveInstancesOfRun()).not.toEqual([]);
    const post = await runAgainst(aws, { inputs: inputs(), postState: main.state });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toMatch(/terminating it now/);
    expect(await liveInstancesOfRun()).toEqual([]);
  });

  it('SIGTERM: the main step itself terminates the instance before it exits', async () => {
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs(),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/Launched i-/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGTERM');
          }
        }, 20);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(main.log).toMatch(/Terminated i-/);
    expect(post.exitCode).toBe(0);
    expect(await liveInstancesOfRun()).toEqual([]);
  });

  it('the baseline profile runs its shell checks over SSM and its image checks from the API', async () => {
    const publicImage = await runAgainst(aws, { inputs: inputs({ smoke: '', compliance: 'baseline' }) });
    expect(publicImage.exitCode).not.toBe(0);
    expect(publicImage.log).toMatch(/AMI test failed%3A baseline\/image-not-public::the image is public/);

    await aws.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: PRIVATE_AMI,
            name: 'app-1',
            ownerId: '123456789012',
            public: false,
          },
        ],
      },
    });
    const run = await runAgainst(aws, {
      inputs: inputs({ 'ami-id': PRIVATE_AMI, smoke: '', compliance: 'baseline' }),
    });
    expect(run.exitCode, run.log).toBe(0);
    const junit = readFileSync(run.outputs.report, 'utf8');
    for (const id of ['baseline/sshd-no-root-login', 'baseline/only-allowed-ports', 'baseline/image-hvm']) {
      expect(junit).toContain(`name="${id}"`);
    }
    // The base AMI's root volume is not encrypted: a warning, not a failure.
    expect(run.log).toMatch(/::warning.*baseline\/image-root-encrypted/);
  });

  it('refuses a compliance profile that does not exist before any AWS call', async () => {
    const run = await runAgainst(aws, { inputs: inputs({ compliance: 'profiles/missing.yml' }) });
    expect(run.exitCode).not.toBe(0);
    expect(run.errors.join('\n')).toMatch(/Input 'compliance': "profiles\/missing.yml" is neither/);
    expect(await aws.calls()).toEqual([]);
  });
});
