/**
 * The five wire protocols, each driven through a real SDK v3 client against a throwaway model.
 * The models here exist only for these tests; the real ones live in sim/services/.
 */
import {
  ActiveInstanceRefreshNotFoundFault,
  AutoScalingClient,
  AutoScalingServiceException,
  CancelInstanceRefreshCommand,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  paginateDescribeAutoScalingGroups,
  StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudWatchClient,
  GetDashboardCommand,
  InvalidParameterValueException,
  paginateDescribeAlarms,
  ResourceNotFound,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  ModifyLaunchTemplateCommand,
  paginateDescribeImages,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  ImagebuilderClient,
  ResourceNotFoundException,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsError, type ServiceModel } from '../../sim/core/types.js';
import { useSimulator } from '../helpers/sim.js';

const seen: Record<string, any> = {};
const remember = (op: string) => (input: Record<string, any>) => {
  seen[op] = input;
};

const images = Array.from({ length: 5 }, (_, i) => ({
  ImageId: `ami-${String(i).padStart(17, '0')}`,
  Name: `app-${i}`,
  State: 'available',
  Public: false,
  CreationDate: '2026-11-28T10:00:00.000Z',
  Tags: i === 0 ? [] : [{ Key: 'Name', Value: `app & <${i}>` }],
  BlockDeviceMappings: [
    { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 16, Encrypted: true, SnapshotId: `snap-${i}` } },
  ],
  NotInTheModel: 'dropped',
}));

const ec2: ServiceModel = {
  signingName: 'ec2',
  initState: () => ({}),
  handlers: {
    DescribeImages(input) {
      seen.DescribeImages = input;
      if (input.ImageIds?.includes('ami-missing')) {
        throw new AwsError('InvalidAMIID.NotFound', "The image id '[ami-missing]' does not exist");
      }
      const start = Number(input.NextToken ?? 0);
      const size = input.MaxResults ?? 1000;
      const page = images.slice(start, start + size);
      return { Images: page, NextToken: start + size < images.length ? String(start + size) : undefined };
    },
    EnableImageDeprecation(input) {
      seen.EnableImageDeprecation = input;
      return { Return: true };
    },
    ModifyLaunchTemplate(input) {
      seen.ModifyLaunchTemplate = input;
      return {
        LaunchTemplate: {
          LaunchTemplateId: input.LaunchTemplateId,
          DefaultVersionNumber: Number(input.DefaultVersion),
          CreateTime: new Date('2026-11-01T00:00:00Z'),
        },
      };
    },
    CreateTags: remember('CreateTags'),
  },
};

const groups = ['asg-a', 'asg-b', 'asg-c'].map((name) => ({
  AutoScalingGroupName: name,
  MinSize: 1,
  MaxSize: 3,
  DesiredCapacity: 2,
  DefaultCooldown: 300,
  AvailabilityZones: ['us-east-1a'],
  HealthCheckType: 'EC2',
  CreatedTime: new Date('2026-11-28T12:00:00Z'),
  Instances: [],
  Tags: [
    {
      Key: 'app',
      Value: name,
      PropagateAtLaunch: true,
      ResourceId: name,
      ResourceType: 'auto-scaling-group',
    },
  ],
}));

const autoscaling: ServiceModel = {
  signingName: 'autoscaling',
  initState: () => ({}),
  handlers: {
    DescribeAutoScalingGroups(input) {
      seen.DescribeAutoScalingGroups = input;
      const wanted: string[] | undefined = input.AutoScalingGroupNames;
      const list = wanted?.length ? groups.filter((g) => wanted.includes(g.AutoScalingGroupName)) : groups;
      const start = Number(input.NextToken ?? 0);
      const size = input.MaxRecords ?? 50;
      return {
        AutoScalingGroups: list.slice(start, start + size),
        NextToken: start + size < list.length ? String(start + size) : undefined,
      };
    },
    CreateAutoScalingGroup: remember('CreateAutoScalingGroup'),
    StartInstanceRefresh(input) {
      seen.StartInstanceRefresh = input;
      return { InstanceRefreshId: 'refresh-1' };
    },
    CancelInstanceRefresh() {
      throw new AwsError(
        'ActiveInstanceRefreshNotFoundFault',
        'No in progress or pending Instance Refresh found',
      );
    },
    UpdateAutoScalingGroup() {
      throw new AwsError(
        'ValidationError',
        'Desired capacity:9 must be between the specified min size:1 and max',
      );
    },
  },
};

