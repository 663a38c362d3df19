/** EC2 images through the real SDK v3 client: describe, create, copy, share, deprecate, protect, deregister. */
import {
  CopyImageCommand,
  CreateImageCommand,
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DisableImageDeregistrationProtectionCommand,
  EC2Client,
  EnableImageBlockPublicAccessCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  paginateDescribeImages,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import {
  baseAmiId,
  DEFAULT_ARM64_AMI_ID,
  DEFAULT_BASE_AMI_ID,
  DEFAULT_INSTANCE_PROFILE,
} from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const client = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });

beforeEach(() => aws.reset());

/** Runs an instance, waits (simulated) until it runs, and images it; returns the image id. */
async function bakeImage(ec2: EC2Client, name = 'app-1'): Promise<string> {
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: DEFAULT_BASE_AMI_ID,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
    }),
  );
  await aws.advance(DURATIONS.instancePendingSeconds);
  const { ImageId } = await ec2.send(
    new CreateImageCommand({
      InstanceId: run.Instances![0].InstanceId,
      Name: name,
      TagSpecifications: [
        { ResourceType: 'image', Tags: [{ Key: 'ami-action:run-id', Value: '42' }] },
        { ResourceType: 'snapshot', Tags: [{ Key: 'kind', Value: 'root' }] },
      ],
    }),
  );
  return ImageId!;
}

describe('DescribeImages', () => {
  it('shows the seeded Amazon Linux base AMIs', async () => {
    const ec2 = client();
    const { Images } = await ec2.send(
      new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID, DEFAULT_ARM64_AMI_ID] }),
    );
    expect(
      Images?.map((i) => [i.ImageId, i.Architecture, i.State, i.ImageOwnerAlias, i.ImdsSupport]),
    ).toEqual([
      [DEFAULT_BASE_AMI_ID, 'x86_64', 'available', 'amazon', 'v2.0'],
      [DEFAULT_ARM64_AMI_ID, 'arm64', 'available', 'amazon', 'v2.0'],
    ]);
    expect(Images![0].BlockDeviceMappings![0].Ebs).toMatchObject({ Encrypted: false, VolumeSize: 8 });
    expect(Images![0].Public).toBe(true);
    const west = await client('us-west-2').send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    expect(west.Images?.map((i) => i.ImageId)).toContain(baseAmiId('us-west-2'));
    expect(baseAmiId('us-west-2')).not.toBe(DEFAULT_BASE_AMI_ID);
  });

  it('fails the whole call on one unknown id, and on malformed ids', async () => {
    const ec2 = client();
    await expect(
      ec2.send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID, 'ami-00000000000000000'] })),
    ).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      message: expect.stringContaining('ami-00000000000000000'),
    });
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.Malformed',
    });
    await expect(
      ec2.send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID], MaxResults: 5 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  });

  it('filters by name wildcards, architecture, owner and tags', async () => {
    const ec2 = client();
    const byName = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['amazon'],
        Filters: [{ Name: 'name', Values: ['al2023-ami-*-kernel-6.1-arm6?'] }],
      }),
    );
    expect(byName.Images?.map((i) => i.ImageId)).toEqual([DEFAULT_ARM64_AMI_ID]);
    const id = await bakeImage(ec2);
    const mine = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [
          { Name: 'tag:ami-action:run-id', Values: ['42'] },
          { Name: 'state', Values: ['pending'] },
          { Name: 'architecture', Values: ['x86_64'] },
        ],
      }),
    );
    expect(mine.Images?.map((i) => i.ImageId)).toEqual([id]);
    await expect(
      ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('pages with MaxResults / NextToken', async () => {
    const ec2 = client();
    const ids: string[] = [];
    for await (const page of paginateDescribeImages({ client: ec2, pageSize: 5 }, { Owners: ['amazon'] })) {
      expect(page.Images!.length).toBeLessThanOrEqual(5);
      ids.push(...page.Images!.map((i) => i.ImageId!));
    }
    const all = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    expect(ids).toEqual(all.Images!.map((i) => i.ImageId));
  });
});

