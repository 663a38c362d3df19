/**
 * Reading AMIs: the source, a region's existing copy (found by its `ami-action:source-ami` tag), and
 * the facts of one image that publishing compares against what it wants.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  type Image,
  type LaunchPermission,
} from '@aws-sdk/client-ec2';
import { awsClient, type ClientUse } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { fromTagList, TAG, type Tags } from '../../tags.js';

export interface ImageFacts {
  imageId: string;
  region: string;
  name: string;
  state: string;
  stateReason?: string;
  creationDate?: string;
  tags: Tags;
  snapshotIds: string[];
  /** The KMS key ARN the snapshots are encrypted with, when encrypted. */
  kmsKeyId?: string;
  encrypted: boolean;
  public: boolean;
  deprecationTime?: string;
  deregistrationProtection?: string;
}

export interface SnapshotFacts {
  snapshotId: string;
  tags: Tags;
  /** Accounts allowed to create volumes from it. */
  userIds: string[];
}

export const ec2 = (region: string) => awsClient(EC2Client, region);

export function imageFacts(region: string, image: Image): ImageFacts {
  const ebs = (image.BlockDeviceMappings ?? []).map((mapping) => mapping.Ebs).filter((e) => e !== undefined);
  return {
    imageId: image.ImageId ?? '',
    region,
    name: image.Name ?? '',
    state: image.State ?? 'unknown',
    stateReason: image.StateReason?.Message,
    creationDate: image.CreationDate,
    tags: fromTagList(image.Tags),
    snapshotIds: ebs.flatMap((e) => (e.SnapshotId ? [e.SnapshotId] : [])),
    kmsKeyId: ebs.find((e) => e.KmsKeyId)?.KmsKeyId,
    encrypted: ebs.some((e) => e.Encrypted),
    public: image.Public ?? false,
    deprecationTime: image.DeprecationTime,
    deregistrationProtection: image.DeregistrationProtection,
  };
}

export class SourceImageError extends Error {
  override name = 'SourceImageError';
}

/** The source AMI, owned by this account (another's AMI cannot be copied with its tags nor shared). */
export async function readSource(region: string, imageId: string): Promise<ImageFacts> {
  const own = await ec2(region)
    .send(new DescribeImagesCommand({ ImageIds: [imageId], Owners: ['self'] }))
    .catch((error) => {
      if (isNotFound(error)) {
        throw new SourceImageError(
          `Input 'ami-id': ${imageId} does not exist in ${region} (or is not visible yet). Check the id and the region input.`,
        );
      }
      throw error;
    });
  const image = own.Images?.[0];
  if (!image) {
    throw new SourceImageError(
      `Input 'ami-id': ${imageId} in ${region} belongs to another account. Publish an AMI this account owns (copy it first).`,
    );
  }
  return imageFacts(region, image);
}

/**
 * The copies of `sourceId` this account has in `region`, found by tag. Failed ones come back too:
 * the caller replaces them.
 */
export async function findCopies(region: string, sourceId: string): Promise<ImageFacts[]> {
  const result = await ec2(region).send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: `tag:${TAG.sourceAmi}`, Values: [sourceId] }],
    }),
  );
  return (result.Images ?? []).map((image) => imageFacts(region, image));
}

/**
 * One image by the `image-id` filter: unlike `ImageIds`, the filter answers an empty list instead of
 * failing while a fresh copy is not visible yet (EC2's eventual consistency).
 */
export async function describeImageById(
  region: string,
  imageId: string,
  use: ClientUse = 'call',
): Promise<ImageFacts | undefined> {
  const result = await awsClient(EC2Client, region, use).send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [imageId] }] }),
  );
  const image = result.Images?.[0];
  return image ? imageFacts(region, image) : undefined;
}

export async function readLaunchPermissions(region: string, imageId: string): Promise<LaunchPermission[]> {
  const result = await ec2(region).send(
    new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
  );
  return result.LaunchPermissions ?? [];
}

export async function readSnapshots(
  region: string,
  snapshotIds: string[],
  withPermissions: boolean,
): Promise<SnapshotFacts[]> {
  if (snapshotIds.length === 0) return [];
  const result = await ec2(region).send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
  return Promise.all(
    (result.Snapshots ?? []).map(async (snapshot) => {
      const snapshotId = snapshot.SnapshotId ?? '';
      const userIds = withPermissions
        ? ((
            await ec2(region).send(
              new DescribeSnapshotAttributeCommand({
                SnapshotId: snapshotId,
                Attribute: 'createVolumePermission',
              }),
            )
          ).CreateVolumePermissions?.flatMap((p) => (p.UserId ? [p.UserId] : [])) ?? [])
        : [];
      return { snapshotId, tags: fromTagList(snapshot.Tags), userIds };
    }),
  );
}
