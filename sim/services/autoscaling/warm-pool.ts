/**
 * A group's warm pool over simulated time: instances launched from the group's configuration and
 * kept `Warmed:Pending` until they are initialised (running, then the lifecycle moment), then
 * `Warmed:<PoolState>` (stopped in EC2 for Stopped and Hibernated). Its size is
 * `max(MinSize, MaxGroupPreparedCapacity (else MaxSize) - DesiredCapacity)`. With
 * `InstanceReusePolicy.ReuseOnScaleIn`, instances a scale-in removes go back to the pool (stopped)
 * instead of being terminated. An instance refresh replaces the pool's instances after the group's
 * (engine.ts).
 */
import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import { schedule } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import {
  configOf,
  deregisterFromGroupTargets,
  IN_SERVICE_AFTER_RUNNING_SECONDS,
  launchFromConfig,
  record,
  terminateEc2,
} from './launch.js';
import type { GroupConfig, GroupInstance, GroupRecord, WarmInstance, WarmPoolRecord } from './state.js';

/** The lifecycle state DescribeWarmPool shows for a pool instance at `nowMs`. */
export function warmLifecycle(pool: WarmPoolRecord, w: WarmInstance, nowMs: number): string {
  if (w.goneAt) return 'Warmed:Terminating';
  if (ms(w.readyAt) > nowMs) return 'Warmed:Pending';
  return `Warmed:${pool.PoolState}`;
}

/** The pool's instances that are not on their way out. */
export function liveWarm(pool: WarmPoolRecord): WarmInstance[] {
  return pool.instances.filter((w) => !w.goneAt);
}

/** How many instances the pool keeps for the group's sizes now. */
export function warmPoolSize(g: GroupRecord): number {
  const pool = g.warmPool;
  if (!pool) return 0;
  const prepared =
    pool.MaxGroupPreparedCapacity !== undefined && pool.MaxGroupPreparedCapacity >= 0
      ? pool.MaxGroupPreparedCapacity
      : g.MaxSize;
  return Math.max(pool.MinSize, prepared - g.DesiredCapacity, 0);
}

/** Stops (or leaves running) the EC2 instance of a pool instance from `atMs`, as its pool state says. */
function park(sim: SimulatorApi, region: string, pool: WarmPoolRecord, id: string, atMs: number) {
  if (pool.PoolState === 'Running') return;
  const inst = regionState(sim, region).instances[id];
  if (!inst) return;
  const reason = `Warm pool: ${pool.PoolState.toLowerCase()} (${new Date(atMs).toISOString()})`;
  schedule(inst, atMs, [
    { state: 'stopping', after: 0, reason },
    { state: 'stopped', after: DURATIONS.instanceStoppingSeconds, reason },
  ]);
}

/** Launches one instance into the pool at `atMs` from `config`. */
export function launchWarm(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  config: GroupConfig,
  atMs: number,
  launchedBy?: string,
): WarmInstance {
  const pool = g.warmPool!;
  const launched = launchFromConfig(sim, region, g, config, atMs, liveWarm(pool));
  const initialised = atMs + (DURATIONS.instancePendingSeconds + IN_SERVICE_AFTER_RUNNING_SECONDS) * 1000;
  park(sim, region, pool, launched.InstanceId, initialised);
  const stopped = pool.PoolState === 'Running' ? 0 : DURATIONS.instanceStoppingSeconds;
  const w: WarmInstance = { ...launched, readyAt: isoAfter(initialised, stopped), launchedBy };
  pool.instances.push(w);
  return w;
}

/** Terminates a pool instance at `atMs`. */
export function terminateWarm(sim: SimulatorApi, region: string, w: WarmInstance, atMs: number) {
  w.goneAt = isoAfter(atMs, DURATIONS.instanceShuttingDownSeconds);
  terminateEc2(sim, region, w.InstanceId, atMs);
}

/** Launches or terminates pool instances until the pool has its size (from the group's configuration). */
export function fillWarmPool(sim: SimulatorApi, region: string, g: GroupRecord, atMs: number): void {
  const pool = g.warmPool;
  if (!pool) return;
  const want = warmPoolSize(g);
  const live = liveWarm(pool);
  for (let k = live.length; k < want; k++) launchWarm(sim, region, g, configOf(g), atMs);
  for (const w of live.slice(want)) terminateWarm(sim, region, w, atMs);
}

/** A scale-in with ReuseOnScaleIn: the instance leaves the group for the pool (stopped), not terminated. */
export function returnToPool(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  gi: GroupInstance,
  atMs: number,
): void {
  const pool = g.warmPool!;
  const atIso = new Date(atMs).toISOString();
  deregisterFromGroupTargets(sim, region, g, gi.InstanceId, atIso);
  park(sim, region, pool, gi.InstanceId, atMs);
  const stopped = pool.PoolState === 'Running' ? 0 : DURATIONS.instanceStoppingSeconds;
  pool.instances.push({
    InstanceId: gi.InstanceId,
    InstanceType: gi.InstanceType,
    AvailabilityZone: gi.AvailabilityZone,
    LaunchTemplate: gi.LaunchTemplate,
    versionNumber: gi.versionNumber,
    overrideIndex: gi.overrideIndex,
    imageId: gi.imageId,
    launchedAt: gi.launchedAt,
    readyAt: isoAfter(atMs, stopped),
    launchedBy: gi.launchedBy,
  });
  g.instances = g.instances.filter((i) => i !== gi);
  record(g, atIso, `to warm pool ${gi.InstanceId}`);
}

/** Drops pool instances whose termination has ended by `atMs`. */
export function applyWarmEvents(g: GroupRecord, atMs: number): void {
  const pool = g.warmPool;
  if (pool) pool.instances = pool.instances.filter((w) => !w.goneAt || ms(w.goneAt) > atMs);
}

/** The pool's next event time (an instance leaving), if any. */
export function warmEvents(g: GroupRecord): number[] {
  return (g.warmPool?.instances ?? []).filter((w) => w.goneAt).map((w) => ms(w.goneAt));
}
