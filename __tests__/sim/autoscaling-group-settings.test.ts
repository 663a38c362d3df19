/**
 * What real groups carry and an instance refresh must honour: the instance maintenance policy,
 * scale-in protection and Standby (with the refresh's Refresh / Ignore / Wait, Terminate / Ignore /
 * Wait preferences), warm pools, scheduled actions and traffic sources; AutoRollback refused for a
 * template that takes its AMI from an SSM parameter.
 */
import {
  AttachTrafficSourcesCommand,
  AutoScalingClient,
  BatchDeleteScheduledActionCommand,
  BatchPutScheduledUpdateGroupActionCommand,
  DeleteScheduledActionCommand,
  DeleteWarmPoolCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeScheduledActionsCommand,
  DescribeTrafficSourcesCommand,
  DescribeWarmPoolCommand,
  DetachTrafficSourcesCommand,
  EnterStandbyCommand,
  ExitStandbyCommand,
  PutScheduledUpdateGroupActionCommand,
  PutWarmPoolCommand,
  SetInstanceProtectionCommand,
  StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

// Time stands still; tests move it with advance().
const aws = useSimulator({ timeScale: 1000 });
const ec2 = () => new EC2Client(aws.sdkConfig());
const asg = () => new AutoScalingClient(aws.sdkConfig());
beforeEach(() => aws.reset());

const LATTICE_TG = 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0';
const NEW_AMI = 'ami-0bbbbbbbbbbbbbbb1';

async function seedAmi() {
  await aws.seed({
    ec2: {
      images: [{ region: 'us-east-1', imageId: NEW_AMI, name: 'v2', ownerId: '123456789012', public: false }],
    },
  });
}

async function newVersion(imageId = NEW_AMI) {
  const out = await ec2().send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateName: 'demo-app',
      SourceVersion: '1',
      LaunchTemplateData: { ImageId: imageId },
    }),
  );
  return String(out.LaunchTemplateVersion!.VersionNumber);
}

async function group() {
  const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }));
  return out.AutoScalingGroups![0];
}

async function refresh(id: string) {
  const out = await asg().send(
    new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'demo-app', InstanceRefreshIds: [id] }),
  );
  return out.InstanceRefreshes![0];
}

async function amis(ids: string[]) {
  const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return Object.fromEntries(
    out.Reservations!.flatMap((r) => r.Instances!.map((i) => [i.InstanceId!, i.ImageId!])),
  );
}

async function start(version: string, preferences: Record<string, unknown> = {}) {
  const out = await asg().send(
    new StartInstanceRefreshCommand({
      AutoScalingGroupName: 'demo-app',
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: version } },
      Preferences: { InstanceWarmup: 0, ...preferences },
    }),
  );
  return out.InstanceRefreshId!;
}

/** Moves simulated time until the refresh ends (or `limit` seconds pass). */
async function runOut(id: string, limit = 20_000) {
  for (let t = 0; t < limit; t += 100) {
    const r = await refresh(id);
    if (!['Pending', 'InProgress', 'Baking', 'Cancelling', 'RollbackInProgress'].includes(r.Status!))
      return r;
    await aws.advance(100);
  }
  return refresh(id);
}

