/**
 * AMIs, as every mode reads them: one `ImageFacts` shape from DescribeImages (encryption, snapshots
 * and their sizes, platform, deprecation, protection), lookups that tolerate EC2's eventual
 * consistency, an account's own AMIs page by page, launch permissions and snapshot permissions.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  type DescribeImagesCommandInput,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  type Filter,
  type Image,
  type LaunchPermission,
  paginateDescribeImages,
} from '@aws-sdk/client-ec2';
import { fromTagList, TAG, type Tags } from '../tags.js';
import { awsClient, type ClientUse } from './clients.js';
import { isNotFound } from './errors.js';

export type Platform = 'Linux' | 'Windows';

export interface VolumeFacts {
  snapshotId: string;
  /** Provisioned size of the snapshot's volume. */
  gib: number;
}

export interface ImageFacts {
  imageId: string;
  region: string;
  name: string;
  ownerId?: string;
  state: string;
  stateReason?: string;
  /** When EC2 created it (ISO 8601, AWS's clock). */
  creationDate?: string;
  tags: Tags;
  snapshotIds: string[];
  volumes: VolumeFacts[];
  /** The KMS key ARN the snapshots are encrypted with, when encrypted. */
  kmsKeyId?: string;
  encrypted: boolean;
  public: boolean;
  deprecationTime?: string;
  /** When an instance was last launched from it, as EC2 reports it (up to a day late; owner only). */
  lastLaunchedTime?: string;
  /** As DescribeImages reports it: `enabled`, `enabled-with-cooldown`, `disabled-until-…`, `disabled`. */
  deregistrationProtection?: string;
  platform: Platform;
  architecture?: string;
  imdsSupport?: string;
  enaSupport?: boolean;
  virtualizationType?: string;
  rootEncrypted?: boolean;
  /** AMI ancestry: the AMI it was made from (CreateImage's launch AMI, CopyImage's source) and its region. */
  sourceImageId?: string;
  sourceImageRegion?: string;
}

export interface SnapshotFacts {
  snapshotId: string;
  tags: Tags;
  /** Accounts allowed to create volumes from it. */
  userIds: string[];
}

export const ec2 = (region: string, use: ClientUse = 'call') => awsClient(EC2Client, region, use);

export function imageFacts(region: string, image: Image): ImageFacts {
  const mappings = image.BlockDeviceMappings ?? [];
  const ebs = mappings.map((mapping) => mapping.Ebs).filter((e) => e !== undefined);
  return {
    imageId: image.ImageId ?? '',
    region,
    name: image.Name ?? '',
    ownerId: image.OwnerId,
    state: image.State ?? 'unknown',
    stateReason: image.StateReason?.Message,
    creationDate: image.CreationDate,
    tags: fromTagList(image.Tags),
    snapshotIds: ebs.flatMap((e) => (e.SnapshotId ? [e.SnapshotId] : [])),
    volumes: ebs.flatMap((e) => (e.SnapshotId ? [{ snapshotId: e.SnapshotId, gib: e.VolumeSize ?? 0 }] : [])),
    kmsKeyId: ebs.find((e) => e.KmsKeyId)?.KmsKeyId,
    encrypted: ebs.some((e) => e.Encrypted),
    public: image.Public ?? false,
    deprecationTime: image.DeprecationTime,
    lastLaunchedTime: image.LastLaunchedTime,
    deregistrationProtection: image.DeregistrationProtection,
    platform: String(image.Platform ?? '').toLowerCase() === 'windows' ? 'Windows' : 'Linux',
    architecture: image.Architecture,
    imdsSupport: image.ImdsSupport,
    enaSupport: image.EnaSupport,
    virtualizationType: image.VirtualizationType,
    rootEncrypted: mappings.find((mapping) => mapping.DeviceName === image.RootDeviceName)?.Ebs?.Encrypted,
    sourceImageId: image.SourceImageId,
    sourceImageRegion: image.SourceImageRegion,
  };
}

export class ImageNotUsableError extends Error {
  override name = 'ImageNotUsableError';
}

/** The AMI, owned by this account (another's AMI cannot be copied with its tags nor shared). */
export async function readOwnImage(
  region: string,
  imageId: string,
  input = "Input 'ami-id'",
): Promise<ImageFacts> {
  const own = await ec2(region)
    .send(new DescribeImagesCommand({ ImageIds: [imageId], Owners: ['self'] }))
    .catch((error) => {
      if (isNotFound(error)) {
        throw new ImageNotUsableError(
          `${input}: ${imageId} does not exist in ${region} (or is not visible yet). Check the id and the region input.`,
        );
      }
      throw error;
    });
  const image = own.Images?.[0];
  if (!image) {
    throw new ImageNotUsableError(
      `${input}: ${imageId} in ${region} belongs to another account. Publish an AMI this account owns (copy it first).`,
    );
  }
  return imageFacts(region, image);
}

/** An AMI this account can launch in `region` (its own or shared with it), available now. */
export async function readLaunchableImage(region: string, imageId: string): Promise<ImageFacts> {
  const out = await ec2(region)
    .send(new DescribeImagesCommand({ ImageIds: [imageId] }))
    .catch((error) => {
      if (!isNotFound(error)) throw error;
      return { Images: [] };
    });
  const image = out.Images?.[0];
  if (!image) {
    throw new ImageNotUsableError(
      `AMI ${imageId} does not exist in ${region} (AMI ids are regional: copy it there with mode: publish).`,
    );
  }
  const facts = imageFacts(region, image);
  if (facts.state !== 'available') {
    throw new ImageNotUsableError(
      `AMI ${imageId} in ${region} is ${facts.state}, not available: it cannot be launched${facts.state === 'pending' ? ' yet' : ''}.`,
    );
  }
  return facts;
}

/**
 * The copies of `sourceId` this account has in `region`, found by tag. Failed ones come back too:
 * the caller replaces them.
 */
export async function findCopies(region: string, sourceId: string): Promise<ImageFacts[]> {
  return ownImages(region, [{ Name: `tag:${TAG.sourceAmi}`, Values: [sourceId] }]);
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
  const result = await ec2(region, use).send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [imageId] }] }),
  );
  const image = result.Images?.[0];
  return image ? imageFacts(region, image) : undefined;
}

/** Every AMI this account owns in `region` that the filters select, deprecated and disabled ones included, every page. */
export async function ownImages(
  region: string,
  filters: Filter[] = [],
  extra: Partial<DescribeImagesCommandInput> = {},
): Promise<ImageFacts[]> {
  const images: ImageFacts[] = [];
  const pages = paginateDescribeImages(
    { client: ec2(region), pageSize: 1000 },
    {
      Owners: ['self'],
      IncludeDeprecated: true,
      IncludeDisabled: true,
      ...(filters.length ? { Filters: filters } : {}),
      ...extra,
    },
  );
  for await (const page of pages)
    for (const image of page.Images ?? []) images.push(imageFacts(region, image));
  return images;
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
      const userIds = withPermissions ? await snapshotVolumePermissions(region, snapshotId) : [];
      return { snapshotId, tags: fromTagList(snapshot.Tags), userIds };
    }),
  );
}

async function snapshotVolumePermissions(region: string, snapshotId: string): Promise<string[]> {
  const { CreateVolumePermissions } = await ec2(region).send(
    new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
  );
  return CreateVolumePermissions?.flatMap((p) => (p.UserId ? [p.UserId] : [])) ?? [];
}