describe('CreateImage', () => {
  it('is pending, then available after the create duration, with tagged snapshots', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    const pending = await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }));
    expect(pending.Images![0]).toMatchObject({ State: 'pending', OwnerId: '123456789012', Name: 'app-1' });
    await aws.advance(DURATIONS.createImageSeconds);
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }));
    const img = Images![0];
    expect(img.State).toBe('available');
    expect(img.SourceInstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    const snapId = img.BlockDeviceMappings![0].Ebs!.SnapshotId!;
    const snaps = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapId] }));
    expect(snaps.Snapshots![0]).toMatchObject({ State: 'completed', Tags: [{ Key: 'kind', Value: 'root' }] });
    await expect(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapId }))).rejects.toMatchObject({
      name: 'InvalidSnapshot.InUse',
    });
  });

  it('rejects a duplicate name', async () => {
    const ec2 = client();
    await bakeImage(ec2, 'dup-name');
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
    await expect(
      ec2.send(
        new CreateImageCommand({ InstanceId: Reservations![0].Instances![0].InstanceId, Name: 'dup-name' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAMIName.Duplicate' });
  });

  it('hides new images for notFoundAfterCreateSeconds', async () => {
    const ec2 = client();
    await aws.setFaults({ notFoundAfterCreateSeconds: 20 });
    const id = await bakeImage(ec2);
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await aws.advance(21);
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }));
    expect(Images![0].State).toBe('pending');
  });
});

