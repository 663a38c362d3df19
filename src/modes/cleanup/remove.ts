/**
 * Carries out a region's plan: deregisters each AMI with its snapshots (DeleteAssociatedSnapshots,
 * which skips a snapshot another image uses), then deletes what that left of the planned snapshots
 * (two removed AMIs sharing one, or an API without the flag) and the orphans.
 */

import * as core from '@actions/core';
import { DeleteSnapshotCommand, DeregisterImageCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { errorCode, explainError, isNotFound } from '../../aws/errors.js';
import { mapConcurrent } from '../../aws/fanout.js';
import { cancellation } from '../../cancel.js';
import { oneLine } from '../../report/foreign.js';
import type { OwnImage, RegionPlan } from './types.js';
import { heldBack } from './usage.js';

/** Mutating calls in flight at once per region; the request pacing keeps them within EC2's rates. */
const REMOVE_CONCURRENCY = 10;

export interface RegionOutcome {
  region: string;
  /** Deprecated or disabled by this run: image id -> the stage done. */
  moved: Map<string, 'deprecate' | 'disable'>;
  /** From the image usage reports: image id -> account -> what references it there. */
  usage: Map<string, Map<string, string[]>>;
  /** Shared AMIs whose usage report failed: image id -> why. */
  usageUnknown: Map<string, string>;
  /** Planned moves not made because another account references the AMI: image id -> who. */
  held: Map<string, string>;
  deregistered: Set<string>;
  deletedSnapshots: Set<string>;
  /** Snapshots left because something still uses them after all. */
  leftSnapshots: Map<string, string>;
  failures: string[];
}

export function newOutcome(region: string): RegionOutcome {
  return {
    region,
    moved: new Map(),
    usage: new Map(),
    usageUnknown: new Map(),
    held: new Map(),
    deregistered: new Set(),
    deletedSnapshots: new Set(),
    leftSnapshots: new Map(),
    failures: [],
  };
}

/**
 * Runs `work` on each planned AMI (a few at once) that no other account turned out to reference (that
 * one is held back, with who references it); once cancelled, starts nothing new.
 */
export async function eachStillUnused<T extends { image: OwnImage }>(
  items: T[],
  outcome: RegionOutcome,
  work: (item: T) => Promise<void>,
): Promise<void> {
  await mapConcurrent(items, REMOVE_CONCURRENCY, async (item) => {
    // Cancelled: start nothing new; what was done is still reported, then the step fails.
    if (cancellation.aborted) return;
    const held = heldBack(item.image, outcome);
    if (held) outcome.held.set(item.image.imageId, held);
    else await work(item);
  });
}

/** Deregisters each planned AMI with its snapshots; failures are recorded per AMI. */
export async function deregisterAll(plan: RegionPlan, outcome: RegionOutcome): Promise<void> {
  const ec2 = awsClient(EC2Client, plan.region);
  await eachStillUnused(plan.remove, outcome, async ({ image, recycleBin }) => {
    try {
      // A Recycle Bin restore needs the snapshots: they stay while a rule keeps the AMI recoverable.
      const result = await ec2.send(
        new DeregisterImageCommand({ ImageId: image.imageId, DeleteAssociatedSnapshots: !recycleBin }),
      );
      outcome.deregistered.add(image.imageId);
      for (const r of result.DeleteSnapshotResults ?? []) {
        if (r.SnapshotId && r.ReturnCode === 'success') outcome.deletedSnapshots.add(r.SnapshotId);
      }
      core.info(`Deregistered ${image.imageId} (${oneLine(image.name)}) in ${plan.region}`);
    } catch (error) {
      if (isNotFound(error)) outcome.deregistered.add(image.imageId);
      else outcome.failures.push(`${image.imageId}: ${await explainError(error)}`);
    }
  });
}

/** Deletes what deregistration left of the planned snapshots, and the orphans. */
export async function deleteLeftSnapshots(plan: RegionPlan, outcome: RegionOutcome): Promise<void> {
  const ec2 = awsClient(EC2Client, plan.region);
  const leftOver = [
    ...plan.remove.filter((r) => outcome.deregistered.has(r.image.imageId)).flatMap((r) => r.snapshots),
    ...plan.orphans,
  ].filter((s) => !outcome.deletedSnapshots.has(s.snapshotId));
  await mapConcurrent(leftOver, REMOVE_CONCURRENCY, async ({ snapshotId }) => {
    if (cancellation.aborted) return;
    try {
      await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
      outcome.deletedSnapshots.add(snapshotId);
    } catch (error) {
      if (isNotFound(error)) outcome.deletedSnapshots.add(snapshotId);
      else if (errorCode(error) === 'InvalidSnapshot.InUse') {
        outcome.leftSnapshots.set(snapshotId, 'still in use (by an image or a new volume)');
      } else outcome.failures.push(`${snapshotId}: ${await explainError(error)}`);
    }
  });
}
