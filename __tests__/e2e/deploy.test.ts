import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, DescribeLaunchTemplatesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseAmiId, DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { mutatingCalls, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second: a 4-instance refresh takes a few real seconds.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const asg = () => new AutoScalingClient(aws.sdkConfig());
const ec2 = () => new EC2Client(aws.sdkConfig());

let amiCounter = 0;
/** Seeds an x86 AMI of this account in us-east-1: what a deploy rolls out. */
async function newAmi(): Promise<string> {
  const imageId = `ami-0${(++amiCounter).toString(16).padStart(16, 'a')}`;
  await aws.seed({
    ec2: {
      images: [
        { region: 'us-east-1', imageId, name: `app-${amiCounter}`, ownerId: '123456789012', public: false },
      ],
    },
  });
  return imageId;
}

/** The AMIs of the group's in-service instances, from EC2. */
async function groupAmis(): Promise<string[]> {
  const g = (await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] })))
    .AutoScalingGroups![0];
  const ids = g.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
  const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!)).sort();
}

async function latestVersion(): Promise<number> {
  const lt = await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['demo-app'] }));
  return lt.LaunchTemplates![0].LatestVersionNumber!;
}

const fast = { 'poll-interval': '1s', 'instance-warmup': '60s' };

function deploy(ami: string, inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: {
      mode: 'deploy',
      'ami-id': ami,
      asg: 'demo-app',
      'min-healthy-percentage': '50',
      ...fast,
      ...inputs,
    },
  });
}

function rollback(inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: { mode: 'rollback', asg: 'demo-app', 'min-healthy-percentage': '50', ...fast, ...inputs },
  });
}

describe('deploy rolling', () => {
  it('waits until every instance runs the new AMI, never below the minimum healthy percentage', async () => {
    const ami = await newAmi();
    const run = await deploy(ami);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'success',
      'previous-ami-id': DEFAULT_BASE_AMI_ID,
      'launch-template-version': '2',
      'ami-id': ami,
    });
    // The job returned only when the refresh had finished: every instance already runs the new AMI.
    expect(await groupAmis()).toEqual(Array(4).fill(ami));
    const state = await aws.state();
    const refresh = state.services.autoscaling.regions['us-east-1'].refreshes[0];
    expect(refresh).toMatchObject({
      Status: 'Successful',
      InstanceRefreshId: run.outputs['instance-refresh-id'],
    });
    expect(refresh.DesiredConfiguration.LaunchTemplate.Version).toBe('2');
    const history: { inService: number }[] =
      state.services.autoscaling.regions['us-east-1'].groups['demo-app'].history;
    expect(history.length).toBeGreaterThan(4);
    expect(Math.min(...history.map((h) => h.inService))).toBeGreaterThanOrEqual(2); // 50% of 4
    expect(run.summary).toContain('demo-app');
    expect(run.summary).toContain(`${DEFAULT_BASE_AMI_ID} -> ${ami}`);
  }, 60_000);

  it('with alarms, Auto Scaling rolls back by itself; the step fails and says why', async () => {
    const ami = await newAmi();
    await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
    const run = await deploy(ami, { alarms: 'demo-app-5xx' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.errors.join('\n')).toMatch(
      /rolled back to ami-0abcdef1234567890: Instance refresh rolled back: alarm demo-app-5xx went into ALARM/,
    );
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'RollbackInstanceRefresh')).toEqual([]);
    const start = calls.find((c) => c.operation === 'StartInstanceRefresh')!.input as any;
    expect(start.Preferences).toMatchObject({
      AutoRollback: true,
      AlarmSpecification: { Alarms: ['demo-app-5xx'] },
    });
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);

  it('dry-run prints the plan and changes nothing', async () => {
    const ami = await newAmi();
    const run = await deploy(ami, { 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('planned');
    expect(run.log).toMatch(/would create a version of launch template demo-app from version 1 with ami-/);
    expect(await latestVersion()).toBe(1);
    const calls = await aws.calls();
    expect(calls.filter((c) => /^(Create|Start|Modify|Update)/.test(c.operation))).toEqual([]);
  }, 30_000);
});

describe('set-default-version', () => {
  it('refuses in the plan when the job may not call ModifyLaunchTemplate, before any change', async () => {
    const ami = await newAmi();
    await aws.policy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:ModifyLaunchTemplate', Resource: '*' },
      ],
    });
    const run = await deploy(ami, { 'set-default-version': 'true' });
    await aws.policy(null);
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /set-default-version: true needs ec2:ModifyLaunchTemplate on launch template demo-app \(lt-\w+\) of 'demo-app' in us-east-1, which the job may not call \(DryRun\): .*Nothing was changed/,
    );
    expect(mutatingCalls(await aws.calls())).toEqual([]);
    expect(await latestVersion()).toBe(1);
  }, 30_000);

  it('makes the new version the default when allowed', async () => {
    const ami = await newAmi();
    const run = await deploy(ami, { 'set-default-version': 'true' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const lt = await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['demo-app'] }));
    expect(lt.LaunchTemplates![0].DefaultVersionNumber).toBe(2);
    const dryRuns = (await aws.calls()).filter((c) => c.operation === 'ModifyLaunchTemplate' && c.dryRun);
    expect(dryRuns).toHaveLength(1);
  }, 60_000);
});

