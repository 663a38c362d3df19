/** Sharing across the organization's accounts: a shared AMI is visible, launchable and copyable in the target. */
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CopyImageCommand,
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateGrantCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';
import { failure, type SimCredentials, useSimulator } from '../helpers/sim.js';

// Time stands still; the tests move it with advance().
const aws = useSimulator({ timeScale: 1000, rateLimits: false });
const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const TOOLING = '123456789012';
const PLAIN = 'ami-0a1b2c3d4e5f60001';
const ENCRYPTED = 'ami-0a1b2c3d4e5f60002';

const ec2 = (credentials?: SimCredentials) =>
  new EC2Client({ ...aws.sdkConfig('us-east-1', credentials), maxAttempts: 1 });
const kms = (credentials?: SimCredentials) =>
  new KMSClient({ ...aws.sdkConfig('us-east-1', credentials), maxAttempts: 1 });

let staging: SimCredentials;
let toolingKey: string;

beforeEach(async () => {
  await aws.reset();
  toolingKey = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }))).KeyMetadata!.Arn!;
  await aws.seed({
    ec2: {
      images: [
        { region: 'us-east-1', imageId: PLAIN, name: 'golden-1', ownerId: TOOLING, public: false },
        {
          region: 'us-east-1',
          imageId: ENCRYPTED,
          name: 'golden-1-encrypted',
          ownerId: TOOLING,
          public: false,
          encrypted: true,
          kmsKeyId: toolingKey,
        },
      ],
    },
  });
  staging = await aws.assumeRole(consumerRoleArn(STAGING));
});

const snapshotOf = async (imageId: string) =>
  (await ec2().send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images![0].BlockDeviceMappings![0]
    .Ebs!.SnapshotId!;

async function share(imageId: string, account: string, { snapshot = false } = {}) {
  await ec2().send(
    new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: account }] } }),
  );
  if (snapshot) {
    await ec2().send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: await snapshotOf(imageId),
        Attribute: 'createVolumePermission',
        OperationType: 'add',
        UserIds: [account],
      }),
    );
  }
}

const launch = (imageId: string) =>
  new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 });

async function stateOf(credentials: SimCredentials, instanceId: string) {
  const out = await ec2(credentials).send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return out.Reservations![0].Instances![0];
}

