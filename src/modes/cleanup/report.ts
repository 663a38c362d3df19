/** Outputs (`removed`, `kept`, `removed-snapshots`, `gib-freed`) and the job summary, per region. */
import * as core from '@actions/core';
import { oneLine } from '../../report/foreign.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import { gibOf } from './plan.js';
import type { RegionOutcome } from './remove.js';
import type { RegionPlan } from './types.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

/** With an outcome, what was done; without (dry-run), what the plan would do. */
export function reportPlans(plans: RegionPlan[], outcomes?: Map<string, RegionOutcome>): void {
  const removed = plans.flatMap((plan) => {
    const outcome = outcomes?.get(plan.region);
    return plan.remove
      .filter((r) => !outcome || outcome.deregistered.has(r.image.imageId))
      .map((r) => ({
        region: plan.region,
        imageId: r.image.imageId,
        name: r.image.name,
        created: r.image.createdAt.toISOString(),
        snapshots: r.snapshots
          .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
          .map((s) => s.snapshotId),
        gib: r.snapshots
          .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
          .reduce((sum, s) => sum + s.gib, 0),
      }));
  });
  const kept = plans.flatMap((plan) =>
    plan.keep.map((k) => ({
      region: plan.region,
      imageId: k.image.imageId,
      name: k.image.name,
      reasons: k.reasons,
    })),
  );
  const orphans = plans.flatMap((plan) => {
    const outcome = outcomes?.get(plan.region);
    return plan.orphans
      .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
      .map((s) => ({ region: plan.region, snapshotId: s.snapshotId, imageId: s.imageId, gib: s.gib }));
  });
  const gib = removed.reduce((sum, r) => sum + r.gib, 0) + orphans.reduce((sum, s) => sum + s.gib, 0);
  core.setOutput('removed', JSON.stringify(removed));
  core.setOutput('kept', JSON.stringify(kept));
  core.setOutput('removed-snapshots', JSON.stringify(orphans));
  core.setOutput('gib-freed', String(gib));
  for (const plan of plans) summarizeRegion(plan, outcomes?.get(plan.region));
}

function summarizeRegion(plan: RegionPlan, outcome: RegionOutcome | undefined): void {
  const dryRun = !outcome;
  const gib = dryRun
    ? gibOf(plan)
    : [...plan.remove.flatMap((r) => r.snapshots), ...plan.orphans]
        .filter((s) => outcome.deletedSnapshots.has(s.snapshotId))
        .reduce((sum, s) => sum + s.gib, 0);
  const removedCount = dryRun
    ? plan.remove.length
    : plan.remove.filter((r) => outcome.deregistered.has(r.image.imageId)).length;
  const verb = dryRun ? 'would remove' : 'removed';
  summaryTable(
    `Cleanup in ${plan.region}${dryRun ? ' (dry-run: nothing changed)' : ''}: ${verb} ${removedCount}, kept ${plan.keep.length}, ${gib} GiB of snapshots ${dryRun ? 'to free' : 'freed'}`,
    ['AMI', 'name', 'created', 'action', 'why / snapshots'],
    [
      ...plan.remove.map((r) => [
        r.image.imageId,
        r.image.name,
        day(r.image.createdAt),
        dryRun ? 'would remove' : outcome.deregistered.has(r.image.imageId) ? 'removed' : 'FAILED',
        [
          r.snapshots.map((s) => `${s.snapshotId} (${s.gib} GiB)`).join(', ') || 'no snapshots of its own',
          ...r.sharedSnapshots.map((s) => `kept ${s}`),
        ].join('; '),
      ]),
      ...plan.keep.map((k) => [
        k.image.imageId,
        k.image.name,
        day(k.image.createdAt),
        'kept',
        k.reasons.join('; '),
      ]),
      ...plan.orphans.map((s) => [
        s.snapshotId,
        `orphan snapshot of ${s.imageId}`,
        '',
        dryRun ? 'would delete' : outcome.deletedSnapshots.has(s.snapshotId) ? 'deleted' : 'FAILED',
        `${s.gib} GiB`,
      ]),
    ],
  );
  for (const [snapshotId, why] of outcome?.leftSnapshots ?? []) summaryLine(`Left ${snapshotId}: ${why}.`);
}

/** The plan, in the log: one line per AMI (names and reasons, which quote AWS and tags, kept to it). */
export function logPlan(plan: RegionPlan, dryRun: boolean): void {
  const verb = dryRun ? 'would remove' : 'remove';
  for (const r of plan.remove) {
    const snaps = r.snapshots.map((s) => `${s.snapshotId} ${s.gib} GiB`).join(', ');
    core.info(
      `${plan.region} ${r.image.imageId} (${oneLine(r.image.name)}): ${verb}${snaps ? `, with ${snaps}` : ''}`,
    );
  }
  for (const k of plan.keep)
    core.info(
      `${plan.region} ${k.image.imageId} (${oneLine(k.image.name)}): keep: ${oneLine(k.reasons.join('; '))}`,
    );
  for (const s of plan.orphans) {
    core.info(
      `${plan.region} ${s.snapshotId}: ${verb} orphan snapshot (${s.gib} GiB) of ${s.imageId}, which is gone`,
    );
  }
}