describe('deploy canary', () => {
  it('pauses at the first checkpoint, sees the alarm, rolls back and fails; every instance is back on the old AMI', async () => {
    const ami = await newAmi();
    await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
    const run = await deploy(ami, {
      strategy: 'canary',
      checkpoints: '25, 100',
      'checkpoint-delay': '10m',
      alarms: 'demo-app-5xx',
      'min-healthy-percentage': '75',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.errors.join('\n')).toMatch(/demo-app rolled-back .*alarm demo-app-5xx is in ALARM/);
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'RollbackInstanceRefresh' && c.outcome === 'ok')).toHaveLength(
      1,
    );
    const refresh = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes[0];
    expect(refresh.checkpoints.map((c: { percentage: number }) => c.percentage)).toEqual([25]);
    expect(refresh.Status).toBe('RollbackSuccessful');
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    expect(run.summary).toMatch(/25% at \+[\d.]+s \(bad\)/);
  }, 60_000);
});

describe('deploy canary with health commands', () => {
  it('runs them over SSM on the new instances at the checkpoint; a failure rolls back with its output', async () => {
    const ami = await newAmi();
    await aws.setFaults({
      commandFailures: [{ pattern: 'health', exitCode: 7, stderr: 'connection refused' }],
    });
    const run = await deploy(ami, {
      strategy: 'canary',
      checkpoints: '25, 100',
      'checkpoint-delay': '10m',
      'health-commands': 'curl -fsS http://localhost/health',
      'min-healthy-percentage': '75',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.errors.join('\n')).toMatch(
      /health commands Failed on i-[0-9a-f]+ \(exit 7\): connection refused/,
    );
    const calls = await aws.calls();
    const sent = calls.filter((c) => c.operation === 'SendCommand');
    expect(sent).toHaveLength(1);
    const newIds = (sent[0].input as { InstanceIds: string[] }).InstanceIds;
    expect(newIds).toHaveLength(1);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);
});

describe('deploy to a mixed instances group that refers to $Latest', () => {
  it('rolls out a numbered version inside the policy and warns what $Latest means for rollback', async () => {
    await aws.seed({
      autoscaling: {
        groups: [
          {
            region: 'us-east-1',
            name: 'mixed',
            launchTemplate: 'demo-app',
            version: '$Latest',
            capacity: 2,
            mixedInstances: true,
          },
        ],
      },
    });
    const ami = await newAmi();
    const run = await deploy(ami, { asg: 'mixed' });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'success', 'launch-template-version': '2' });
    expect(run.log).toMatch(/refers to its launch template as \$Latest .*numbered version/);
    const g = (await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['mixed'] })))
      .AutoScalingGroups![0];
    expect(g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification?.Version).toBe('2');
    const refresh = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes[0];
    expect(
      refresh.DesiredConfiguration.MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version,
    ).toBe('2');
  }, 30_000);
});

describe('several groups in several regions', () => {
  it("rolls each out with its region's AMI from amis and reports each group", async () => {
    const east = await newAmi();
    const west = 'ami-0eeeeeeeeeeeeeee1';
    await aws.seed({
      ec2: {
        images: [
          { region: 'us-west-2', imageId: west, name: 'app-west', ownerId: '123456789012', public: false },
        ],
      },
      elasticloadbalancing: { targetGroups: [{ region: 'us-west-2', name: 'web' }] },
      autoscaling: {
        launchTemplates: [{ region: 'us-west-2', name: 'web' }],
        groups: [
          { region: 'us-west-2', name: 'web', launchTemplate: 'web', capacity: 2, targetGroups: ['web'] },
        ],
      },
    });
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        amis: JSON.stringify({ 'us-east-1': east, 'us-west-2': west }),
        asg: 'demo-app\nus-west-2:web',
        'min-healthy-percentage': '50',
        ...fast,
      },
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe('success');
    expect(JSON.parse(run.outputs['launch-template-version'])).toEqual({ 'demo-app': 2, 'us-west-2:web': 2 });
    expect(JSON.parse(run.outputs['previous-ami-id'])).toEqual({
      'demo-app': DEFAULT_BASE_AMI_ID,
      'us-west-2:web': baseAmiId('us-west-2'),
    });
    expect(await groupAmis()).toEqual(Array(4).fill(east));
    const westAsg = new AutoScalingClient(aws.sdkConfig('us-west-2'));
    const g = (await westAsg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] })))
      .AutoScalingGroups![0];
    const ids = g.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
    const out = await new EC2Client(aws.sdkConfig('us-west-2')).send(
      new DescribeInstancesCommand({ InstanceIds: ids }),
    );
    expect(out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId))).toEqual([west, west]);
  }, 60_000);
});