async function imageIn(credentials: SimCredentials, imageId: string) {
  return (await ec2(credentials).send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images![0];
}

describe('a shared AMI in the target account', () => {
  it('is visible once shared (not before, not to other accounts), without the owner tags', async () => {
    await ec2().send(
      new CreateTagsCommand({ Resources: [PLAIN], Tags: [{ Key: 'team', Value: 'tooling' }] }),
    );
    expect((await failure(ec2(staging).send(new DescribeImagesCommand({ ImageIds: [PLAIN] })))).name).toBe(
      'InvalidAMIID.NotFound',
    );
    await share(PLAIN, STAGING);
    const seen = await imageIn(staging, PLAIN);
    expect(seen).toMatchObject({ ImageId: PLAIN, OwnerId: TOOLING, Public: false, ImageAllowed: true });
    expect(seen.Tags).toBeUndefined();
    expect((await imageIn({ accessKeyId: 'AKIDSIM', secretAccessKey: 'x' }, PLAIN)).Tags).toEqual([
      { Key: 'team', Value: 'tooling' },
    ]);
    const executable = await ec2(staging).send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(executable.Images!.map((i) => i.ImageId)).toEqual([PLAIN]);
    const own = await ec2(staging).send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(own.Images).toEqual([]);
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    expect((await failure(ec2(production).send(new DescribeImagesCommand({ ImageIds: [PLAIN] })))).name).toBe(
      'InvalidAMIID.NotFound',
    );
  });

  it('is launchable; its snapshots are visible there once shared', async () => {
    await share(PLAIN, STAGING);
    const { Instances } = await ec2(staging).send(launch(PLAIN));
    await aws.advance(60);
    expect((await stateOf(staging, Instances![0].InstanceId!)).State?.Name).toBe('running');
    const snapshots = async () =>
      (await ec2(staging).send(new DescribeSnapshotsCommand({ OwnerIds: [TOOLING] }))).Snapshots!.map(
        (s) => s.SnapshotId,
      );
    expect(await snapshots()).toEqual([]);
    await share(PLAIN, STAGING, { snapshot: true });
    expect(await snapshots()).toEqual([await snapshotOf(PLAIN)]);
  });

  it('is copyable only with its snapshots shared too; the copy is the target account own', async () => {
    await share(PLAIN, STAGING);
    const copy = () =>
      ec2(staging).send(
        new CopyImageCommand({ SourceImageId: PLAIN, SourceRegion: 'us-east-1', Name: 'golden-1' }),
      );
    const denied = await failure(copy());
    expect(denied.name).toBe('InvalidRequest');
    expect(denied.message).toBe('You do not have permission to access the storage of this ami.');
    await share(PLAIN, STAGING, { snapshot: true });
    const { ImageId } = await copy();
    await aws.advance(601);
    expect(await imageIn(staging, ImageId!)).toMatchObject({ OwnerId: STAGING, State: 'available' });
    expect((await failure(ec2().send(new DescribeImagesCommand({ ImageIds: [ImageId!] })))).name).toBe(
      'InvalidAMIID.NotFound',
    );
    const calls = (await aws.calls()).filter((c) => c.operation === 'CopyImage');
    expect(calls.map((c) => [c.account, c.outcome])).toEqual([
      [STAGING, 'InvalidRequest'],
      [STAGING, 'ok'],
    ]);
  });
});

describe('a shared encrypted AMI', () => {
  const copyInto = (credentials: SimCredentials) =>
    ec2(credentials).send(
      new CopyImageCommand({
        SourceImageId: ENCRYPTED,
        SourceRegion: 'us-east-1',
        Name: 'golden-1-own',
        Encrypted: true,
        KmsKeyId: 'alias/ami',
      }),
    );

  it('without a grant on the owner key: the copy ends failed, a launch ends terminated', async () => {
    await share(ENCRYPTED, STAGING, { snapshot: true });
    const { ImageId } = await copyInto(staging);
    const { Instances } = await ec2(staging).send(launch(ENCRYPTED));
    await aws.advance(601);
    const copy = await imageIn(staging, ImageId!);
    expect(copy.State).toBe('failed');
    expect(copy.StateReason?.Message).toContain('Given key ID is not accessible');
    const instance = await stateOf(staging, Instances![0].InstanceId!);
    expect(instance.State?.Name).toBe('terminated');
    expect(instance.StateReason).toEqual({
      Code: 'Client.InternalError',
      Message: 'Client.InternalError: Client error on launch',
    });
  });

  it('with a grant to the account: the copy is re-encrypted with the target key, launches run', async () => {
    await share(ENCRYPTED, STAGING, { snapshot: true });
    await kms().send(
      new CreateGrantCommand({
        KeyId: toolingKey,
        GranteePrincipal: `arn:aws:iam::${STAGING}:root`,
        Operations: [
          'Decrypt',
          'DescribeKey',
          'CreateGrant',
          'GenerateDataKeyWithoutPlaintext',
          'ReEncryptFrom',
        ],
      }),
    );
    const { ImageId } = await copyInto(staging);
    const { Instances } = await ec2(staging).send(launch(ENCRYPTED));
    await aws.advance(601);
    const copy = await imageIn(staging, ImageId!);
    expect(copy.State).toBe('available');
    const stagingKey = (await kms(staging).send(new DescribeKeyCommand({ KeyId: 'alias/ami' }))).KeyMetadata!
      .Arn;
    expect(copy.BlockDeviceMappings![0].Ebs).toMatchObject({ Encrypted: true, KmsKeyId: stagingKey });
    expect((await stateOf(staging, Instances![0].InstanceId!)).State?.Name).toBe('running');
    // The grant names one account: another one still cannot use the key.
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    await share(ENCRYPTED, PRODUCTION, { snapshot: true });
    const other = await copyInto(production);
    await aws.advance(601);
    expect((await imageIn(production, other.ImageId!)).State).toBe('failed');
  });

  it('a key policy allowing the account (seeded allowAccounts) serves as a grant', async () => {
    await aws.seed({
      kms: { keys: [{ region: 'us-east-1', alias: 'alias/shared', allowAccounts: [STAGING] }] },
    });
    const shared = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/shared' }))).KeyMetadata!.Arn!;
    await aws.seed({
      ec2: {
        images: [
          {
            region: 'us-east-1',
            imageId: 'ami-0a1b2c3d4e5f60003',
            name: 'golden-policy',
            ownerId: TOOLING,
            public: false,
            encrypted: true,
            kmsKeyId: shared,
          },
        ],
      },
    });
    await share('ami-0a1b2c3d4e5f60003', STAGING, { snapshot: true });
    const { ImageId } = await ec2(staging).send(
      new CopyImageCommand({
        SourceImageId: 'ami-0a1b2c3d4e5f60003',
        SourceRegion: 'us-east-1',
        Name: 'golden-policy-own',
        Encrypted: true,
        KmsKeyId: 'alias/ami',
      }),
    );
    await aws.advance(601);
    expect((await imageIn(staging, ImageId!)).State).toBe('available');
  });
});

describe('SSM in the target account', () => {
  it('resolve:ssm: image ids read the account own parameter (RunInstances, a group launch template)', async () => {
    await share(PLAIN, STAGING);
    const ssm = new SSMClient({ ...aws.sdkConfig('us-east-1', staging), maxAttempts: 1 });
    await ssm.send(new PutParameterCommand({ Name: '/golden/ami', Value: PLAIN, Type: 'String' }));
    const byParameter = new RunInstancesCommand({
      ImageId: 'resolve:ssm:/golden/ami',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
    });
    const { Instances } = await ec2(staging).send(byParameter);
    expect(Instances![0].ImageId).toBe(PLAIN);
    // The tooling account has no such parameter.
    expect((await failure(ec2().send(byParameter))).name).toBe('InvalidParameterValue');
    await ec2(staging).send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/golden/ami', InstanceType: 't3.micro' },
      }),
    );
    const asg = new AutoScalingClient({ ...aws.sdkConfig('us-east-1', staging), maxAttempts: 1 });
    const { Vpcs } = await ec2(staging).send(new DescribeVpcsCommand({}));
    const { Subnets } = await ec2(staging).send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [Vpcs![0].VpcId!] }] }),
    );
    await asg.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'web',
        LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' },
        MinSize: 2,
        MaxSize: 2,
        DesiredCapacity: 2,
        VPCZoneIdentifier: Subnets![0].SubnetId,
      }),
    );
    const group = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
    const ids = group.AutoScalingGroups![0].Instances!.map((i) => i.InstanceId!);
    expect(ids).toHaveLength(2);
    const out = await ec2(staging).send(new DescribeInstancesCommand({ InstanceIds: ids }));
    expect(out.Reservations!.flatMap((r) => r.Instances!).map((i) => i.ImageId)).toEqual([PLAIN, PLAIN]);
    const state = await aws.state();
    expect(state.services.autoscaling.regions['us-east-1'].groups.web).toBeUndefined();
  });

  it('an aws:ec2:image parameter may name an AMI shared with the account', async () => {
    await share(PLAIN, STAGING);
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    /** Writes the image parameter in the account, lets it be validated, reads it back. */
    const written = async (credentials: SimCredentials) => {
      const ssm = new SSMClient({ ...aws.sdkConfig('us-east-1', credentials), maxAttempts: 1 });
      const parameter = {
        Name: '/golden/ami',
        Value: PLAIN,
        Type: 'String',
        DataType: 'aws:ec2:image',
      } as const;
      await ssm.send(new PutParameterCommand(parameter));
      await aws.advance(5);
      return ssm.send(new GetParameterCommand({ Name: '/golden/ami' }));
    };
    expect((await written(staging)).Parameter?.Value).toBe(PLAIN);
    // Not shared with production: the write is rejected by validation.
    expect((await failure(written(production))).name).toBe('ParameterNotFound');
  });
});
