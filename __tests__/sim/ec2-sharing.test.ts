/** EC2 refuses to share what is encrypted with the AWS managed aws/ebs key, as AWS answers. */
import {
  CopyImageCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
let ec2: EC2Client;

beforeEach(() => {
  ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
});

beforeEach(() => aws.reset());

async function encryptedCopy(kmsKeyId?: string) {
  const { ImageId } = await ec2.send(
    new CopyImageCommand({
      SourceRegion: 'us-east-1',
      SourceImageId: DEFAULT_BASE_AMI_ID,
      Name: `enc-${kmsKeyId ?? 'default'}`,
      Encrypted: true,
      KmsKeyId: kmsKeyId,
    }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }));
  return { imageId: ImageId!, snapshotId: Images![0].BlockDeviceMappings![0].Ebs!.SnapshotId! };
}

describe('sharing encrypted images and snapshots', () => {
  it('refuses to share an AMI whose snapshots use aws/ebs', async () => {
    const { imageId, snapshotId } = await encryptedCopy();
    await expect(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: imageId,
          LaunchPermission: { Add: [{ UserId: '111122223333' }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameter', message: expect.stringMatching(/AWS Managed CMK/) });
    await expect(
      ec2.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: 'createVolumePermission',
          CreateVolumePermission: { Add: [{ UserId: '111122223333' }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'OperationNotPermitted' });
  });

  it('shares an AMI and its snapshots encrypted with a customer managed key', async () => {
    const { imageId, snapshotId } = await encryptedCopy('alias/ami-action');
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: [{ UserId: '111122223333' }] },
      }),
    );
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snapshotId,
        Attribute: 'createVolumePermission',
        CreateVolumePermission: { Add: [{ UserId: '111122223333' }] },
      }),
    );
  });
});
