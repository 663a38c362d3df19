import {
  ActiveInstanceRefreshNotFoundFault,
  AutoScalingClient,
  CancelInstanceRefreshCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  InstanceRefreshInProgressFault,
  RollbackInstanceRefreshCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateVersionsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ARM64_AMI_ID, DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

// Time stands still (1 simulated second per 1000 real seconds); tests move it with advance().
const aws = useSimulator({ timeScale: 1000 });
const ec2 = () => new EC2Client(aws.sdkConfig());
const asg = () => new AutoScalingClient(aws.sdkConfig());
const elb = () => new ElasticLoadBalancingV2Client(aws.sdkConfig());
const cw = () => new CloudWatchClient(aws.sdkConfig());
beforeEach(() => aws.reset());

/** A second AMI usable by the demo template: the x86 base AMI is v1, so make v2 from another x86 image. */
async function newVersion(imageId: string, description = 'v2') {
  const out = await ec2().send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateName: 'demo-app',
      SourceVersion: '1',
      VersionDescription: description,
      LaunchTemplateData: { ImageId: imageId },
    }),
  );
  return out.LaunchTemplateVersion!;
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

async function imagesOfGroup() {
  const g = await group();
  const ids = g.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
  const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId));
}

/** Steps simulated time until the refresh leaves `statuses` (or the step budget ends). */
async function stepWhile(id: string, statuses: string[], seconds = 30, steps = 200) {
  let r = await refresh(id);
  for (let k = 0; k < steps && statuses.includes(r.Status!); k++) {
    await aws.advance(seconds);
    r = await refresh(id);
  }
  return r;
}

let amiCounter = 0;
/** Seeds an x86 AMI of this account: the "new" image a deploy rolls out. */
async function registerNewAmi(): Promise<string> {
  const imageId = `ami-0${(++amiCounter).toString(16).padStart(16, '0')}`;
  await aws.seed({
    ec2: {
      images: [
        { region: 'us-east-1', imageId, name: `app-${amiCounter}`, ownerId: '123456789012', public: false },
      ],
    },
  });
  return imageId;
}

describe('launch templates', () => {
  it('copies the source version, resolves $Latest/$Default, filters, and protects the default version', async () => {
    const v2 = await newVersion(DEFAULT_ARM64_AMI_ID, 'arm');
    expect(v2.VersionNumber).toBe(2);
    expect(v2.LaunchTemplateData).toMatchObject({ ImageId: DEFAULT_ARM64_AMI_ID, InstanceType: 't3.micro' });
    expect(v2.LaunchTemplateData?.IamInstanceProfile?.Name).toBe('ami-action-test');
    const both = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: 'demo-app',
        Versions: ['$Latest', '$Default'],
      }),
    );
    expect(both.LaunchTemplateVersions!.map((v) => [v.VersionNumber, v.DefaultVersion])).toEqual([
      [2, false],
      [1, true],
    ]);
    const filtered = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: 'demo-app',
        Filters: [{ Name: 'image-id', Values: [DEFAULT_BASE_AMI_ID] }],
      }),
    );
    expect(filtered.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([1]);
    await ec2().send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateName: 'demo-app', DefaultVersion: '2' }),
    );
    const lt = await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['demo-app'] }));
    expect(lt.LaunchTemplates![0]).toMatchObject({ DefaultVersionNumber: 2, LatestVersionNumber: 2 });
    const del = await ec2().send(
      new DeleteLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app', Versions: ['2', '1'] }),
    );
    expect(del.SuccessfullyDeletedLaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([1]);
    expect(del.UnsuccessfullyDeletedLaunchTemplateVersions![0].ResponseError?.Code).toBe(
      'launchTemplateVersionIsDefault',
    );
    await expect(
      ec2().send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app', Versions: ['7'] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLaunchTemplateId.VersionNotFound' });
    await expect(
      ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['nope'] })),
    ).rejects.toMatchObject({ name: 'InvalidLaunchTemplateName.NotFoundException' });
  });
});

describe('default scenario', () => {
  it('has demo-app: 4 in-service instances of the base AMI on numbered version 1, healthy behind its target group, and an OK alarm', async () => {
    const g = await group();
    expect(g.LaunchTemplate).toMatchObject({ LaunchTemplateName: 'demo-app', Version: '1' });
    expect(g.Instances).toHaveLength(4);
    expect(g.Instances!.every((i) => i.LifecycleState === 'InService')).toBe(true);
    expect(await imagesOfGroup()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    const tgs = await elb().send(new DescribeTargetGroupsCommand({ Names: ['demo-app'] }));
    expect(g.TargetGroupARNs).toEqual([tgs.TargetGroups![0].TargetGroupArn]);
    const health = await elb().send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tgs.TargetGroups![0].TargetGroupArn }),
    );
    expect(health.TargetHealthDescriptions!.map((d) => d.TargetHealth?.State)).toEqual(
      Array(4).fill('healthy'),
    );
    const alarms = await cw().send(new DescribeAlarmsCommand({ AlarmNames: ['demo-app-5xx'] }));
    expect(alarms.MetricAlarms![0]).toMatchObject({ AlarmName: 'demo-app-5xx', StateValue: 'OK' });
  });
});