const elb: ServiceModel = {
  signingName: 'elasticloadbalancing',
  initState: () => ({}),
  handlers: {
    DescribeTargetGroups() {
      throw new AwsError('TargetGroupNotFound', 'One or more target groups not found');
    },
    ModifyListener(input) {
      seen.ModifyListener = input;
      return { Listeners: [{ ListenerArn: input.ListenerArn, DefaultActions: input.DefaultActions }] };
    },
  },
};

const alarms = ['a1', 'a2', 'a3'].map((n) => ({
  AlarmName: n,
  StateValue: 'OK',
  StateUpdatedTimestamp: new Date('2026-11-28T17:52:29.698Z'),
  ActionsEnabled: true,
  Threshold: 5.5,
  EvaluationPeriods: 1,
}));

const monitoring: ServiceModel = {
  signingName: 'monitoring',
  initState: () => ({}),
  handlers: {
    DescribeAlarms(input) {
      seen.DescribeAlarms = input;
      const start = Number(input.NextToken ?? 0);
      const size = input.MaxRecords ?? 100;
      return {
        MetricAlarms: alarms.slice(start, start + size),
        NextToken: start + size < alarms.length ? String(start + size) : undefined,
      };
    },
    GetDashboard(input) {
      if (input.DashboardName === 'bad') throw new AwsError('InvalidParameterValue', 'bad name');
      throw new AwsError('ResourceNotFound', `Dashboard ${input.DashboardName} does not exist`);
    },
  },
};

const imagebuilder: ServiceModel = {
  signingName: 'imagebuilder',
  initState: () => ({}),
  handlers: {
    StartImagePipelineExecution(input) {
      seen.StartImagePipelineExecution = input;
      return {
        requestId: 'r-1',
        clientToken: input.clientToken,
        imageBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/app/1.0.0/3',
      };
    },
    GetImage(input) {
      seen.GetImage = input;
      if (input.imageBuildVersionArn.endsWith('/404')) {
        throw new AwsError(
          'ResourceNotFoundException',
          `The resource ${input.imageBuildVersionArn} could not be found.`,
        );
      }
      return {
        requestId: 'r-2',
        image: {
          arn: input.imageBuildVersionArn,
          state: { status: 'AVAILABLE' },
          dateCreated: '2026-11-28T17:52:24.000Z',
          outputResources: {
            amis: [{ region: 'us-east-1', image: 'ami-0123', name: 'app', accountId: '123456789012' }],
          },
        },
      };
    },
  },
};

const aws = useSimulator({ models: [ec2, autoscaling, elb, monitoring, imagebuilder], seedDefault: false });
beforeEach(async () => {
  await aws.reset();
  for (const k of Object.keys(seen)) delete seen[k];
});