describe('CopyImage', () => {
  it('copies into the client region, idempotent by ClientToken, with tags and encryption', async () => {
    const east = client();
    const id = await bakeImage(east);
    await aws.advance(DURATIONS.createImageSeconds);
    const eu = client('eu-west-1');
    const input = {
      SourceImageId: id,
      SourceRegion: 'us-east-1',
      Name: 'app-1-eu',
      Encrypted: true,
      KmsKeyId: 'alias/ami-action',
      CopyImageTags: true,
      ClientToken: 'run-42-copy-eu-west-1',
      TagSpecifications: [
        { ResourceType: 'image' as const, Tags: [{ Key: 'ami-action:source-ami', Value: id }] },
      ],
    };
    const a = await eu.send(new CopyImageCommand(input));
    const b = await eu.send(new CopyImageCommand(input));
    expect(b.ImageId).toBe(a.ImageId);
    const state = await aws.state();
    const copies = Object.values(state.services.ec2.regions['eu-west-1'].images).filter(
      (i: any) => i.SourceImageId === id,
    );
    expect(copies).toHaveLength(1);
    const pending = await eu.send(new DescribeImagesCommand({ ImageIds: [a.ImageId!] }));
    expect(pending.Images![0].State).toBe('pending');
    await aws.advance(DURATIONS.copyImageSeconds);
    const img = (await eu.send(new DescribeImagesCommand({ ImageIds: [a.ImageId!] }))).Images![0];
    expect(img).toMatchObject({ State: 'available', SourceImageId: id, SourceImageRegion: 'us-east-1' });
    expect(img.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'ami-action:run-id', Value: '42' },
        { Key: 'ami-action:source-ami', Value: id },
      ]),
    );
    const ebs = img.BlockDeviceMappings![0].Ebs!;
    expect(ebs.Encrypted).toBe(true);
    expect(ebs.KmsKeyId).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
    await expect(eu.send(new CopyImageCommand({ ...input, Name: 'other' }))).rejects.toMatchObject({
      name: 'IdempotentParameterMismatch',
    });
  });

  it('rejects a KMS key that is not in the destination region', async () => {
    const east = client();
    const id = await bakeImage(east);
    await aws.advance(DURATIONS.createImageSeconds);
    const state = await aws.state();
    const eastKey: any = Object.values(state.services.kms.regions['us-east-1'].keys)[0];
    await expect(
      client('eu-west-1').send(
        new CopyImageCommand({
          SourceImageId: id,
          SourceRegion: 'us-east-1',
          Name: 'copy-x',
          Encrypted: true,
          KmsKeyId: eastKey.Arn,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('ends failed in regions listed in failCopiesTo', async () => {
    const id = await bakeImage(client());
    await aws.advance(DURATIONS.createImageSeconds);
    await aws.setFaults({ failCopiesTo: ['ap-southeast-2'] });
    const syd = client('ap-southeast-2');
    const { ImageId } = await syd.send(
      new CopyImageCommand({ SourceImageId: id, SourceRegion: 'us-east-1', Name: 'copy-x' }),
    );
    await aws.advance(DURATIONS.copyImageSeconds);
    const img = (await syd.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0];
    expect(img.State).toBe('failed');
    expect(img.StateReason?.Code).toBe('Server.InternalError');
  });
});

describe('sharing, deprecation, protection, deregistration', () => {
  it('shares with accounts, orgs and OUs; refuses public sharing when blocked', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: id,
        LaunchPermission: {
          Add: [
            { UserId: '111122223333' },
            { OrganizationArn: 'arn:aws:organizations::123456789012:organization/o-abcdefghij' },
            { OrganizationalUnitArn: 'arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-cdefghij' },
          ],
        },
      }),
    );
    const attr = await ec2.send(
      new DescribeImageAttributeCommand({ ImageId: id, Attribute: 'launchPermission' }),
    );
    expect(attr.LaunchPermissions).toHaveLength(3);
    await expect(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: id,
          LaunchPermission: { Add: [{ UserId: 'arn:aws:iam::1:root' }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAMIAttributeItemValue' });
    await ec2.send(
      new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'block-new-sharing' }),
    );
    expect((await ec2.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState).toBe(
      'block-new-sharing',
    );
    await expect(
      ec2.send(
        new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ Group: 'all' }] } }),
      ),
    ).rejects.toMatchObject({ name: 'OperationNotPermitted' });
  });

  it('shares snapshots with account ids only', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    const snap = (await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]
      .BlockDeviceMappings![0].Ebs!.SnapshotId!;
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snap,
        CreateVolumePermission: { Add: [{ UserId: '111122223333' }] },
      }),
    );
    const attr = await ec2.send(
      new DescribeSnapshotAttributeCommand({ SnapshotId: snap, Attribute: 'createVolumePermission' }),
    );
    expect(attr.CreateVolumePermissions).toEqual([{ UserId: '111122223333' }]);
    await expect(
      ec2.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: snap,
          CreateVolumePermission: { Add: [{ UserId: 'o-abcdefghij' }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('deprecates at most 10 years ahead', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    const now = Date.parse((await aws.state()).time);
    await expect(
      ec2.send(
        new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(now + 11 * 365 * 86400_000) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await ec2.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(now + 3600_000) }));
    const img = (await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0];
    expect(Date.parse(img.DeprecationTime!)).toBeCloseTo(now + 3600_000, -5);
  });

  it('refuses to deregister while protected, then deletes the snapshots', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: id }));
    await expect(ec2.send(new DeregisterImageCommand({ ImageId: id }))).rejects.toMatchObject({
      name: 'OperationNotPermitted',
    });
    await ec2.send(new DisableImageDeregistrationProtectionCommand({ ImageId: id }));
    const out = await ec2.send(new DeregisterImageCommand({ ImageId: id, DeleteAssociatedSnapshots: true }));
    expect(out.Return).toBe(true);
    expect(out.DeleteSnapshotResults).toEqual([
      { SnapshotId: expect.stringMatching(/^snap-/), ReturnCode: 'success' },
    ]);
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('keeps protection for 24 hours after disabling one with cooldown', async () => {
    const ec2 = client();
    const id = await bakeImage(ec2);
    await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: id, WithCooldown: true }));
    await ec2.send(new DisableImageDeregistrationProtectionCommand({ ImageId: id }));
    await expect(ec2.send(new DeregisterImageCommand({ ImageId: id }))).rejects.toMatchObject({
      name: 'OperationNotPermitted',
    });
    await aws.advance(24 * 3600 + 1);
    await ec2.send(new DeregisterImageCommand({ ImageId: id }));
  });

  it('tags any resource and answers the right NotFound code', async () => {
    const ec2 = client();
    await expect(
      ec2.send(
        new CreateTagsCommand({ Resources: ['ami-00000000000000000'], Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    await expect(
      ec2.send(
        new CreateTagsCommand({ Resources: ['snap-00000000000000000'], Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSnapshot.NotFound' });
    await expect(
      ec2.send(
        new CreateTagsCommand({ Resources: ['i-00000000000000000'], Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });
});