describe('ELBv2 targets', () => {
  it('registers targets as initial, then healthy; deregistered ones drain, then disappear', async () => {
    const { RegisterTargetsCommand, DeregisterTargetsCommand } = await import(
      '@aws-sdk/client-elastic-load-balancing-v2'
    );
    const arn = (await group()).TargetGroupARNs![0];
    const { RunInstancesCommand } = await import('@aws-sdk/client-ec2');
    const run = await ec2().send(
      new RunInstancesCommand({
        ImageId: DEFAULT_BASE_AMI_ID,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const id = run.Instances![0].InstanceId!;
    await elb().send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id }] }));
    const health = async () =>
      (await elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: id }] })))
        .TargetHealthDescriptions![0].TargetHealth;
    expect(await health()).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    await aws.advance(40);
    expect(await health()).toMatchObject({ State: 'initial', Reason: 'Elb.InitialHealthChecking' });
    await aws.advance(20);
    expect((await health())?.State).toBe('healthy');
    await elb().send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: id }] }));
    expect(await health()).toMatchObject({ State: 'draining', Reason: 'Target.DeregistrationInProgress' });
    await aws.advance(60);
    expect(await health()).toMatchObject({ State: 'unused', Reason: 'Target.NotRegistered' });
    await expect(
      elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: `${arn}x` })),
    ).rejects.toMatchObject({ name: 'TargetGroupNotFoundException' });
  });
});