describe('ec2Query', () => {
  const client = () => new EC2Client(aws.sdkConfig('eu-west-1'));

  it('decodes flattened lists, filters and ec2QueryName keys, and encodes lowerCamel XML with <item>', async () => {
    const out = await client().send(
      new DescribeImagesCommand({
        ImageIds: ['ami-00000000000000000', 'ami-00000000000000001'],
        Owners: ['self'],
        Filters: [
          { Name: 'state', Values: ['available', 'pending'] },
          { Name: 'tag:Name', Values: ['app*'] },
        ],
        IncludeDeprecated: true,
      }),
    );
    expect(seen.DescribeImages).toEqual({
      ImageIds: ['ami-00000000000000000', 'ami-00000000000000001'],
      Owners: ['self'],
      Filters: [
        { Name: 'state', Values: ['available', 'pending'] },
        { Name: 'tag:Name', Values: ['app*'] },
      ],
      IncludeDeprecated: true,
    });
    expect(out.Images).toHaveLength(5);
    expect(out.Images?.[0]).toEqual({
      ImageId: 'ami-00000000000000000',
      Name: 'app-0',
      State: 'available',
      Public: false,
      CreationDate: '2026-11-28T10:00:00.000Z',
      Tags: [],
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 16, Encrypted: true, SnapshotId: 'snap-0' } },
      ],
    });
    expect(out.Images?.[1].Tags).toEqual([{ Key: 'Name', Value: 'app & <1>' }]);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [call] = await aws.calls();
    expect(call).toMatchObject({
      service: 'ec2',
      operation: 'DescribeImages',
      region: 'eu-west-1',
      outcome: 'ok',
    });
  });

  it('pages with the SDK paginator', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeImages({ client: client(), pageSize: 2 }, {})) {
      for (const image of page.Images ?? []) ids.push(image.ImageId!);
    }
    expect(ids).toHaveLength(5);
    expect((await aws.calls()).map((c) => c.input)).toEqual([
      { MaxResults: 2 },
      { MaxResults: 2, NextToken: '2' },
      { MaxResults: 2, NextToken: '4' },
    ]);
  });

  it('decodes timestamps, xmlName keys (SetDefaultVersion) and encodes numbers, timestamps, booleans', async () => {
    const dep = await client().send(
      new EnableImageDeprecationCommand({ ImageId: 'ami-1', DeprecateAt: new Date('2027-06-01T00:00:00Z') }),
    );
    expect(dep.Return).toBe(true);
    expect(seen.EnableImageDeprecation.DeprecateAt).toEqual(new Date('2027-06-01T00:00:00Z'));
    const lt = await client().send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateId: 'lt-1', DefaultVersion: '2' }),
    );
    expect(seen.ModifyLaunchTemplate).toMatchObject({ LaunchTemplateId: 'lt-1', DefaultVersion: '2' });
    expect(seen.ModifyLaunchTemplate.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(lt.LaunchTemplate).toEqual({
      LaunchTemplateId: 'lt-1',
      DefaultVersionNumber: 2,
      CreateTime: new Date('2026-11-01T00:00:00Z'),
    });
    const tags = await client().send(
      new CreateTagsCommand({ Resources: ['ami-1', 'snap-1'], Tags: [{ Key: 'a', Value: '' }] }),
    );
    expect(seen.CreateTags).toEqual({ Resources: ['ami-1', 'snap-1'], Tags: [{ Key: 'a', Value: '' }] });
    expect(Object.keys(tags)).toEqual(['$metadata']);
  });

  it('answers errors in the EC2 envelope; the SDK names them by code', async () => {
    const err = await client()
      .send(new DescribeImagesCommand({ ImageIds: ['ami-missing'] }))
      .catch((e) => e);
    expect(err.name).toBe('InvalidAMIID.NotFound');
    expect(err.message).toContain('ami-missing');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.$fault).toBe('client');
  });

  it('answers 501 NotImplemented, not retried, for operations without a handler', async () => {
    const err = await client()
      .send(new DescribeVpcsCommand({}))
      .catch((e) => e);
    expect(err.name).toBe('NotImplemented');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 501, attempts: 1 });
    expect(await aws.calls()).toMatchObject([
      { operation: 'DescribeVpcs', outcome: 'NotImplemented', httpStatus: 501 },
    ]);
  });
});

