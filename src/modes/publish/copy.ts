/**
 * Region copies: CopyImage with the source's tags plus the requested ones at copy time (tag
 * policies may refuse an untagged copy), a client token per attempt, and waiting with one
 * DescribeImages per region per poll that tolerates the window in which a new copy is not visible.
 */
import { CopyImageCommand, DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { describeImageById, ec2, type ImageFacts } from '../../aws/images.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import type { RunContext } from '../../context.js';
import type { Deadline } from '../../kernel/deadline.js';
import { toTagList } from '../../tags.js';
import { copyTags, type Desired } from './desired.js';

export class CopyFailedError extends Error {
  override name = 'CopyFailedError';
}

/** Deregisters a failed copy (and its snapshots) so the region can be copied again. */
export async function removeFailedCopy(copy: ImageFacts): Promise<void> {
  await ec2(copy.region).send(
    new DeregisterImageCommand({ ImageId: copy.imageId, DeleteAssociatedSnapshots: true }),
  );
}

export async function startCopy(
  desired: Desired,
  source: ImageFacts,
  region: string,
  context: RunContext,
  options: { kmsKeyId?: string; replacing: string[] },
): Promise<string> {
  const tags = toTagList(copyTags(desired));
  const { ImageId } = await ec2(region).send(
    new CopyImageCommand({
      SourceRegion: source.region,
      SourceImageId: source.imageId,
      Name: source.name,
      Description: `Copy of ${source.imageId} from ${source.region} (ami-action)`,
      CopyImageTags: true,
      TagSpecifications: [
        { ResourceType: 'image', Tags: tags },
        { ResourceType: 'snapshot', Tags: tags },
      ],
      ...(options.kmsKeyId ? { Encrypted: true, KmsKeyId: options.kmsKeyId } : {}),
      // A replacement for a failed copy is another attempt: its own token.
      ClientToken: clientToken(context, ['publish-copy', source.imageId, region, ...options.replacing]),
    }),
  );
  if (!ImageId) throw new CopyFailedError(`CopyImage to ${region} answered no image id.`);
  return ImageId;
}

/** How long a fresh copy may stay invisible to DescribeImages before it counts as lost. */
const NOT_VISIBLE_GRACE_MS = 5 * 60_000;

export async function waitForImage(
  region: string,
  imageId: string,
  options: { deadline: Deadline; pollIntervalSeconds: number; signal?: AbortSignal },
): Promise<ImageFacts> {
  const started = Date.now();
  return waitUntil({
    what: `${imageId} in ${region}`,
    deadline: options.deadline,
    pollIntervalSeconds: options.pollIntervalSeconds,
    signal: options.signal,
    check: async () => {
      const image = await describeImageById(region, imageId, 'poll');
      if (!image) {
        if (Date.now() - started > NOT_VISIBLE_GRACE_MS) {
          throw new CopyFailedError(`${imageId} in ${region} never became visible to DescribeImages.`);
        }
        return { done: false, status: 'not visible yet' };
      }
      if (image.state === 'available') return { done: true, value: image };
      if (image.state === 'pending') return { done: false, status: 'pending' };
      throw new CopyFailedError(
        `${imageId} in ${region} is ${image.state}${image.stateReason ? `: ${image.stateReason}` : ''}. A re-run deregisters it and copies again.`,
      );
    },
  });
}