describe('cancellation', () => {
  it('SIGINT mid-refresh rolls the refresh back and says where things stand; the post step has nothing left', async () => {
    const ami = await newAmi();
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'demo-app',
        'poll-interval': '1s',
        'instance-warmup': '1h',
      },
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/refresh [0-9a-f-]{36}/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 50);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(main.outputs.result).toBe('cancelled');
    expect(main.log).toMatch(
      /job cancelled: rollback of refresh [0-9a-f-]+ requested; the group goes back to ami-0abcdef1234567890/,
    );
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).not.toMatch(/rolling it back|cancelled it/);
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'RollbackInstanceRefresh' && c.outcome === 'ok')).toHaveLength(
      1,
    );
    await aws.advance(3 * 3600);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);
});

describe('post step', () => {
  it('rolls back a refresh the main step started but could not stop', async () => {
    const ami = await newAmi();
    const { CreateLaunchTemplateVersionCommand } = await import('@aws-sdk/client-ec2');
    await ec2().send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'demo-app',
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: ami },
      }),
    );
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '2' } },
        Preferences: { InstanceWarmup: 3600 },
      }),
    );
    const entry = {
      id: 1,
      lane: 'demo-app',
      kind: 'stop-instance-refresh',
      region: 'us-east-1',
      group: 'demo-app',
      refreshId: InstanceRefreshId,
      autoRollback: true,
    };
    const journal = { version: 1, mode: 'deploy', entries: [entry] };
    const post = await runAgainst(aws, {
      inputs: { mode: 'deploy' },
      postState: { isPost: 'true', mode: 'deploy', journal: JSON.stringify(journal) },
    });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toMatch(/was still InProgress after the main step: rolling it back/);
    await aws.advance(3 * 3600);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 30_000);
});

describe('on-conflict', () => {
  it('fail: a refresh already in progress fails the step clearly and changes nothing', async () => {
    const ami = await newAmi();
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        Preferences: { InstanceWarmup: 3600 },
      }),
    );
    const run = await deploy(ami, { 'on-conflict': 'fail' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.join('\n')).toContain(`already has instance refresh ${InstanceRefreshId} running`);
    expect(run.errors.join('\n')).toContain('Nothing was changed');
    expect(await latestVersion()).toBe(1);
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'StartInstanceRefresh')).toHaveLength(1);
    // The running refresh goes on (same version, same AMI); deploy neither cancelled it nor rolled anything.
    expect(new Set(await groupAmis())).toEqual(new Set([DEFAULT_BASE_AMI_ID]));
    const refreshes = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes;
    expect(refreshes.map((r: { Status: string }) => r.Status)).toEqual(['InProgress']);
  }, 30_000);
});

describe('on-conflict: cancel', () => {
  it('cancels the running refresh, then rolls out', async () => {
    const ami = await newAmi();
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        Preferences: { InstanceWarmup: 3600 },
      }),
    );
    const run = await deploy(ami, { 'on-conflict': 'cancel' });
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe('success');
    const refreshes = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes;
    expect(
      refreshes.map((r: { InstanceRefreshId: string; Status: string }) => [r.InstanceRefreshId, r.Status]),
    ).toEqual([
      [InstanceRefreshId, 'Cancelled'],
      [run.outputs['instance-refresh-id'], 'Successful'],
    ]);
    expect(await groupAmis()).toEqual(Array(4).fill(ami));
  }, 60_000);
});

describe('rollback', () => {
  it('restores the previous AMI on every instance; a second rollback goes further back, not to the AMI it removed', async () => {
    const b = await newAmi();
    const c = await newAmi();
    expect((await deploy(b)).exitCode).toBe(0);
    expect((await deploy(c)).exitCode).toBe(0);
    expect(await groupAmis()).toEqual(Array(4).fill(c));

    const first = await rollback();
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ result: 'success', 'previous-ami-id': c, 'ami-id': b });
    expect(await groupAmis()).toEqual(Array(4).fill(b));

    const second = await rollback();
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({
      result: 'success',
      'previous-ami-id': b,
      'ami-id': DEFAULT_BASE_AMI_ID,
    });
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));

    const third = await rollback();
    expect(third.exitCode).toBe(1);
    expect(third.errors.join('\n')).toMatch(/Nothing to roll back to for 'demo-app'/);
    expect(await groupAmis()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 90_000);
});
