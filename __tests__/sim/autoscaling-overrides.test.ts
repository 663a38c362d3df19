/** Mixed instances policies whose overrides name their own launch templates. */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeInstanceRefreshesCommand,
  type MixedInstancesPolicy,
  RollbackInstanceRefreshCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseAmiId } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

// Time stands still; the tests move it with advance().
const aws = useSimulator({ timeScale: 1000 });
const ec2 = () => new EC2Client(aws.sdkConfig());
const asg = () => new AutoScalingClient(aws.sdkConfig());
const X86 = baseAmiId('us-east-1', 'x86_64');
const ARM = baseAmiId('us-east-1', 'arm64');
/** Second images of each architecture, for new template versions. */
const X86_2 = 'ami-0aaaaaaaaaaaaaaa1';
const ARM_2 = 'ami-0aaaaaaaaaaaaaaa2';

beforeEach(async () => {
  await aws.reset();
  await aws.seed({
    ec2: {
      images: [
        { region: 'us-east-1', imageId: X86_2, name: 'web-x86-2' },
        { region: 'us-east-1', imageId: ARM_2, name: 'web-arm-2', architecture: 'arm64' },
      ],
    },
    autoscaling: {
      launchTemplates: [
        { region: 'us-east-1', name: 'web-x86', instanceType: 't3.micro' },
        { region: 'us-east-1', name: 'web-arm', imageId: ARM, instanceType: 't4g.micro' },
      ],
      groups: [
        {
          region: 'us-east-1',
          name: 'web',
          launchTemplate: 'web-x86',
          capacity: 4,
          overrides: [
            { instanceType: 't3.micro' },
            { instanceType: 't4g.micro', launchTemplate: 'web-arm', version: '1' },
          ],
        },
      ],
    },
  });
});

async function group() {
  const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
  return out.AutoScalingGroups![0];
}

/** Template name and version of each live instance, sorted. */
async function placement() {
  return (await group())
    .Instances!.filter((i) => i.LifecycleState !== 'Terminating')
    .map((i) => `${i.InstanceType} ${i.LaunchTemplate?.LaunchTemplateName}:${i.LaunchTemplate?.Version}`)
    .sort();
}

async function newVersion(name: string, imageId: string) {
  const out = await ec2().send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateName: name,
      SourceVersion: '1',
      LaunchTemplateData: { ImageId: imageId },
    }),
  );
  return String(out.LaunchTemplateVersion!.VersionNumber);
}

/** The group's policy with the given versions of its own template and of the override's. */
function policyWith(
  policy: MixedInstancesPolicy,
  x86Version: string,
  armVersion: string,
): MixedInstancesPolicy {
  const lt = policy.LaunchTemplate!;
  return {
    ...policy,
    LaunchTemplate: {
      LaunchTemplateSpecification: { LaunchTemplateName: 'web-x86', Version: x86Version },
      Overrides: [
        lt.Overrides![0],
        {
          ...lt.Overrides![1],
          LaunchTemplateSpecification: { LaunchTemplateName: 'web-arm', Version: armVersion },
        },
      ],
    },
  };
}

async function untilDone(id: string, done: string[]) {
  let status = '';
  for (let k = 0; k < 100 && !done.includes(status); k++) {
    await aws.advance(30);
    const out = await asg().send(
      new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web', InstanceRefreshIds: [id] }),
    );
    status = out.InstanceRefreshes![0].Status!;
  }
  return status;
}