describe('instance maintenance policy', () => {
  it('is what a refresh keeps when its preferences leave the percentages out; preferences override it', async () => {
    await seedAmi();
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceMaintenancePolicy: { MinHealthyPercentage: 100, MaxHealthyPercentage: 110 },
      }),
    );
    expect((await group()).InstanceMaintenancePolicy).toEqual({
      MinHealthyPercentage: 100,
      MaxHealthyPercentage: 110,
    });
    const id = await start(await newVersion());
    const ended = await runOut(id);
    expect(ended.Status).toBe('Successful');
    const state = await aws.state();
    const record = state.services.autoscaling.regions['us-east-1'];
    expect(record.refreshes.at(-1).effective).toEqual({
      MinHealthyPercentage: 100,
      MaxHealthyPercentage: 110,
    });
    // Launch before terminate, one at a time: never below 4 InService.
    const history = record.groups['demo-app'].history as { inService: number; time: string }[];
    const during = history.filter((h) => h.time >= ended.StartTime!.toISOString());
    expect(Math.min(...during.map((h) => h.inService))).toBeGreaterThanOrEqual(4);
    // MaxHealthyPercentage only with MinHealthyPercentage, policy or not.
    await expect(start('1', { MaxHealthyPercentage: 150 })).rejects.toThrow(
      /If you specify MaxHealthyPercentage, you must also specify MinHealthyPercentage/,
    );
    // A preference wins over the policy.
    const second = await start('1', { MinHealthyPercentage: 50 });
    expect((await aws.state()).services.autoscaling.regions['us-east-1'].refreshes.at(-1).effective).toEqual({
      MinHealthyPercentage: 50,
      MaxHealthyPercentage: 110,
    });
    await runOut(second);
  }, 30_000);

  it('is checked as AWS documents: ranges, both or neither, at most 100 apart, -1 clears', async () => {
    const put = (p: Record<string, number>) =>
      asg().send(
        new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'demo-app', InstanceMaintenancePolicy: p }),
      );
    await expect(put({ MinHealthyPercentage: 90 })).rejects.toThrow(
      /Both MinHealthyPercentage and MaxHealthyPercentage/,
    );
    await expect(put({ MinHealthyPercentage: 0, MaxHealthyPercentage: 150 })).rejects.toThrow(
      /cannot be greater than 100/,
    );
    await expect(put({ MinHealthyPercentage: 90, MaxHealthyPercentage: 99 })).rejects.toThrow(
      /between 100 and 200/,
    );
    await put({ MinHealthyPercentage: 90, MaxHealthyPercentage: 120 });
    await put({ MinHealthyPercentage: -1, MaxHealthyPercentage: -1 });
    expect((await group()).InstanceMaintenancePolicy).toBeUndefined();
  });
});

describe('scale-in protection and Standby in an instance refresh', () => {
  async function protectTwo() {
    const ids = (await group()).Instances!.map((i) => i.InstanceId!);
    await asg().send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceIds: ids.slice(0, 2),
        ProtectedFromScaleIn: true,
      }),
    );
    return ids.slice(0, 2);
  }

  it('Ignore leaves the protected instances on the old AMI; Refresh replaces them too', async () => {
    await seedAmi();
    const protectedIds = await protectTwo();
    const version = await newVersion();
    const ignored = await runOut(
      await start(version, { ScaleInProtectedInstances: 'Ignore', MinHealthyPercentage: 50 }),
    );
    expect(ignored.Status).toBe('Successful');
    const after = (await group()).Instances!.filter((i) => i.LifecycleState !== 'Terminating');
    const byId = await amis(after.map((i) => i.InstanceId!));
    expect(protectedIds.map((id) => byId[id])).toEqual([DEFAULT_BASE_AMI_ID, DEFAULT_BASE_AMI_ID]);
    expect(Object.values(byId).filter((a) => a === NEW_AMI)).toHaveLength(2);

    const refreshed = await runOut(
      await start(version, {
        ScaleInProtectedInstances: 'Refresh',
        MinHealthyPercentage: 50,
        SkipMatching: true,
      }),
    );
    expect(refreshed.Status).toBe('Successful');
    const now = (await group()).Instances!.filter((i) => i.LifecycleState !== 'Terminating');
    expect(Object.values(await amis(now.map((i) => i.InstanceId!)))).toEqual(Array(4).fill(NEW_AMI));
  }, 30_000);

  it('Wait (the default) waits an hour for the protection to go, then fails naming the instances', async () => {
    await seedAmi();
    const protectedIds = await protectTwo();
    const id = await start(await newVersion(), { MinHealthyPercentage: 50 });
    await aws.advance(600);
    const waiting = await refresh(id);
    expect(waiting.Status).toBe('InProgress');
    expect(waiting.StatusReason).toContain(protectedIds[0]);
    const failed = await runOut(id, 6000);
    expect(failed.Status).toBe('Failed');
    expect(failed.StatusReason).toMatch(/timed out waiting for instances protected from scale in/);
    for (const p of protectedIds) expect(failed.StatusReason).toContain(p);
  }, 30_000);

  it('Wait goes on as soon as the protection is removed', async () => {
    await seedAmi();
    const protectedIds = await protectTwo();
    const id = await start(await newVersion(), { MinHealthyPercentage: 50 });
    await aws.advance(600);
    await asg().send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceIds: protectedIds,
        ProtectedFromScaleIn: false,
      }),
    );
    expect((await runOut(id)).Status).toBe('Successful');
  }, 30_000);

  it('Standby: Ignore leaves them, Terminate removes them without replacement, ExitStandby brings one back', async () => {
    await seedAmi();
    const [a, b] = (await group()).Instances!.map((i) => i.InstanceId!);
    await asg().send(
      new EnterStandbyCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceIds: [a, b],
        ShouldDecrementDesiredCapacity: true,
      }),
    );
    let g = await group();
    expect(g.DesiredCapacity).toBe(2);
    expect(g.Instances!.filter((i) => i.LifecycleState === 'Standby').map((i) => i.InstanceId)).toEqual([
      a,
      b,
    ]);
    const version = await newVersion();
    expect(
      (await runOut(await start(version, { StandbyInstances: 'Ignore', MinHealthyPercentage: 50 }))).Status,
    ).toBe('Successful');
    g = await group();
    expect(g.Instances!.filter((i) => i.LifecycleState === 'Standby').map((i) => i.InstanceId)).toEqual([
      a,
      b,
    ]);
    await asg().send(new ExitStandbyCommand({ AutoScalingGroupName: 'demo-app', InstanceIds: [a] }));
    expect((await group()).DesiredCapacity).toBe(3);
    const terminated = await runOut(
      await start(version, { StandbyInstances: 'Terminate', MinHealthyPercentage: 50, SkipMatching: true }),
    );
    expect(terminated.Status).toBe('Successful');
    g = await group();
    expect(g.Instances!.find((i) => i.InstanceId === b)?.LifecycleState ?? 'gone').not.toBe('Standby');
  }, 30_000);
});