describe('awsQuery', () => {
  const asg = () => new AutoScalingClient(aws.sdkConfig('us-east-1'));

  it('decodes .member.N lists, the bare empty list, and wraps the output in <OpResult>', async () => {
    const out = await asg().send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['asg-a', 'asg-c'] }),
    );
    expect(seen.DescribeAutoScalingGroups).toEqual({ AutoScalingGroupNames: ['asg-a', 'asg-c'] });
    expect(out.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['asg-a', 'asg-c']);
    expect(out.AutoScalingGroups?.[0]).toMatchObject({
      MinSize: 1,
      CreatedTime: new Date('2026-11-28T12:00:00Z'),
      Instances: [],
      Tags: [{ Key: 'app', Value: 'asg-a', PropagateAtLaunch: true }],
    });
    await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [] }));
    expect(seen.DescribeAutoScalingGroups).toEqual({ AutoScalingGroupNames: [] });
  });

  it('pages with the SDK paginator', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeAutoScalingGroups({ client: asg(), pageSize: 2 }, {})) {
      for (const g of page.AutoScalingGroups ?? []) names.push(g.AutoScalingGroupName!);
    }
    expect(names).toEqual(['asg-a', 'asg-b', 'asg-c']);
  });

  it('decodes nested structures and lists inside them; outputs without members give only $metadata', async () => {
    const out = await asg().send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'asg-a',
        Strategy: 'Rolling',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'lt', Version: '2' } },
        Preferences: {
          CheckpointPercentages: [50, 100],
          AutoRollback: true,
          AlarmSpecification: { Alarms: ['a1'] },
          InstanceWarmup: 60,
        },
      }),
    );
    expect(out.InstanceRefreshId).toBe('refresh-1');
    expect(seen.StartInstanceRefresh).toEqual({
      AutoScalingGroupName: 'asg-a',
      Strategy: 'Rolling',
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'lt', Version: '2' } },
      Preferences: {
        CheckpointPercentages: [50, 100],
        AutoRollback: true,
        AlarmSpecification: { Alarms: ['a1'] },
        InstanceWarmup: 60,
      },
    });
    const created = await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'x',
        MinSize: 0,
        MaxSize: 1,
        VPCZoneIdentifier: 'subnet-1,subnet-2',
        Tags: [{ Key: 'k', Value: 'v', PropagateAtLaunch: false }],
      }),
    );
    expect(Object.keys(created)).toEqual(['$metadata']);
    expect(seen.CreateAutoScalingGroup).toMatchObject({ VPCZoneIdentifier: 'subnet-1,subnet-2', MinSize: 0 });
    expect(seen.CreateAutoScalingGroup.Tags).toEqual([{ Key: 'k', Value: 'v', PropagateAtLaunch: false }]);
  });

  it('maps an error class name to its wire code (awsQueryError) so the SDK raises the typed class', async () => {
    const err = await asg()
      .send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'asg-a' }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ActiveInstanceRefreshNotFoundFault);
    expect(err.Code).toBe('ActiveInstanceRefreshNotFound');
    expect(err.Type).toBe('Sender');
    const err2 = await asg()
      .send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'asg-a', DesiredCapacity: 9 }))
      .catch((e) => e);
    expect(err2).toBeInstanceOf(AutoScalingServiceException);
    expect(err2.name).toBe('ValidationError');
    expect((await aws.calls()).map((c) => c.outcome)).toEqual([
      'ActiveInstanceRefreshNotFound',
      'ValidationError',
    ]);
  });

  it('passes a thrown wire code through (ELBv2 TargetGroupNotFound) and decodes deep .member. nesting', async () => {
    const elbv2 = new ElasticLoadBalancingV2Client(aws.sdkConfig('us-east-1'));
    const err = await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })).catch((e) => e);
    expect(err).toBeInstanceOf(TargetGroupNotFoundException);
    const actions = [
      {
        Type: 'forward' as const,
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: 'arn:blue', Weight: 90 },
            { TargetGroupArn: 'arn:green', Weight: 10 },
          ],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ];
    const out = await elbv2.send(
      new ModifyListenerCommand({ ListenerArn: 'arn:l', DefaultActions: actions }),
    );
    expect(seen.ModifyListener).toEqual({ ListenerArn: 'arn:l', DefaultActions: actions });
    expect(out.Listeners).toEqual([{ ListenerArn: 'arn:l', DefaultActions: actions }]);
  });
});

