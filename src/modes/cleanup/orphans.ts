/**
 * Snapshots this action made (tagged `ami-action:*`) whose AMI is gone, e.g. left by a deregistration
 * without its snapshots, unless that AMI waits in the Recycle Bin (a restore needs them). Only completed
 * snapshots count, and images are read after the snapshots:
 * an AMI still being made references its snapshots before they complete, so it cannot be missed.
 */
import {
  EC2Client,
  type Filter,
  paginateDescribeImages,
  paginateDescribeSnapshots,
  paginateListImagesInRecycleBin,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import type { OrphanSnapshot } from './types.js';

const ACTION_TAGS = 'ami-action:*';
const AMI_IN_DESCRIPTION = /\b(ami-[0-9a-f]{8,17})\b/;
/** EC2 takes up to 200 values per filter. */
const VALUES_PER_FILTER = 200;

export async function findOrphanSnapshots(region: string): Promise<OrphanSnapshot[]> {
  const ec2 = awsClient(EC2Client, region);
  const candidates: { snapshot: Snapshot; imageId: string }[] = [];
  const pages = paginateDescribeSnapshots(
    { client: ec2, pageSize: 1000 },
    {
      OwnerIds: ['self'],
      Filters: [
        { Name: 'tag-key', Values: [ACTION_TAGS] },
        { Name: 'status', Values: ['completed'] },
      ],
    },
  );
  for await (const page of pages) {
    for (const snapshot of page.Snapshots ?? []) {
      const imageId = AMI_IN_DESCRIPTION.exec(snapshot.Description ?? '')?.[1];
      if (imageId) candidates.push({ snapshot, imageId });
    }
  }
  if (candidates.length === 0) return [];
  const referenced = await imagesMatching(
    ec2,
    'block-device-mapping.snapshot-id',
    candidates.map((c) => c.snapshot.SnapshotId ?? ''),
  );
  const existing = await imagesMatching(
    ec2,
    'image-id',
    candidates.map((c) => c.imageId),
  );
  const gone = candidates.filter(
    (c) => !referenced.snapshots.has(c.snapshot.SnapshotId ?? '') && !existing.images.has(c.imageId),
  );
  // An AMI in the Recycle Bin needs its snapshots to be restored: they are no orphans while it is there.
  const recoverable = await inRecycleBin(ec2, [...new Set(gone.map((c) => c.imageId))]);
  return gone
    .filter((c) => !recoverable.has(c.imageId))
    .map((c) => ({
      region,
      snapshotId: c.snapshot.SnapshotId ?? '',
      gib: c.snapshot.VolumeSize ?? 0,
      imageId: c.imageId,
    }));
}

/** ListImagesInRecycleBin takes at most 20 image ids. */
const IDS_PER_BIN_LIST = 20;

async function inRecycleBin(ec2: EC2Client, imageIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let at = 0; at < imageIds.length; at += IDS_PER_BIN_LIST) {
    const pages = paginateListImagesInRecycleBin(
      { client: ec2 },
      { ImageIds: imageIds.slice(at, at + IDS_PER_BIN_LIST) },
    );
    for await (const page of pages)
      for (const image of page.Images ?? []) if (image.ImageId) found.add(image.ImageId);
  }
  return found;
}

/** The account's images matching one filter (in batches), and the snapshots they use. */
async function imagesMatching(ec2: EC2Client, name: string, values: string[]) {
  const images = new Set<string>();
  const snapshots = new Set<string>();
  const unique = [...new Set(values)];
  for (let at = 0; at < unique.length; at += VALUES_PER_FILTER) {
    const filters: Filter[] = [{ Name: name, Values: unique.slice(at, at + VALUES_PER_FILTER) }];
    const pages = paginateDescribeImages(
      { client: ec2, pageSize: 1000 },
      { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, Filters: filters },
    );
    for await (const page of pages) {
      for (const image of page.Images ?? []) {
        images.add(image.ImageId ?? '');
        for (const m of image.BlockDeviceMappings ?? [])
          if (m.Ebs?.SnapshotId) snapshots.add(m.Ebs.SnapshotId);
      }
    }
  }
  return { images, snapshots };
}
