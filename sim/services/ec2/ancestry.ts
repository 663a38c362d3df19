/**
 * GetImageAncestry: the AMI's lineage from itself back to its root, one entry per AMI with the id and
 * region of its source (parent) AMI. AWS records a source for AMIs made by CreateImage (the AMI the
 * instance was launched from) and CopyImage. The chain ends at a public AMI of a verified provider
 * (owner alias `amazon` or `aws-marketplace`), at an AMI with no recorded source (RegisterImage), at a
 * source that no longer exists, or at the 50th entry.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-ancestry.html
 */
import type {
  GetImageAncestryCommandInput,
  GetImageAncestryCommandOutput,
  ImageAncestryEntry,
} from '@aws-sdk/client-ec2';
import type { Handler } from '../../core/types.js';
import { visibleImage } from './images.js';
import { locateImage } from './shared.js';
import type { ImageRecord } from './state.js';

const MAX_ENTRIES = 50;
const VERIFIED_PROVIDERS = ['amazon', 'aws-marketplace'];

export const GetImageAncestry: Handler<GetImageAncestryCommandInput, GetImageAncestryCommandOutput> = (
  input,
  ctx,
) => {
  let image: ImageRecord | undefined = visibleImage(ctx, input.ImageId).record;
  const entries: ImageAncestryEntry[] = [];
  while (image && entries.length < MAX_ENTRIES) {
    entries.push({
      ImageId: image.ImageId,
      CreationDate: new Date(image.createdAt),
      ImageOwnerAlias: image.ImageOwnerAlias,
      SourceImageId: image.SourceImageId,
      SourceImageRegion: image.SourceImageRegion,
    });
    if (VERIFIED_PROVIDERS.includes(image.ImageOwnerAlias ?? '') || !image.SourceImageId) break;
    // The source may be another account's (a shared or public AMI the image was made from).
    image = locateImage(ctx.sim, image.SourceImageRegion ?? ctx.region, image.SourceImageId)?.record;
  }
  return { ImageAncestryEntries: entries };
};