describe('awsJson1_0, query-compatible (CloudWatch)', () => {
  const cw = () => new CloudWatchClient(aws.sdkConfig('us-east-1'));

  it('decodes JSON, encodes epoch-second timestamps and pages', async () => {
    const names: string[] = [];
    for await (const page of paginateDescribeAlarms(
      { client: cw(), pageSize: 2 },
      { AlarmNames: ['a1', 'a2', 'a3'], AlarmTypes: ['MetricAlarm'] },
    )) {
      for (const a of page.MetricAlarms ?? []) names.push(a.AlarmName!);
      expect(page.MetricAlarms?.[0].StateUpdatedTimestamp).toEqual(new Date('2026-11-28T17:52:29.698Z'));
      expect(page.MetricAlarms?.[0].Threshold).toBe(5.5);
    }
    expect(names).toEqual(['a1', 'a2', 'a3']);
    expect(seen.DescribeAlarms).toEqual({
      AlarmNames: ['a1', 'a2', 'a3'],
      AlarmTypes: ['MetricAlarm'],
      MaxRecords: 2,
      NextToken: '2',
    });
  });

  it('sends x-amzn-query-error so the SDK resolves typed errors with Code and Type', async () => {
    const err = await cw()
      .send(new GetDashboardCommand({ DashboardName: 'nope' }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFound);
    expect(err.Code).toBe('ResourceNotFound');
    expect(err.Type).toBe('Sender');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const err2 = await cw()
      .send(new GetDashboardCommand({ DashboardName: 'bad' }))
      .catch((e) => e);
    expect(err2).toBeInstanceOf(InvalidParameterValueException);
    expect(err2.Code).toBe('InvalidParameterValue');
  });
});

describe('restJson1 (Image Builder)', () => {
  const ib = () => new ImagebuilderClient(aws.sdkConfig('us-east-1'));
  const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/app/1.0.0/3';

  it('routes by method and path, with JSON bodies and the SDK-filled client token', async () => {
    const out = await ib().send(
      new StartImagePipelineExecutionCommand({
        imagePipelineArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/app',
        tags: { RunId: 'run-42' },
      }),
    );
    expect(seen.StartImagePipelineExecution).toMatchObject({
      imagePipelineArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/app',
      tags: { RunId: 'run-42' },
    });
    expect(out.clientToken).toBe(seen.StartImagePipelineExecution.clientToken);
    expect(out.imageBuildVersionArn).toBe(arn);
  });

  it('reads httpQuery members of a GET', async () => {
    const out = await ib().send(new GetImageCommand({ imageBuildVersionArn: arn }));
    expect(seen.GetImage).toEqual({ imageBuildVersionArn: arn });
    expect(out.image?.state?.status).toBe('AVAILABLE');
    expect(out.image?.outputResources?.amis?.[0]).toMatchObject({ region: 'us-east-1', image: 'ami-0123' });
  });

  it('answers modeled errors with x-amzn-errortype and the status of the httpError trait', async () => {
    const err = await ib()
      .send(new GetImageCommand({ imageBuildVersionArn: `${arn.slice(0, -2)}/404` }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata.httpStatusCode).toBe(404);
    const err2 = await ib()
      .send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }))
      .catch((e) => e);
    expect(err2.name).toBe('NotImplemented');
    expect(err2.$metadata.httpStatusCode).toBe(501);
  });
});

describe('routing', () => {
  it('answers 400 with a clear message when a request has no SigV4 scope, and sends x-amzn-RequestId', async () => {
    const res = await fetch(aws.url, { method: 'POST', body: 'Action=DescribeImages&Version=2016-11-15' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(((await res.json()) as any).message).toMatch(/credential scope/i);
  });

  it('keeps regions apart: the region comes from the credential scope', async () => {
    await new EC2Client(aws.sdkConfig('ap-southeast-2')).send(new DescribeImagesCommand({ MaxResults: 5 }));
    expect((await aws.calls()).map((c) => c.region)).toEqual(['ap-southeast-2']);
  });
});
