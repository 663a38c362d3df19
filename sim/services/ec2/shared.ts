/**
 * What one account sees of other accounts' EC2 state. An image (and its snapshots) lives in the state
 * of the account that made it, or was seeded with it (Amazon's public images: the default account's);
 * other accounts reach it there when it is public or shared with them. Other accounts' slices are only
 * read here, never created.
 */
import { everyAccount } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { regionState } from './region.js';
import type { Ec2Region, Ec2State, ImageRecord, SnapshotRecord } from './state.js';

/** A record and the view of the account whose state holds it. */
export interface Homed<T> {
  record: T;
  home: SimulatorApi;
  r: Ec2Region;
}

/** An account's EC2 slice of a region, if it has one (never created). */
export function peekRegion(sim: SimulatorApi, region: string): Ec2Region | undefined {
  return sim.slice<Ec2State | undefined>('ec2')?.regions?.[region];
}

/** The caller's region slice (created on first use), then every other account's that exists. */
export function regionsEverywhere(sim: SimulatorApi, region: string): { home: SimulatorApi; r: Ec2Region }[] {
  return everyAccount(sim).flatMap((home, k) => {
    const r = k === 0 ? regionState(home, region) : peekRegion(home, region);
    return r ? [{ home, r }] : [];
  });
}

function locate<K extends 'images' | 'snapshots'>(sim: SimulatorApi, region: string, kind: K, id: string) {
  for (const { home, r } of regionsEverywhere(sim, region)) {
    const record = r[kind][id] as Ec2Region[K][string] | undefined;
    if (record) return { record, home, r };
  }
  return undefined;
}

/** Where an image id is kept, whoever may see it. */
export function locateImage(sim: SimulatorApi, region: string, id: string): Homed<ImageRecord> | undefined {
  return locate(sim, region, 'images', id);
}

/** Where a snapshot id is kept, whoever may see it. */
export function locateSnapshot(
  sim: SimulatorApi,
  region: string,
  id: string,
): Homed<SnapshotRecord> | undefined {
  return locate(sim, region, 'snapshots', id);
}

/** Whether `accountId` may see (describe, launch, copy) the image. */
export function canSee(img: ImageRecord, accountId: string): boolean {
  return (
    img.OwnerId === accountId ||
    img.Public ||
    img.launchPermissions.some((p) => p.UserId === accountId || p.Group === 'all')
  );
}

/** Whether `accountId` may see the snapshot and create volumes from it (copy it, or an AMI it backs). */
export function canSeeSnapshot(s: SnapshotRecord, accountId: string): boolean {
  return (
    s.OwnerId === accountId ||
    s.createVolumePermissions.some((p) => p.UserId === accountId || p.Group === 'all')
  );
}