describe('warm pool', () => {
  it('fills to MaxGroupPreparedCapacity - desired, stopped; a refresh replaces its instances after the group', async () => {
    await seedAmi();
    await asg().send(
      new PutWarmPoolCommand({
        AutoScalingGroupName: 'demo-app',
        MaxGroupPreparedCapacity: 6,
        MinSize: 1,
        PoolState: 'Stopped',
        InstanceReusePolicy: { ReuseOnScaleIn: true },
      }),
    );
    await aws.advance(120);
    const pool = await asg().send(new DescribeWarmPoolCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(pool.WarmPoolConfiguration).toMatchObject({
      MinSize: 1,
      MaxGroupPreparedCapacity: 6,
      PoolState: 'Stopped',
    });
    expect(pool.Instances!.map((i) => i.LifecycleState)).toEqual(['Warmed:Stopped', 'Warmed:Stopped']);
    const ec2State = await ec2().send(
      new DescribeInstancesCommand({ InstanceIds: pool.Instances!.map((i) => i.InstanceId!) }),
    );
    expect(ec2State.Reservations!.flatMap((r) => r.Instances!.map((i) => i.State!.Name))).toEqual([
      'stopped',
      'stopped',
    ]);
    const ended = await runOut(await start(await newVersion(), { MinHealthyPercentage: 50 }));
    expect(ended.Status).toBe('Successful');
    expect(ended.ProgressDetails?.WarmPoolProgress).toEqual({
      PercentageComplete: 100,
      InstancesToUpdate: 0,
    });
    const after = await asg().send(new DescribeWarmPoolCommand({ AutoScalingGroupName: 'demo-app' }));
    const warm = after.Instances!.filter((i) => i.LifecycleState !== 'Warmed:Terminating');
    expect(Object.values(await amis(warm.map((i) => i.InstanceId!)))).toEqual([NEW_AMI, NEW_AMI]);
  }, 30_000);

  it('ReuseOnScaleIn: a scale-in returns the instance to the pool; ForceDelete removes the pool', async () => {
    await asg().send(
      new PutWarmPoolCommand({
        AutoScalingGroupName: 'demo-app',
        MinSize: 0,
        MaxGroupPreparedCapacity: 4,
        InstanceReusePolicy: { ReuseOnScaleIn: true },
      }),
    );
    const before = (await group()).Instances!.map((i) => i.InstanceId!);
    await asg().send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'demo-app', DesiredCapacity: 3 }),
    );
    const pool = await asg().send(new DescribeWarmPoolCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(pool.Instances!.map((i) => i.InstanceId)).toEqual([before[3]]);
    await expect(asg().send(new DeleteWarmPoolCommand({ AutoScalingGroupName: 'demo-app' }))).rejects.toThrow(
      /ForceDelete/,
    );
    await asg().send(new DeleteWarmPoolCommand({ AutoScalingGroupName: 'demo-app', ForceDelete: true }));
    expect((await group()).WarmPoolConfiguration).toBeUndefined();
  });
});

