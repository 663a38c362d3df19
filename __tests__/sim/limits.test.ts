/**
 * The AWS limits the simulated AWS enforces (sim/LIMITS.md lists each with its source), through the
 * real SDK v3 clients: page sizes and defaults, per-call limits, tag limits on every tagging path,
 * share targets per AMI, and Parameter Store's versions, labels and names on every write path.
 */
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeTagsCommand as DescribeGroupTagsCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CopyImageCommand,
  CreateImageCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateGrantCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AddTagsToResourceCommand,
  DescribeInstanceInformationCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { defaultSubnetId } from '../../sim/services/ec2/region.js';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import type { KmsState } from '../../sim/services/kms/state.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1, rateLimits: false });
const cfg = () => ({ ...aws.sdkConfig(), maxAttempts: 1 });
const ec2 = () => new EC2Client(cfg());
const ssm = () => new SSMClient(cfg());
const asg = () => new AutoScalingClient(cfg());

beforeEach(() => aws.reset());

/** The error a call fails with (its SDK name), or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as Error).name;
  }
}

const tags = (n: number, prefix = 'k') =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));
const accounts = (n: number, from = 100000000000) => Array.from({ length: n }, (_, i) => String(from + i));

async function launch(count: number, extra: Record<string, unknown> = {}): Promise<string[]> {
  const out = await ec2().send(
    new RunInstancesCommand({
      ImageId: DEFAULT_BASE_AMI_ID,
      InstanceType: 't3.micro',
      MinCount: count,
      MaxCount: count,
      IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
      ...extra,
    }),
  );
  return out.Instances!.map((i) => i.InstanceId!);
}

async function ownImage(): Promise<string> {
  const [id] = await launch(1);
  await aws.advance(DURATIONS.instancePendingSeconds);
  const { ImageId } = await ec2().send(new CreateImageCommand({ InstanceId: id, Name: `img-${Date.now()}` }));
  await aws.advance(DURATIONS.createImageSeconds);
  return ImageId!;
}

describe('EC2 page sizes', () => {
  it('answers every image without MaxResults, and pages of the size asked for with it', async () => {
    const all = await ec2().send(new DescribeImagesCommand({}));
    expect(all.NextToken).toBeUndefined();
    expect(all.Images!.length).toBeGreaterThan(2);
    const first = await ec2().send(new DescribeImagesCommand({ MaxResults: 1 }));
    expect(first.Images).toHaveLength(1);
    expect(first.NextToken).toBeTruthy();
  });

  it('refuses DescribeInstances pages under 5 or over 1000, and caps DescribeSnapshots at 1000', async () => {
    expect(await outcome(ec2().send(new DescribeInstancesCommand({ MaxResults: 4 })))).toBe(
      'InvalidParameterValue',
    );
    expect(await outcome(ec2().send(new DescribeInstancesCommand({ MaxResults: 1001 })))).toBe(
      'InvalidParameterValue',
    );
    expect(await outcome(ec2().send(new DescribeSnapshotsCommand({ MaxResults: 5000 })))).toBe('ok');
    expect(await outcome(ec2().send(new DescribeTagsCommand({ MaxResults: 4 })))).toBe(
      'InvalidParameterValue',
    );
  });
});

describe('EC2 tags', () => {
  it('CreateTags is all or nothing: one resource over 50 user tags leaves every resource unchanged', async () => {
    const [a, b] = await launch(2);
    await ec2().send(new CreateTagsCommand({ Resources: [b], Tags: tags(50) }));
    const e = await outcome(
      ec2().send(new CreateTagsCommand({ Resources: [a, b], Tags: [{ Key: 'new', Value: '1' }] })),
    );
    expect(e).toBe('TagLimitExceeded');
    const { Tags } = await ec2().send(
      new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [a] }] }),
    );
    expect(Tags).toEqual([]);
  });

  it('refuses keys over 128, values over 256, the aws: prefix and more than 1000 resources', async () => {
    const [a] = await launch(1);
    const create = (Tags: { Key: string; Value: string }[], Resources = [a]) =>
      outcome(ec2().send(new CreateTagsCommand({ Resources, Tags })));
    expect(await create([{ Key: 'k'.repeat(129), Value: '' }])).toBe('InvalidParameterValue');
    expect(await create([{ Key: 'k', Value: 'v'.repeat(257) }])).toBe('InvalidParameterValue');
    expect(await create([{ Key: 'aws:mine', Value: '' }])).toBe('InvalidParameterValue');
    expect(await create([{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }])).toBe('ok');
    expect(
      await create(
        [{ Key: 'k', Value: '' }],
        Array.from({ length: 1001 }, () => a),
      ),
    ).toBe('InvalidParameterValue');
  });

  it('RunInstances refuses more than 50 tags for the instance, and launches nothing', async () => {
    const before = (await ec2().send(new DescribeInstancesCommand({}))).Reservations!.length;
    const e = await outcome(launch(1, { TagSpecifications: [{ ResourceType: 'instance', Tags: tags(51) }] }));
    expect(e).toBe('TagLimitExceeded');
    expect((await ec2().send(new DescribeInstancesCommand({}))).Reservations!.length).toBe(before);
  });

  it('CopyImage counts the copied tags (CopyImageTags) with the ones it adds', async () => {
    const image = await ownImage();
    await ec2().send(new CreateTagsCommand({ Resources: [image], Tags: tags(30, 'src') }));
    const copy = (CopyImageTags: boolean) =>
      ec2().send(
        new CopyImageCommand({
          SourceRegion: 'us-east-1',
          SourceImageId: image,
          Name: `copy-${CopyImageTags}`,
          CopyImageTags,
          TagSpecifications: [{ ResourceType: 'image', Tags: tags(25, 'dst') }],
        }),
      );
    expect(await outcome(copy(true))).toBe('TagLimitExceeded');
    expect(await outcome(copy(false))).toBe('ok');
  });
});

describe('EC2 sharing', () => {
  it('ModifySnapshotAttribute: at most 500 changes a call, and adds or removes, not both', async () => {
    const image = await ownImage();
    const { Images } = await ec2().send(new DescribeImagesCommand({ ImageIds: [image] }));
    const SnapshotId = Images![0].BlockDeviceMappings![0].Ebs!.SnapshotId!;
    const modify = (Add: string[], Remove: string[] = []) =>
      outcome(
        ec2().send(
          new ModifySnapshotAttributeCommand({
            SnapshotId,
            Attribute: 'createVolumePermission',
            CreateVolumePermission: {
              Add: Add.map((UserId) => ({ UserId })),
              Remove: Remove.map((UserId) => ({ UserId })),
            },
          }),
        ),
      );
    expect(await modify(accounts(501))).toBe('InvalidParameterValue');
    expect(await modify(accounts(500))).toBe('ok');
    expect(await modify(accounts(1, 200000000000), accounts(1))).toBe('InvalidParameterCombination');
  });

  it('shares an AMI with at most 1,000 entities; an organization counts as one', async () => {
    const image = await ownImage();
    const share = (Add: { UserId?: string; OrganizationArn?: string }[]) =>
      outcome(ec2().send(new ModifyImageAttributeCommand({ ImageId: image, LaunchPermission: { Add } })));
    expect(await share(accounts(999).map((UserId) => ({ UserId })))).toBe('ok');
    expect(
      await share([{ OrganizationArn: 'arn:aws:organizations::123456789012:organization/o-abcdefghij' }]),
    ).toBe('ok');
    expect(await share([{ UserId: '999999999999' }])).toBe('ResourceLimitExceeded');
  });
});

describe('SSM', () => {
  it('DescribeInstanceInformation answers pages of 10 by default, and 5 to 50 when asked', async () => {
    await launch(12);
    await aws.advance(DURATIONS.instancePendingSeconds + DURATIONS.ssmRegistrationSeconds);
    const sizes: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm().send(new DescribeInstanceInformationCommand({ NextToken }));
      sizes.push(page.InstanceInformationList!.length);
      NextToken = page.NextToken;
    } while (NextToken);
    // The 12 launched here and the default scenario's group instances, 10 a page.
    expect(sizes.slice(0, -1).every((n) => n === 10)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(12);
    for (const MaxResults of [4, 51]) {
      expect(await outcome(ssm().send(new DescribeInstanceInformationCommand({ MaxResults })))).toBe(
        'ValidationException',
      );
    }
  });

  it('SendCommand takes at most 50 instance ids and 5 targets', async () => {
    const send = (extra: Record<string, unknown>) =>
      outcome(
        ssm().send(
          new SendCommandCommand({
            DocumentName: 'AWS-RunShellScript',
            Parameters: { commands: ['true'] },
            ...extra,
          }),
        ),
      );
    const ids = Array.from({ length: 51 }, (_, i) => `i-${String(i).padStart(17, '0')}`);
    expect(await send({ InstanceIds: ids })).toBe('ValidationException');
    const targets = Array.from({ length: 6 }, (_, i) => ({ Key: `tag:k${i}`, Values: ['v'] }));
    expect(await send({ Targets: targets })).toBe('ValidationException');
  });

  it('keeps 100 versions; the oldest goes on the 101st write unless it carries a label', async () => {
    const put = (Value: string) =>
      ssm().send(new PutParameterCommand({ Name: '/app/ami', Value, Type: 'String', Overwrite: true }));
    for (let v = 1; v <= 101; v++) await put(`v${v}`);
    const history = async () => {
      const versions: number[] = [];
      let NextToken: string | undefined;
      do {
        const page = await ssm().send(new GetParameterHistoryCommand({ Name: '/app/ami', NextToken }));
        versions.push(...page.Parameters!.map((p) => p.Version!));
        NextToken = page.NextToken;
      } while (NextToken);
      return versions;
    };
    let versions = await history();
    expect(versions).toHaveLength(100);
    expect(versions[0]).toBe(2);
    await ssm().send(
      new LabelParameterVersionCommand({ Name: '/app/ami', ParameterVersion: 2, Labels: ['old'] }),
    );
    expect(await outcome(put('v102'))).toBe('ParameterMaxVersionLimitExceeded');
    // Moving the label away lets the next write go through.
    await ssm().send(
      new LabelParameterVersionCommand({ Name: '/app/ami', ParameterVersion: 50, Labels: ['old'] }),
    );
    expect(await outcome(put('v102'))).toBe('ok');
    versions = await history();
    expect([versions[0], versions.at(-1), versions.length]).toEqual([3, 102, 100]);
  });

  it('at most 10 labels a version, 15 hierarchy levels, 1011 characters with the ARN', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/app/x', Value: 'a', Type: 'String' }));
    const label = (Labels: string[]) =>
      outcome(ssm().send(new LabelParameterVersionCommand({ Name: '/app/x', ParameterVersion: 1, Labels })));
    expect(await label(Array.from({ length: 10 }, (_, i) => `l${i}`))).toBe('ok');
    expect(await label(['one-more'])).toBe('ParameterVersionLabelLimitExceeded');
    const put = (Name: string) =>
      outcome(ssm().send(new PutParameterCommand({ Name, Value: 'a', Type: 'String' })));
    expect(await put(`/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`)).toBe(
      'HierarchyLevelLimitExceededException',
    );
    const arnPrefix = 'arn:aws:ssm:us-east-1:123456789012:parameter/'.length;
    expect(await put(`/${'n'.repeat(1011 - arnPrefix)}`)).toBe('ok');
    expect(await put(`/${'m'.repeat(1012 - arnPrefix)}`)).toBe('ValidationException');
  });

  it('a seeded history keeps 100 versions too, and seeded names obey the same limits', async () => {
    const parameters = Array.from({ length: 105 }, (_, i) => ({
      region: 'us-east-1',
      name: '/seeded',
      value: `v${i + 1}`,
    }));
    await aws.seed({ ssm: { parameters } });
    const page = await ssm().send(new GetParameterHistoryCommand({ Name: '/seeded', MaxResults: 50 }));
    expect(page.Parameters![0].Version).toBe(6);
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    await expect(
      aws.seed({ ssm: { parameters: [{ region: 'us-east-1', name: deep, value: 'x' }] } }),
    ).rejects.toThrow(/15 levels/);
  });

  it('at most 50 tags on a parameter, by PutParameter or AddTagsToResource', async () => {
    expect(
      await outcome(
        ssm().send(new PutParameterCommand({ Name: '/t', Value: 'a', Type: 'String', Tags: tags(51) })),
      ),
    ).toBe('TooManyTagsError');
    await ssm().send(new PutParameterCommand({ Name: '/t', Value: 'a', Type: 'String', Tags: tags(50) }));
    expect(
      await outcome(
        ssm().send(
          new AddTagsToResourceCommand({
            ResourceType: 'Parameter',
            ResourceId: '/t',
            Tags: [{ Key: 'x', Value: '1' }],
          }),
        ),
      ),
    ).toBe('TooManyTagsError');
  });
});

describe('Auto Scaling', () => {
  async function groups(n: number) {
    for (let k = 0; k < n; k++) {
      await asg().send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: `g${k}`,
          LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '1' },
          MinSize: 0,
          MaxSize: 1,
          DesiredCapacity: 0,
          VPCZoneIdentifier: defaultSubnetId('123456789012', 'us-east-1', 'us-east-1a'),
        }),
      );
    }
  }

  it('DescribeAutoScalingGroups: pages of 50 by default, at most 100; 50 names unless MaxRecords is raised', async () => {
    await groups(55);
    const first = await asg().send(new DescribeAutoScalingGroupsCommand({}));
    expect(first.AutoScalingGroups).toHaveLength(50);
    expect(first.NextToken).toBeTruthy();
    expect(await outcome(asg().send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 })))).toBe(
      'ValidationError',
    );
    const names = Array.from({ length: 51 }, (_, k) => `g${k}`);
    expect(
      await outcome(asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names }))),
    ).toBe('ValidationError');
    const raised = await asg().send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names, MaxRecords: 100 }),
    );
    expect(raised.AutoScalingGroups).toHaveLength(51);
  });

  it('DescribeTags answers pages of 50 by default', async () => {
    await groups(1);
    await asg().send(
      new CreateOrUpdateTagsCommand({
        Tags: [
          {
            Key: 'x',
            Value: 'y',
            ResourceId: 'g0',
            ResourceType: 'auto-scaling-group',
            PropagateAtLaunch: false,
          },
        ],
      }),
    );
    await asg().send(
      new CreateOrUpdateTagsCommand({
        Tags: tags(50).map((t) => ({
          ...t,
          ResourceId: 'demo-app',
          ResourceType: 'auto-scaling-group',
          PropagateAtLaunch: false,
        })),
      }),
    );
    const page = await asg().send(new DescribeGroupTagsCommand({}));
    expect(page.Tags).toHaveLength(50);
    expect(page.NextToken).toBeTruthy();
  });

  it('CreateOrUpdateTags: at most 50 tags a group, all or nothing', async () => {
    await groups(1);
    const tag = (ResourceId: string, Key: string) => ({
      ResourceId,
      ResourceType: 'auto-scaling-group',
      Key,
      Value: 'v',
      PropagateAtLaunch: false,
    });
    await asg().send(new CreateOrUpdateTagsCommand({ Tags: tags(50).map((t) => tag('demo-app', t.Key)) }));
    const e = await outcome(
      asg().send(new CreateOrUpdateTagsCommand({ Tags: [tag('g0', 'fresh'), tag('demo-app', 'one-more')] })),
    );
    expect(e).toBe('LimitExceededFault');
    const g0 = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['g0'] }));
    expect(g0.AutoScalingGroups![0].Tags).toEqual([]);
  });

  it('StartInstanceRefresh: CheckpointDelay and BakeTime at most 172800, warm-up whole seconds, 10 alarms', async () => {
    const start = (Preferences: Record<string, unknown>) =>
      outcome(asg().send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'demo-app', Preferences })));
    expect(await start({ CheckpointPercentages: [50, 100], CheckpointDelay: 172801 })).toBe(
      'ValidationError',
    );
    expect(await start({ BakeTime: 172801 })).toBe('ValidationError');
    expect(await start({ CheckpointDelay: 60 })).toBe('ValidationError');
    expect(await start({ CheckpointPercentages: [50, 50, 100] })).toBe('ValidationError');
    expect(
      await start({ AlarmSpecification: { Alarms: Array.from({ length: 11 }, (_, i) => `a${i}`) } }),
    ).toBe('ValidationError');
    expect(await start({ CheckpointPercentages: [50, 100], CheckpointDelay: 172800, BakeTime: 172800 })).toBe(
      'ok',
    );
  });
});

describe('ELBv2 and KMS', () => {
  it('DescribeTargetGroups takes PageSize 1 to 400', async () => {
    const elb = new ElasticLoadBalancingV2Client(cfg());
    expect(await outcome(elb.send(new DescribeTargetGroupsCommand({ PageSize: 401 })))).toBe(
      'ValidationError',
    );
    expect(await outcome(elb.send(new DescribeTargetGroupsCommand({ PageSize: 1 })))).toBe('ok');
  });

  it('a KMS key takes at most 50,000 grants', async () => {
    const kms = new KMSClient(cfg());
    const grant = (GranteePrincipal: string) =>
      outcome(
        kms.send(
          new CreateGrantCommand({ KeyId: 'alias/ami-action', GranteePrincipal, Operations: ['Decrypt'] }),
        ),
      );
    expect(await grant('arn:aws:iam::111122223333:root')).toBe('ok');
    const region = aws.sim.slice<KmsState>('kms').regions['us-east-1'];
    const [first] = region.grants;
    for (let k = region.grants.length; k < 50_000; k++)
      region.grants.push({ ...first, GrantId: `g${k}`, GranteePrincipal: `p${k}` });
    expect(await grant('arn:aws:iam::444455556666:root')).toBe('LimitExceededException');
  });
});
