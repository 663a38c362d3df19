/** Outputs (`removed`, `kept`, `removed-snapshots`, `gib-freed`) and the job summary, per region. */
import * as core from '@actions/core';
import { awsNow } from '../../aws/clock.js';
import { oneLine } from '../../report/foreign.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import { gibOf } from './plan.js';
import { describeCover } from './recycle-bin.js';
import type { RegionOutcome } from './remove.js';
import { DONE } from './stages.js';
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
        ...(r.recycleBin ? { recycleBinDays: r.recycleBin.days } : {}),
      }));
  });
  const kept = plans.flatMap((plan) => {
    const held = outcomes?.get(plan.region)?.held ?? new Map<string, string>();
    const images = [...plan.moves.map((m) => m.image), ...plan.remove.map((r) => r.image)];
    return [
      ...plan.keep.map((k) => ({
        region: plan.region,
        imageId: k.image.imageId,
        name: k.image.name,
        stage: k.position ?? 'active',
        reasons: k.reasons,
      })),
      ...images
        .filter((image) => held.has(image.imageId))
        .map((image) => ({
          region: plan.region,
          imageId: image.imageId,
          name: image.name,
          stage: image.state === 'disabled' ? 'disabled' : 'active',
          reasons: [held.get(image.imageId) ?? ''],
        })),
    ];
  });
  const moved = plans.flatMap((plan) => {
    const outcome = outcomes?.get(plan.region);
    return plan.moves
      .filter((m) => !outcome || outcome.moved.has(m.image.imageId))
      .map((m) => ({ region: plan.region, imageId: m.image.imageId, name: m.image.name, stage: DONE[m.to] }));
  });
  const orphans = plans.flatMap((plan) => {
    const outcome = outcomes?.get(plan.region);
    return plan.orphans
      .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
      .map((s) => ({ region: plan.region, snapshotId: s.snapshotId, imageId: s.imageId, gib: s.gib }));
  });
  const gib = removed.reduce((sum, r) => sum + r.gib, 0) + orphans.reduce((sum, s) => sum + s.gib, 0);
  core.setOutput('removed', JSON.stringify(removed));
  core.setOutput('kept', JSON.stringify(kept));
  core.setOutput('moved', JSON.stringify(moved));
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
  const movedCount = dryRun
    ? plan.moves.length
    : plan.moves.filter((m) => outcome.moved.has(m.image.imageId)).length;
  const held = outcome?.held ?? new Map<string, string>();
  const verb = dryRun ? 'would remove' : 'removed';
  const moves = plan.moves.length ? `, ${dryRun ? 'would move' : 'moved'} ${movedCount} a stage on` : '';
  const shared = (imageId: string) =>
    dryRun && plan.shared.has(imageId) ? ' (if no other account references it)' : '';
  const action = (imageId: string, done: boolean, doing: string, did: string) => {
    if (dryRun) return `would ${doing}${shared(imageId)}`;
    if (held.has(imageId)) return 'kept';
    return done ? did : 'FAILED';
  };
  summaryTable(
    `Cleanup in ${plan.region}${dryRun ? ' (dry-run: nothing changed)' : ''}: ${verb} ${removedCount}${moves}, kept ${plan.keep.length + held.size}, ${gib} GiB of snapshots ${dryRun ? 'to free' : 'freed'}`,
    ['AMI', 'name', 'created', 'stage', 'action', 'why / snapshots / Recycle Bin'],
    [
      ...plan.moves.map((m) => [
        m.image.imageId,
        m.image.name,
        day(m.image.createdAt),
        m.position,
        action(m.image.imageId, !!outcome?.moved.has(m.image.imageId), m.to, DONE[m.to]),
        held.get(m.image.imageId) ?? `unused: no keeper keeps it; ${m.to} is the next of stages`,
      ]),
      ...plan.remove.map((r) => [
        r.image.imageId,
        r.image.name,
        day(r.image.createdAt),
        r.position,
        action(r.image.imageId, !!outcome?.deregistered.has(r.image.imageId), 'remove', 'removed'),
        held.get(r.image.imageId) ??
          [
            r.snapshots.map((s) => `${s.snapshotId} (${s.gib} GiB)`).join(', ') ||
              'no snapshots of its own to delete',
            ...r.sharedSnapshots.map((s) => `kept ${s}`),
            plan.recycleBinUnknown
              ? `Recycle Bin rules unknown (${plan.recycleBinUnknown})`
              : describeCover(
                  r.recycleBin,
                  outcome?.deregistered.has(r.image.imageId) ? awsNow() : undefined,
                ),
          ].join('; '),
      ]),
      ...plan.keep.map((k) => [
        k.image.imageId,
        k.image.name,
        day(k.image.createdAt),
        k.position ?? 'active',
        k.staying ? 'stays' : 'kept',
        k.reasons.join('; '),
      ]),
      ...plan.orphans.map((s) => [
        s.snapshotId,
        `orphan snapshot of ${s.imageId}`,
        '',
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
  for (const m of plan.moves) {
    core.info(
      `${plan.region} ${m.image.imageId} (${oneLine(m.image.name)}): ${m.position}: ${dryRun ? 'would ' : ''}${m.to}`,
    );
  }
  for (const r of plan.remove) {
    const snaps = r.snapshots.map((s) => `${s.snapshotId} ${s.gib} GiB`).join(', ');
    const bin = r.recycleBin ? `; ${describeCover(r.recycleBin)}` : '';
    core.info(
      `${plan.region} ${r.image.imageId} (${oneLine(r.image.name)}): ${verb}${snaps ? `, with ${snaps}` : ''}${bin}`,
    );
  }
  for (const k of plan.keep) {
    const what = k.staying ? 'stays' : 'keep';
    core.info(
      `${plan.region} ${k.image.imageId} (${oneLine(k.image.name)}): ${what}: ${oneLine(k.reasons.join('; '))}`,
    );
  }
  for (const s of plan.orphans) {
    core.info(
      `${plan.region} ${s.snapshotId}: ${verb} orphan snapshot (${s.gib} GiB) of ${s.imageId}, which is gone`,
    );
  }
}