describe('instance refresh', () => {
  it('replaces every instance batch by batch, never below MinHealthyPercentage, and adopts the new version', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
        Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 30 },
      }),
    );
    await expect(
      asg().send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app' })),
    ).rejects.toBeInstanceOf(InstanceRefreshInProgressFault);
    const mid = await refresh(InstanceRefreshId!);
    expect(mid.Status).toBe('InProgress');
    const done = await stepWhile(InstanceRefreshId!, ['Pending', 'InProgress']);
    expect(done).toMatchObject({ Status: 'Successful', PercentageComplete: 100, InstancesToUpdate: 0 });
    expect(await imagesOfGroup()).toEqual(Array(4).fill(ami));
    expect((await group()).LaunchTemplate?.Version).toBe(String(v.VersionNumber));
    const history = (await aws.state()).services.autoscaling.regions['us-east-1'].groups['demo-app'].history;
    const lowest = Math.min(...history.map((h: { inService: number }) => h.inService));
    expect(lowest).toBe(2);
    expect(history.some((h: { event: string }) => h.event.startsWith('terminate'))).toBe(true);
  });

  it('pauses at a checkpoint; the alarm fault fires on new instances; rollback restores the old AMI', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
    expect(
      (await cw().send(new DescribeAlarmsCommand({ AlarmNames: ['demo-app-5xx'] }))).MetricAlarms![0]
        .StateValue,
    ).toBe('OK');
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
        Preferences: {
          CheckpointPercentages: [25, 100],
          CheckpointDelay: 600,
          InstanceWarmup: 30,
          MinHealthyPercentage: 75,
        },
      }),
    );
    const paused = await stepWhile(InstanceRefreshId!, ['InProgress'], 10, 30).then(async (r) => r);
    // stepWhile stops only on a status change; a checkpoint keeps InProgress, so look at the reason.
    expect(paused.Status).toBe('InProgress');
    expect(paused.StatusReason).toMatch(/checkpoint/);
    expect(paused.PercentageComplete).toBe(25);
    const alarm = await cw().send(new DescribeAlarmsCommand({ AlarmNames: ['demo-app-5xx'] }));
    expect(alarm.MetricAlarms![0].StateValue).toBe('ALARM');
    await asg().send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app' }));
    const back = await stepWhile(InstanceRefreshId!, ['RollbackInProgress']);
    expect(back.Status).toBe('RollbackSuccessful');
    expect(back.RollbackDetails?.RollbackReason).toMatch(/Rollback requested/);
    expect(await imagesOfGroup()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    expect((await group()).LaunchTemplate?.Version).toBe('1');
    await aws.advance(120);
    expect(
      (await cw().send(new DescribeAlarmsCommand({ AlarmNames: ['demo-app-5xx'] }))).MetricAlarms![0]
        .StateValue,
    ).toBe('OK');
  });

  it('rolls back by itself with AutoRollback and an alarm, and refuses AutoRollback on $Latest', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
    await expect(
      asg().send(
        new StartInstanceRefreshCommand({
          AutoScalingGroupName: 'demo-app',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '$Latest' } },
          Preferences: { AutoRollback: true },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
        Preferences: {
          AutoRollback: true,
          AlarmSpecification: { Alarms: ['demo-app-5xx'] },
          InstanceWarmup: 30,
          MaxHealthyPercentage: 125,
          MinHealthyPercentage: 100,
        },
      }),
    );
    const r = await stepWhile(InstanceRefreshId!, ['InProgress', 'RollbackInProgress']);
    expect(r.Status).toBe('RollbackSuccessful');
    expect(r.StatusReason).toMatch(/demo-app-5xx/);
    expect(await imagesOfGroup()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    const history = (await aws.state()).services.autoscaling.regions['us-east-1'].groups['demo-app'].history;
    expect(Math.min(...history.map((h: { inService: number }) => h.inService))).toBe(4);
  });

  it('cancels; cancelling or rolling back without an active refresh is ActiveInstanceRefreshNotFound', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
      }),
    );
    await asg().send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app' }));
    expect((await refresh(InstanceRefreshId!)).Status).toBe('Cancelled');
    await expect(
      asg().send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app' })),
    ).rejects.toBeInstanceOf(ActiveInstanceRefreshNotFoundFault);
    await expect(
      asg().send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app' })),
    ).rejects.toBeInstanceOf(ActiveInstanceRefreshNotFoundFault);
  });

  it('under unhealthyNewInstances, new instances fail their target health checks', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    await aws.setFaults({ unhealthyNewInstances: true });
    await group();
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
        Preferences: {
          CheckpointPercentages: [50, 100],
          CheckpointDelay: 3600,
          InstanceWarmup: 60,
          MinHealthyPercentage: 50,
        },
      }),
    );
    for (let k = 0; k < 10; k++) await aws.advance(20);
    expect((await refresh(InstanceRefreshId!)).StatusReason).toMatch(/checkpoint/);
    const arn = (await group()).TargetGroupARNs![0];
    const health = await elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
    const states = health.TargetHealthDescriptions!.map((d) => d.TargetHealth?.State).sort();
    expect(states).toEqual(['healthy', 'healthy', 'unhealthy', 'unhealthy']);
  });

  it('SkipMatching leaves instances already on the desired version alone', async () => {
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '1' } },
        Preferences: { SkipMatching: true },
      }),
    );
    const r = await refresh(InstanceRefreshId!);
    expect(r).toMatchObject({ Status: 'Successful', PercentageComplete: 100, InstancesToUpdate: 0 });
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'RunInstances')).toEqual([]);
    expect((await group()).Instances).toHaveLength(4);
  });

  it('fails (or rolls back) when new instances fail ELB health checks in a group that uses them', async () => {
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    await aws.setFaults({ unhealthyNewInstances: true });
    const { UpdateAutoScalingGroupCommand } = await import('@aws-sdk/client-auto-scaling');
    await asg().send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'demo-app', HealthCheckType: 'ELB' }),
    );
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'demo-app',
        DesiredConfiguration: {
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) },
        },
        Preferences: { AutoRollback: true, InstanceWarmup: 60, MinHealthyPercentage: 75 },
      }),
    );
    const r = await stepWhile(InstanceRefreshId!, ['InProgress', 'RollbackInProgress']);
    expect(r.Status).toBe('RollbackSuccessful');
    expect(r.StatusReason).toMatch(/failed ELB health checks/);
    expect(await imagesOfGroup()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  });

  it('refreshes a group whose launch template sits in a mixed instances policy', async () => {
    await aws.seed({
      autoscaling: {
        groups: [
          {
            region: 'us-east-1',
            name: 'mixed',
            launchTemplate: 'demo-app',
            capacity: 2,
            mixedInstances: true,
          },
        ],
      },
    });
    const ami = await registerNewAmi();
    const v = await newVersion(ami);
    const before = (
      await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['mixed'] }))
    ).AutoScalingGroups![0];
    expect(before.LaunchTemplate).toBeUndefined();
    const policy = before.MixedInstancesPolicy!;
    const spec = { LaunchTemplateName: 'demo-app', Version: String(v.VersionNumber) };
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'mixed',
        DesiredConfiguration: {
          MixedInstancesPolicy: {
            ...policy,
            LaunchTemplate: { ...policy.LaunchTemplate, LaunchTemplateSpecification: spec },
          },
        },
        Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 30 },
      }),
    );
    let status = '';
    for (let k = 0; k < 50 && status !== 'Successful'; k++) {
      await aws.advance(30);
      const out = await asg().send(
        new DescribeInstanceRefreshesCommand({
          AutoScalingGroupName: 'mixed',
          InstanceRefreshIds: [InstanceRefreshId!],
        }),
      );
      status = out.InstanceRefreshes![0].Status!;
    }
    expect(status).toBe('Successful');
    const after = (
      await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['mixed'] }))
    ).AutoScalingGroups![0];
    expect(after.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification?.Version).toBe(
      String(v.VersionNumber),
    );
    expect(after.MixedInstancesPolicy?.LaunchTemplate?.Overrides?.map((o) => o.InstanceType)).toEqual([
      't3.micro',
      't3a.micro',
    ]);
    expect(after.Instances!.map((i) => i.LaunchTemplate?.Version)).toEqual([
      String(v.VersionNumber),
      String(v.VersionNumber),
    ]);
  });
});