describe('scheduled actions and traffic sources', () => {
  it('keeps scheduled actions (every page), refuses a start in the past, deletes by name', async () => {
    const future = new Date(Date.parse((await aws.state()).time) + 86_400_000);
    for (let k = 0; k < 3; k++) {
      await asg().send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionName: `night-${k}`,
          Recurrence: '0 22 * * *',
          DesiredCapacity: 2,
          StartTime: future,
        }),
      );
    }
    const first = await asg().send(
      new DescribeScheduledActionsCommand({ AutoScalingGroupName: 'demo-app', MaxRecords: 2 }),
    );
    expect(first.ScheduledUpdateGroupActions).toHaveLength(2);
    const second = await asg().send(
      new DescribeScheduledActionsCommand({ AutoScalingGroupName: 'demo-app', NextToken: first.NextToken }),
    );
    expect(second.ScheduledUpdateGroupActions!.map((a) => a.ScheduledActionName)).toEqual(['night-2']);
    await expect(
      asg().send(
        new PutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionName: 'past',
          DesiredCapacity: 2,
          StartTime: new Date('2001-01-01T00:00:00Z'),
        }),
      ),
    ).rejects.toThrow(/in the past/);
    await asg().send(
      new DeleteScheduledActionCommand({ AutoScalingGroupName: 'demo-app', ScheduledActionName: 'night-0' }),
    );
    const left = await asg().send(new DescribeScheduledActionsCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(left.ScheduledUpdateGroupActions!.map((a) => a.ScheduledActionName)).toEqual([
      'night-1',
      'night-2',
    ]);
  });

  it("BatchPut / BatchDelete: at most 50 a call, each action by the single call's rules, refusals per action", async () => {
    const future = new Date(Date.parse((await aws.state()).time) + 86_400_000);
    const action = (k: number) => ({
      ScheduledActionName: `batch-${String(k).padStart(2, '0')}`,
      Recurrence: '0 22 * * *',
      MinSize: 1,
      MaxSize: 6,
      DesiredCapacity: 2,
      StartTime: future,
      TimeZone: 'Europe/Paris',
    });
    const names = async () =>
      (
        await asg().send(
          new DescribeScheduledActionsCommand({ AutoScalingGroupName: 'demo-app', MaxRecords: 100 }),
        )
      ).ScheduledUpdateGroupActions!.map((a) => a.ScheduledActionName);

    // 51 is the call's error; nothing is written.
    const tooMany = Array.from({ length: 51 }, (_, k) => action(k));
    await expect(
      asg().send(
        new BatchPutScheduledUpdateGroupActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledUpdateGroupActions: tooMany,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/less than or equal to 50/),
    });
    expect(await names()).toEqual([]);

    // 50 with two the single call refuses: the call succeeds, those two come back as failures.
    const batch = [
      ...Array.from({ length: 48 }, (_, k) => action(k)),
      { ScheduledActionName: 'past', DesiredCapacity: 2, StartTime: new Date('2001-01-01T00:00:00Z') },
      { ScheduledActionName: 'bad-cron', DesiredCapacity: 2, Recurrence: 'every night' },
    ];
    const put = await asg().send(
      new BatchPutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'demo-app',
        ScheduledUpdateGroupActions: batch,
      }),
    );
    expect(put.FailedScheduledUpdateGroupActions).toEqual([
      {
        ScheduledActionName: 'past',
        ErrorCode: 'ValidationError',
        ErrorMessage: 'Given start time 2001-01-01T00:00:00.000Z is in the past.',
      },
      {
        ScheduledActionName: 'bad-cron',
        ErrorCode: 'ValidationError',
        ErrorMessage: 'Given recurrence every night is not a valid cron expression.',
      },
    ]);
    const kept = await asg().send(
      new DescribeScheduledActionsCommand({
        AutoScalingGroupName: 'demo-app',
        ScheduledActionNames: ['batch-07'],
      }),
    );
    expect(kept.ScheduledUpdateGroupActions![0]).toMatchObject(action(7));
    expect(await names()).toHaveLength(48);

    // The fault refuses by name, per action, in the operations it names.
    await aws.setFaults({
      scheduledActionFailures: [
        {
          pattern: '^batch-4[0-3]$',
          operations: ['BatchDeleteScheduledAction'],
          code: 'ResourceContention',
          message: 'busy',
        },
      ],
    });
    await expect(
      asg().send(
        new BatchDeleteScheduledActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionNames: Array.from({ length: 51 }, (_, k) => `batch-${k}`),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/less than or equal to 50/),
    });
    const deleted = await asg().send(
      new BatchDeleteScheduledActionCommand({
        AutoScalingGroupName: 'demo-app',
        ScheduledActionNames: [...(await names()).map(String), 'never-made'],
      }),
    );
    expect(deleted.FailedScheduledActions).toEqual([
      ...['batch-40', 'batch-41', 'batch-42', 'batch-43'].map((ScheduledActionName) => ({
        ScheduledActionName,
        ErrorCode: 'ResourceContention',
        ErrorMessage: 'busy',
      })),
      {
        ScheduledActionName: 'never-made',
        ErrorCode: 'ValidationError',
        ErrorMessage: 'Scheduled Update Group Action name not found - never-made',
      },
    ]);
    expect(await names()).toEqual(['batch-40', 'batch-41', 'batch-42', 'batch-43']);
    // The single call answers the fault as its error; the fault named only the batch call here.
    await asg().send(
      new DeleteScheduledActionCommand({ AutoScalingGroupName: 'demo-app', ScheduledActionName: 'batch-40' }),
    );
    await aws.setFaults({ scheduledActionFailures: [{ pattern: 'batch-41' }] });
    await expect(
      asg().send(
        new DeleteScheduledActionCommand({
          AutoScalingGroupName: 'demo-app',
          ScheduledActionName: 'batch-41',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await names()).toEqual(['batch-41', 'batch-42', 'batch-43']);
  });

  it('lists target groups and VPC Lattice target groups; a detached one drains as Removing', async () => {
    await asg().send(
      new AttachTrafficSourcesCommand({
        AutoScalingGroupName: 'demo-app',
        TrafficSources: [{ Identifier: LATTICE_TG, Type: 'vpc-lattice' }],
      }),
    );
    const listed = await asg().send(new DescribeTrafficSourcesCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(listed.TrafficSources!.map((t) => [t.Type, t.State])).toEqual([
      ['elbv2', 'InService'],
      ['vpc-lattice', 'InService'],
    ]);
    expect((await group()).TrafficSources).toEqual([
      expect.objectContaining({ Type: 'elbv2' }),
      { Identifier: LATTICE_TG, Type: 'vpc-lattice' },
    ]);
    await expect(
      asg().send(
        new AttachTrafficSourcesCommand({
          AutoScalingGroupName: 'demo-app',
          TrafficSources: [
            {
              Identifier: 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/nope',
              Type: 'vpc-lattice',
            },
          ],
        }),
      ),
    ).rejects.toThrow(/not a VPC Lattice target group ARN/);
    await asg().send(
      new DetachTrafficSourcesCommand({
        AutoScalingGroupName: 'demo-app',
        TrafficSources: [{ Identifier: LATTICE_TG, Type: 'vpc-lattice' }],
      }),
    );
    const lattice = await asg().send(
      new DescribeTrafficSourcesCommand({
        AutoScalingGroupName: 'demo-app',
        TrafficSourceType: 'vpc-lattice',
      }),
    );
    expect(lattice.TrafficSources!.map((t) => t.State)).toEqual(['Removing']);
    await aws.advance(60);
    const gone = await asg().send(
      new DescribeTrafficSourcesCommand({
        AutoScalingGroupName: 'demo-app',
        TrafficSourceType: 'vpc-lattice',
      }),
    );
    expect(gone.TrafficSources).toEqual([]);
  });
});

describe('an SSM alias as the image id', () => {
  it('launches the parameter value; AutoRollback is refused, as AWS documents', async () => {
    await seedAmi();
    await new SSMClient(aws.sdkConfig()).send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value: NEW_AMI,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    await aws.advance(5);
    const version = await newVersion('resolve:ssm:/app/ami');
    await expect(start(version, { AutoRollback: true, MinHealthyPercentage: 50 })).rejects.toThrow(
      /AutoRollback is not supported when the launch template uses an AWS Systems Manager parameter/,
    );
    const ended = await runOut(await start(version, { MinHealthyPercentage: 50 }));
    expect(ended.Status).toBe('Successful');
    const now = (await group()).Instances!.filter((i) => i.LifecycleState !== 'Terminating');
    expect(Object.values(await amis(now.map((i) => i.InstanceId!)))).toEqual(Array(4).fill(NEW_AMI));
  }, 30_000);
});
