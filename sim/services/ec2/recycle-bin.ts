/**
 * AMIs in the Recycle Bin: a deregistered AMI that a Recycle Bin EC2_IMAGE rule of its owner matches
 * is kept for the rule's retention (the longest, when several match) instead of being deleted;
 * ListImagesInRecycleBin lists it until then, RestoreImageFromRecycleBin puts it back (available,
 * unshared, as EC2 restores it). Its snapshots are not part of it: deleted ones stay deleted.
 */
import type {
  ListImagesInRecycleBinCommandInput,
  ListImagesInRecycleBinCommandOutput,
  RestoreImageFromRecycleBinCommandInput,
  RestoreImageFromRecycleBinCommandOutput,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { isoAfter, ms } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { retentionFor } from '../rbin/rules.js';
import { EC2_PAGING, RECYCLE_BIN_IDS_PER_LIST } from './limits.js';
import { regionState } from './region.js';
import type { Ec2Region, ImageRecord, RecycledImage } from './state.js';

/** What the bin holds now (expired entries are gone for good). */
function binOf(r: Ec2Region, nowMs: number): Record<string, RecycledImage> {
  r.recycleBin ??= {};
  for (const [id, entry] of Object.entries(r.recycleBin))
    if (ms(entry.exitsAt) <= nowMs) delete r.recycleBin[id];
  return r.recycleBin;
}

/** Called as the owner deregisters `img`: into the bin when a rule retains it. Returns whether it did. */
export function retainDeregistered(ctx: CallContext, r: Ec2Region, img: ImageRecord): boolean {
  const days = retentionFor(ctx.sim, ctx.region, 'EC2_IMAGE', img.Tags);
  if (days === undefined) return false;
  const now = ctx.sim.clock.nowMs();
  binOf(r, now)[img.ImageId] = {
    image: img,
    enteredAt: new Date(now).toISOString(),
    exitsAt: isoAfter(now, days * 86400),
  };
  return true;
}

export const ListImagesInRecycleBin: Handler<
  ListImagesInRecycleBinCommandInput,
  ListImagesInRecycleBinCommandOutput
> = (input, ctx) => {
  const ids = input.ImageIds ?? [];
  if (ids.length > RECYCLE_BIN_IDS_PER_LIST) {
    throw new AwsError(
      'InvalidParameterValue',
      `You can specify up to ${RECYCLE_BIN_IDS_PER_LIST} image IDs in a single request.`,
    );
  }
  const bin = binOf(regionState(ctx.sim, ctx.region), ctx.sim.clock.nowMs());
  const entries = Object.values(bin)
    .filter((e) => !ids.length || ids.includes(e.image.ImageId))
    .sort((a, b) => a.enteredAt.localeCompare(b.enteredAt) || a.image.ImageId.localeCompare(b.image.ImageId));
  const { page, next } = paginate(entries, input, EC2_PAGING.ListImagesInRecycleBin);
  return {
    Images: page.map((e) => ({
      ImageId: e.image.ImageId,
      Name: e.image.Name,
      Description: e.image.Description,
      RecycleBinEnterTime: new Date(e.enteredAt),
      RecycleBinExitTime: new Date(e.exitsAt),
    })),
    NextToken: next,
  };
};

export const RestoreImageFromRecycleBin: Handler<
  RestoreImageFromRecycleBinCommandInput,
  RestoreImageFromRecycleBinCommandOutput
> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const id = String(input.ImageId ?? '');
  const entry = binOf(r, ctx.sim.clock.nowMs())[id];
  if (!entry)
    throw new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist in the Recycle Bin`);
  delete r.recycleBin?.[id];
  r.images[id] = {
    ...entry.image,
    launchPermissions: [],
    Public: false,
    disabled: false,
    restoredAt: new Date(ctx.sim.clock.nowMs()).toISOString(),
  };
  return { Return: true };
};
