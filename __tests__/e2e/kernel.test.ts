/**
 * The operation kernel, the same in every mode: dry runs that read and change nothing, the post step
 * on a damaged state, one deadline across every phase (and what it leaves behind: nothing), and the
 * health commands on the one SSM runner.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { mutatingCalls, openUndo, runAgainst, timelineOf } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());

let counter = 0;
async function newAmi(): Promise<string> {
  const imageId = `ami-0${(++counter).toString(16).padStart(16, 'c')}`;
  await aws.seed({
    ec2: {
      images: [
        { region: 'us-east-1', imageId, name: `kernel-${counter}`, ownerId: '123456789012', public: false },
      ],
    },
  });
  return imageId;
}

async function groupAmis(name = 'demo-app'): Promise<string[]> {
  const group = (
    await new AutoScalingClient(aws.sdkConfig()).send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
    )
  ).AutoScalingGroups?.[0];
  const ids = (group?.Instances ?? [])
    .filter((i) => i.LifecycleState === 'InService')
    .map((i) => i.InstanceId!);
  if (!ids.length) return [];
  const out = await new EC2Client(aws.sdkConfig()).send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!)).sort();
}

async function groupNames(): Promise<string[]> {
  const out = await new AutoScalingClient(aws.sdkConfig()).send(new DescribeAutoScalingGroupsCommand({}));
  return (out.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName!).sort();
}

const deployInputs = (ami: string, extra: Record<string, string> = {}) => ({
  mode: 'deploy',
  'ami-id': ami,
  asg: 'demo-app',
  'min-healthy-percentage': '50',
  'poll-interval': '1s',
  'instance-warmup': '60s',
  ...extra,
});

describe('dry-run in every mode: the plan from reads, no mutating call', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    [
      'bake with image-builder',
      async () => ({ mode: 'bake', builder: 'image-builder', 'pipeline-arn': DEMO_PIPELINE_ARN }),
    ],
    [
      'test',
      async () => ({
        mode: 'test',
        'ami-id': DEFAULT_BASE_AMI_ID,
        smoke: 'true',
        'instance-profile': 'ami-action-test',
      }),
    ],
    [
      'publish',
      async () => ({
        mode: 'publish',
        'ami-id': await newAmi(),
        'copy-to-regions': 'eu-west-1',
        'share-with-accounts': '111122223333',
      }),
    ],
    ['deploy rolling', async () => deployInputs(await newAmi())],
    [
      'deploy canary',
      async () => deployInputs(await newAmi(), { strategy: 'canary', checkpoints: '50, 100' }),
    ],
    ['deploy blue-green', async () => deployInputs(await newAmi(), { strategy: 'blue-green' })],
    ['cleanup', async () => ({ mode: 'cleanup', 'name-prefix': 'kernel-' })],
  ];
  for (const [name, inputs] of cases) {
    it(name, async () => {
      const given = await inputs();
      const before = (await aws.calls()).length;
      const run = await runAgainst(aws, { inputs: { ...given, 'dry-run': 'true' } });
      expect(run.exitCode, run.log).toBe(0);
      const calls = (await aws.calls()).slice(before);
      // It read what exists...
      expect(calls.length).toBeGreaterThan(0);
      // ...printed the plan the same way as every mode...
      expect(run.log).toMatch(/::group::Plan \(dry run: nothing is changed\)/);
      expect(run.log).toMatch(/Dry run: \d+ change\(s\) planned, none made\./);
      // ...and changed nothing.
      expect(mutatingCalls(calls)).toEqual([]);
    }, 30_000);
  }

  it('rollback (after a deploy)', async () => {
    expect((await runAgainst(aws, { inputs: deployInputs(await newAmi()) })).exitCode).toBe(0);
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: { mode: 'rollback', asg: 'demo-app', 'poll-interval': '1s', 'dry-run': 'true' },
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(
      /would create a version of launch template demo-app from version 2 with ami-0abcdef1234567890/,
    );
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
  }, 30_000);
});

describe('the post step on a missing, malformed or foreign state: reported, never acted on', () => {
  const modes = ['bake', 'test', 'publish', 'deploy', 'rollback', 'cleanup'];
  const states: [string, (mode: string) => Record<string, string>, RegExp | undefined][] = [
    ['no journal', (mode) => ({ isPost: 'true', mode }), undefined],
    [
      'a journal that is not JSON',
      (mode) => ({ isPost: 'true', mode, journal: '{not json' }),
      /state 'journal' is not JSON/,
    ],
    [
      'a journal entry without its fields',
      (mode) => ({
        isPost: 'true',
        mode,
        journal: JSON.stringify({
          version: 1,
          mode,
          entries: [{ id: 1, lane: '', kind: 'terminate-instances' }],
        }),
      }),
      /state 'journal' is malformed at entries\.0/,
    ],
    [
      'a journal of another mode',
      (mode) => ({
        isPost: 'true',
        mode,
        journal: JSON.stringify({ version: 1, mode: mode === 'bake' ? 'test' : 'bake', entries: [] }),
      }),
      /was written by mode \w+, not \w+: it is not this step's/,
    ],
    [
      'a mode that is none',
      () => ({ isPost: 'true', mode: 'nonsense' }),
      /state 'mode' is "nonsense", not a mode/,
    ],
  ];
  for (const mode of modes) {
    for (const [what, state, reported] of states) {
      it(`${mode}: ${what}`, async () => {
        const post = await runAgainst(aws, { inputs: { mode }, postState: state(mode) });
        expect(post.exitCode, post.log).toBe(0);
        if (reported) expect(post.log).toMatch(reported);
        if (reported)
          expect(post.log).toMatch(/::warning::The post step did not act on what the main step saved/);
        expect(await aws.calls()).toEqual([]);
      }, 20_000);
    }
  }
});

/** When the failed phase ended, from the job summary's timeline (seconds after the step started), and its name. */
function failedPhase(summary: string): { phase: string; end: number } {
  const failed = timelineOf(summary).find((row) => row.result === 'failed');
  return { phase: failed?.phase ?? '(none failed)', end: (failed?.started ?? 0) + (failed?.took ?? 0) };
}

