/** The plan of a region: which selected AMIs go (with which snapshots) and which stay, and why. */
import type { Reasons } from './keepers/index.js';
import type { Kept, OrphanSnapshot, RegionImages, RegionPlan, Removal } from './types.js';

export function planRegion(images: RegionImages, reasons: Reasons, orphans: OrphanSnapshot[]): RegionPlan {
  const keep: Kept[] = [];
  const removeImages = images.selected.filter((image) => {
    const why = reasons.get(image.imageId);
    if (why?.length) keep.push({ image, reasons: why });
    return !why?.length;
  });
  const removed = new Set(removeImages.map((image) => image.imageId));
  // Snapshot -> an AMI that stays and uses it.
  const stillUsed = new Map<string, string>();
  for (const image of images.all) {
    if (removed.has(image.imageId)) continue;
    for (const s of image.snapshots) stillUsed.set(s.snapshotId, image.imageId);
  }
  // A snapshot two removed AMIs share goes once, with the first.
  const claimed = new Set<string>();
  const remove: Removal[] = removeImages.map((image) => {
    const snapshots = image.snapshots.filter(
      (s) => !stillUsed.has(s.snapshotId) && !claimed.has(s.snapshotId),
    );
    for (const s of snapshots) claimed.add(s.snapshotId);
    const sharedSnapshots = image.snapshots
      .filter((s) => stillUsed.has(s.snapshotId))
      .map((s) => `${s.snapshotId} (used by ${stillUsed.get(s.snapshotId)})`);
    return { image, snapshots, sharedSnapshots };
  });
  return { region: images.region, remove, keep, orphans };
}

export function gibOf(plan: RegionPlan): number {
  const removals = plan.remove.flatMap((r) => r.snapshots).reduce((sum, s) => sum + s.gib, 0);
  return removals + plan.orphans.reduce((sum, s) => sum + s.gib, 0);
}