describe('mixed instances overrides with their own launch templates', () => {
  it('launches across the overrides, each instance from its override template, reported per instance', async () => {
    expect(await placement()).toEqual([
      't3.micro web-x86:1',
      't3.micro web-x86:1',
      't4g.micro web-arm:1',
      't4g.micro web-arm:1',
    ]);
    const g = await group();
    const details = await asg().send(new DescribeAutoScalingInstancesCommand({}));
    const web = details.AutoScalingInstances!.filter((i) => i.AutoScalingGroupName === 'web');
    expect(web.map((i) => [i.InstanceId, i.LaunchTemplate?.LaunchTemplateName])).toEqual(
      g.Instances!.map((i) => [i.InstanceId, i.LaunchTemplate?.LaunchTemplateName]),
    );
    expect(web[0]).toMatchObject({
      AutoScalingGroupName: 'web',
      HealthStatus: 'HEALTHY',
      LifecycleState: 'InService',
    });
    const reservations = await ec2().send(
      new DescribeInstancesCommand({ InstanceIds: g.Instances!.map((i) => i.InstanceId!) }),
    );
    const images = new Map(
      reservations.Reservations!.flatMap((r) => r.Instances!).map((i) => [i.InstanceId, i.ImageId]),
    );
    for (const i of g.Instances!) {
      expect(images.get(i.InstanceId)).toBe(i.LaunchTemplate?.LaunchTemplateName === 'web-arm' ? ARM : X86);
    }
  });

  it('SkipMatching replaces only the instances whose own override template changed', async () => {
    const before = await group();
    const keptX86 = before.Instances!.filter((i) => i.LaunchTemplate?.LaunchTemplateName === 'web-x86');
    const armV2 = await newVersion('web-arm', ARM_2);
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'web',
        DesiredConfiguration: { MixedInstancesPolicy: policyWith(before.MixedInstancesPolicy!, '1', armV2) },
        Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 30, SkipMatching: true },
      }),
    );
    const started = await asg().send(
      new DescribeInstanceRefreshesCommand({
        AutoScalingGroupName: 'web',
        InstanceRefreshIds: [InstanceRefreshId!],
      }),
    );
    expect(started.InstanceRefreshes![0].InstancesToUpdate).toBe(2);
    expect(await untilDone(InstanceRefreshId!, ['Successful', 'Failed'])).toBe('Successful');
    expect(await placement()).toEqual([
      't3.micro web-x86:1',
      't3.micro web-x86:1',
      `t4g.micro web-arm:${armV2}`,
      `t4g.micro web-arm:${armV2}`,
    ]);
    const after = await group();
    expect(
      after
        .Instances!.filter((i) => i.LaunchTemplate?.LaunchTemplateName === 'web-x86')
        .map((i) => i.InstanceId),
    ).toEqual(keptX86.map((i) => i.InstanceId));
    expect(
      after.MixedInstancesPolicy!.LaunchTemplate!.Overrides![1].LaunchTemplateSpecification?.Version,
    ).toBe(armV2);
  });

  it('a rollback restores every override to its own template version', async () => {
    const before = await group();
    const x86V2 = await newVersion('web-x86', X86_2);
    const armV2 = await newVersion('web-arm', ARM_2);
    const { InstanceRefreshId } = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'web',
        DesiredConfiguration: {
          MixedInstancesPolicy: policyWith(before.MixedInstancesPolicy!, x86V2, armV2),
        },
        Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 30, CheckpointPercentages: [50, 100] },
      }),
    );
    // Half way: the first batch is on the new versions.
    for (let k = 0; k < 10 && !(await placement()).some((p) => p.endsWith(`:${armV2}`)); k++)
      await aws.advance(30);
    expect((await placement()).filter((p) => !p.endsWith(':1')).length).toBeGreaterThan(0);
    await asg().send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'web' }));
    expect(await untilDone(InstanceRefreshId!, ['RollbackSuccessful', 'RollbackFailed'])).toBe(
      'RollbackSuccessful',
    );
    expect(await placement()).toEqual([
      't3.micro web-x86:1',
      't3.micro web-x86:1',
      't4g.micro web-arm:1',
      't4g.micro web-arm:1',
    ]);
    const after = await group();
    expect(after.MixedInstancesPolicy).toEqual(before.MixedInstancesPolicy);
  });

  it('AutoRollback needs a version number on every template, the overrides own included', async () => {
    const before = await group();
    const start = asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'web',
        DesiredConfiguration: {
          MixedInstancesPolicy: policyWith(before.MixedInstancesPolicy!, '1', '$Latest'),
        },
        Preferences: { AutoRollback: true },
      }),
    );
    await expect(start).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('DescribeAutoScalingInstances: unknown ids ignored, pages of at most 50', async () => {
    const [first] = (await group()).Instances!;
    const out = await asg().send(
      new DescribeAutoScalingInstancesCommand({ InstanceIds: [first.InstanceId!, 'i-0000000000000000f'] }),
    );
    expect(out.AutoScalingInstances!.map((i) => i.InstanceId)).toEqual([first.InstanceId]);
    await expect(
      asg().send(new DescribeAutoScalingInstancesCommand({ MaxRecords: 51 })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const page = await asg().send(new DescribeAutoScalingInstancesCommand({ MaxRecords: 3 }));
    expect(page.AutoScalingInstances).toHaveLength(3);
    expect(page.NextToken).toBeDefined();
  });
});
