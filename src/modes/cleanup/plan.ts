/**
 * The plan of a region: which selected AMIs stay (and why), and for each candidate the stage move
 * this run makes (deprecate, disable, deregister with its snapshots) or why it stays at its stage.
 */

import * as core from '@actions/core';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import { readLaunchPermissions } from '../../aws/images.js';
import { tagLimitRefusal } from '../../aws/limits.js';
import type { RetireStage } from '../../inputs/cleanup.js';
import type { CleanupConfig } from '../../inputs.js';
import { oneLine } from '../../report/foreign.js';
import { TAG } from '../../tags.js';
import type { Reasons } from './keepers/index.js';
import { recycleBinCover } from './recycle-bin.js';
import { DONE, decide, describePosition, sharingTags, sharingWords, stageTags } from './stages.js';
import type { Kept, Move, OrphanSnapshot, OwnImage, RegionImages, RegionPlan, Removal } from './types.js';

/** Launch permission reads in flight at once per region. */
const ATTRIBUTE_CONCURRENCY = 10;

export async function planRegion(
  images: RegionImages,
  reasons: Reasons,
  orphans: OrphanSnapshot[],
  config: CleanupConfig,
  now: Date,
): Promise<RegionPlan> {
  const keep: Kept[] = [];
  const moves: Move[] = [];
  const deleting: OwnImage[] = [];
  const movers: { image: OwnImage; to: RetireStage; position: string }[] = [];
  for (const image of images.selected) {
    const position = describePosition(image, now);
    const why = reasons.get(image.imageId);
    const decision = why?.length ? undefined : decide(image, config, now);
    if (!decision) keep.push({ image, reasons: why ?? [], position });
    else if ('stay' in decision) keep.push({ image, reasons: [decision.stay], position, staying: true });
    else movers.push({ image, to: decision.move, position });
  }
  const sharing = config.includeShared
    ? await sharingOf(
        images.region,
        movers.map((m) => m.image),
      )
    : new Map<string, string[]>();
  for (const { image, to, position } of movers) {
    if (to === 'delete') {
      deleting.push(image);
      continue;
    }
    const over = overTagBudget(image, to, sharing.get(image.imageId) ?? [], now);
    if (over) {
      core.warning(`${images.region} ${image.imageId} (${oneLine(image.name)}) stays: ${over}.`);
      keep.push({ image, position, staying: true, reasons: [over] });
      continue;
    }
    moves.push({ image, to, position });
  }
  const shared = new Map([...sharing].filter(([, words]) => words.length > 0));
  const { cover, unknown } = deleting.length
    ? await recycleBinCover(images.region, deleting)
    : { cover: new Map(), unknown: undefined };
  const remove = removals(images, deleting, cover, now);
  return { region: images.region, remove, keep, orphans, moves, shared, recycleBinUnknown: unknown };
}

/**
 * EC2 keeps at most 50 tags on an AMI: a move whose tags would pass that stays, saying why (rather
 * than failing half-way, after EnableImageDeprecation or before DisableImage).
 */
function overTagBudget(
  image: OwnImage,
  to: Exclude<RetireStage, 'delete'>,
  sharing: string[],
  now: Date,
): string | undefined {
  const add =
    to === 'disable'
      ? { ...sharingTags(sharing), ...stageTags('disable', now) }
      : {
          ...stageTags('deprecate', now),
          ...(deprecatesLater(image, now) ? { [TAG.retireDeprecation]: '' } : {}),
        };
  const fix =
    to === 'disable' && sharing.length
      ? 'Remove tags from it, or share it with an organization or OU instead of single accounts.'
      : 'Remove tags from it.';
  const refusal = tagLimitRefusal(
    `recording its stage${to === 'disable' && sharing.length ? ` and who it is shared with (${sharing.length})` : ''}, it`,
    image.tags,
    add,
    fix,
  );
  return refusal && `not ${DONE[to]}: ${refusal}`;
}

/** A deprecation time still ahead: deprecating now records it (for restore) in one more tag. */
const deprecatesLater = (image: OwnImage, now: Date) =>
  !!image.deprecationTime && Date.parse(image.deprecationTime) > now.getTime();

/** Who each moving AMI is shared with (include-shared lets shared AMIs move: a usage report decides). */
async function sharingOf(region: string, movers: OwnImage[]): Promise<Map<string, string[]>> {
  const permissions = valuesOrThrow(
    await mapConcurrent(movers, ATTRIBUTE_CONCURRENCY, (image) =>
      readLaunchPermissions(region, image.imageId),
    ),
  );
  return new Map(movers.map((image, i) => [image.imageId, sharingWords(permissions[i])]));
}

function removals(
  images: RegionImages,
  deleting: OwnImage[],
  cover: Map<string, Removal['recycleBin']>,
  now: Date,
): Removal[] {
  const removed = new Set(deleting.map((image) => image.imageId));
  // Snapshot -> an AMI that stays and uses it.
  const stillUsed = new Map<string, string>();
  for (const image of images.all) {
    if (removed.has(image.imageId)) continue;
    for (const s of image.snapshots) stillUsed.set(s.snapshotId, image.imageId);
  }
  // A snapshot two removed AMIs share goes once, with the first.
  const claimed = new Set<string>();
  return deleting.map((image) => {
    const recycleBin = cover.get(image.imageId);
    const position = describePosition(image, now);
    if (recycleBin) {
      // A restore from the Recycle Bin needs the snapshots: they stay while the AMI is recoverable.
      for (const s of image.snapshots) claimed.add(s.snapshotId);
      const kept = image.snapshots.map((s) => `${s.snapshotId} (for a Recycle Bin restore)`);
      return { image, position, snapshots: [], sharedSnapshots: kept, recycleBin };
    }
    const snapshots = image.snapshots.filter(
      (s) => !stillUsed.has(s.snapshotId) && !claimed.has(s.snapshotId),
    );
    for (const s of snapshots) claimed.add(s.snapshotId);
    const sharedSnapshots = image.snapshots
      .filter((s) => stillUsed.has(s.snapshotId))
      .map((s) => `${s.snapshotId} (used by ${stillUsed.get(s.snapshotId)})`);
    return { image, position, snapshots, sharedSnapshots };
  });
}

export function gibOf(plan: RegionPlan): number {
  const removals = plan.remove.flatMap((r) => r.snapshots).reduce((sum, s) => sum + s.gib, 0);
  return removals + plan.orphans.reduce((sum, s) => sum + s.gib, 0);
}