describe('one deadline: a step whose phases would each need most of timeout fails at timeout and leaves nothing behind', () => {
  const TIMEOUT = 4;
  const POLL = 1;

  it('deploy (rolling): the refresh it started is rolled back; every instance stays on the old AMI', async () => {
    const ami = await newAmi();
    // Two batches of a 20-minute warm-up (6 s of real time each at this time scale).
    const run = await runAgainst(aws, {
      inputs: deployInputs(ami, { timeout: `${TIMEOUT}s`, 'instance-warmup': '20m' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.join('\n')).toMatch(
      /timeout 4s ran out waiting for instance refresh [0-9a-f-]+ of 'demo-app'/,
    );
    expect(run.errors.join('\n')).toMatch(
      /rollback of refresh [0-9a-f-]+ requested; the group goes back to ami-0abcdef1234567890/,
    );
    const failed = failedPhase(run.summary);
    expect(failed.phase).toBe("wait for the instance refresh of 'demo-app' to end");
    // The deadline counts from the step's start, a moment before the timeline's first phase.
    expect(failed.end).toBeLessThanOrEqual(TIMEOUT + POLL + 1);
    expect(openUndo(run.state)).toEqual([]);
    await aws.advance(6 * 3600);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);

  it('rollback: the same, on the way back', async () => {
    const ami = await newAmi();
    expect((await runAgainst(aws, { inputs: deployInputs(ami) })).exitCode).toBe(0);
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'rollback',
        asg: 'demo-app',
        'poll-interval': `${POLL}s`,
        'min-healthy-percentage': '50',
        'instance-warmup': '20m',
        timeout: `${TIMEOUT}s`,
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/timeout 4s ran out waiting for instance refresh/);
    expect(failedPhase(run.summary).end).toBeLessThanOrEqual(TIMEOUT + POLL + 1);
    await aws.advance(6 * 3600);
    expect(await groupAmis()).toEqual(Array(4).fill(ami));
  }, 60_000);

  it('blue-green deploy: the new group is removed, the lock released, the live group serves on', async () => {
    const run = await runAgainst(aws, {
      inputs: deployInputs(await newAmi(), {
        strategy: 'blue-green',
        'bake-time': '2h',
        timeout: `${TIMEOUT}s`,
      }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', asg: 'demo-app' });
    expect(run.errors.join('\n')).toMatch(/timeout 4s ran out/);
    expect(run.errors.join('\n')).toMatch(/group 'demo-app-green' deleted; 'demo-app' kept serving/);
    const failed = failedPhase(run.summary);
    expect(failed.phase).toBe("wait for 'demo-app-green' to stay healthy for bake-time 7200s");
    expect(failed.end).toBeLessThanOrEqual(TIMEOUT + POLL + 1);
    expect(await groupNames()).toEqual(['demo-app']);
    const locks = await new SSMClient(aws.sdkConfig()).send(
      new GetParametersByPathCommand({ Path: '/ami-action/locks', Recursive: true }),
    );
    expect(locks.Parameters).toEqual([]);
    expect(openUndo(run.state)).toEqual([]);
  }, 60_000);
});

describe("deploy's health commands: test mode's SSM runner", () => {
  it('run with command-timeout as the execution timeout; one that hangs past it is a bad signal and the canary rolls back', async () => {
    await aws.setFaults({ commandTimeouts: [{ pattern: 'health' }] });
    const run = await runAgainst(aws, {
      inputs: deployInputs(await newAmi(), {
        strategy: 'canary',
        checkpoints: '25, 100',
        'checkpoint-delay': '10m',
        'health-commands': 'curl -fsS http://localhost/health',
        'command-timeout': '45s',
        'min-healthy-percentage': '75',
      }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.errors.join('\n')).toMatch(/health commands TimedOut on i-[0-9a-f]+/);
    const sent = (await aws.calls()).filter((c) => c.operation === 'SendCommand');
    expect(
      sent.map(
        (c) => (c.input as { Parameters: { executionTimeout: string[] } }).Parameters.executionTimeout,
      ),
    ).toEqual([['45']]);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);
});
